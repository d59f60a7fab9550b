import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoyaltyDogClient, InvalidArgumentError } from "../../src/index.js";
import { downloadToFile } from "../../src/node/index.js";
import { startServer, type TestServer } from "../support/http-server.js";

// Where downloadToFile may write: a missing folder is refused (as the CLI's --out refuses it) unless
// `createDirectories` asks for it; /proc and /sys, and paths through a file, are refused either way, with a
// sentence, before anything is downloaded. `/proc/nope` used to spin Node's recursive mkdir at 99 % CPU forever.
let storage: TestServer;
let dir: string;
let requests = 0;

beforeAll(async () => {
  storage = await startServer((_req, res) => {
    requests += 1;
    res.writeHead(200, { "content-type": "text/csv", "content-length": "4" }).end("a,b\n");
  });
  dir = mkdtempSync(join(tmpdir(), "ldsdk-target-"));
});
afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () => createLoyaltyDogClient({ token: "ld_test_target", baseUrl: "https://api.loyalty.dog" });
const save = (path: string, options: { createDirectories?: boolean } = {}) =>
  downloadToFile(client(), `${storage.url}/file.csv`, path, options);

describe("downloadToFile's target folder", () => {
  it.each([false, true])("refuses /proc and /sys at once (createDirectories: %s)", async (createDirectories) => {
    const before = requests;
    for (const [path, message] of [
      ["/proc/nope/x.csv", "downloadToFile: /proc/nope is in /proc, the kernel's view of the system, not storage"],
      ["/proc/x.csv", "/proc is in /proc"],
      ["/proc/self/x.csv", "is in /proc"],
      ["/sys/kernel/nope/x.csv", "/sys/kernel/nope is in /sys"],
    ] as const) {
      const error = await save(path, { createDirectories }).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toContain(message);
    }
    expect(requests).toBe(before);
  });

  it("refuses /proc reached through a symlink", async () => {
    const link = join(dir, "to-proc");
    symlinkSync("/proc/self", link);
    await expect(save(join(link, "nope", "x.csv"), { createDirectories: true })).rejects.toThrow(/is in \/proc/);
  });

  it("refuses a missing folder by default, saying how to create it, and writes nothing", async () => {
    const folder = join(dir, "not-yet", "deeper");
    await expect(save(join(folder, "x.csv"))).rejects.toThrow(
      `downloadToFile: the directory ${folder} does not exist; create it first, or pass createDirectories: true`,
    );
    await expect(save(join(folder, "x.csv"))).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("creates the missing folders with createDirectories: true", async () => {
    const path = join(dir, "made", "by", "download", "x.csv");
    const saved = await save(path, { createDirectories: true });
    expect(saved.bytes).toBe(4);
    expect(readFileSync(path, "utf8")).toBe("a,b\n");
  });

  it("a file as the parent, or further up, is a clear error, not a raw EEXIST or ENOTDIR", async () => {
    const file = join(dir, "plain.txt");
    writeFileSync(file, "x");
    for (const createDirectories of [false, true]) {
      await expect(save(join(file, "x.csv"), { createDirectories })).rejects.toThrow(
        `downloadToFile: ${file} is not a directory`,
      );
      await expect(save(join(file, "sub", "x.csv"), { createDirectories })).rejects.toThrow(
        `downloadToFile: ${join(file, "sub")} is not a directory (a file is in its path)`,
      );
    }
  });

  // Root may create anywhere: the case needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)("a folder it may not create in is named with the reason", async () => {
    const locked = join(dir, "locked");
    mkdirSync(locked, { mode: 0o555 });
    await expect(save(join(locked, "sub", "x.csv"), { createDirectories: true })).rejects.toThrow(
      `downloadToFile: cannot create the directory ${join(locked, "sub")} (EACCES)`,
    );
  });
});
