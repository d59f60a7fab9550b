import { execFileSync } from "node:child_process";
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoyaltyDogClient, InvalidArgumentError } from "../../src/index.js";
import { downloadToFile } from "../../src/node/index.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { rejectionOf } from "./support.js";

// What a hostile neighbour can plant beside a download's target: a symlink or a FIFO at `<path>.part`.
const CONTENT = "id,amount\n".repeat(100_000); // ~1 MB
let storage: TestServer;
let dir: string;

beforeAll(async () => {
  storage = await startServer((req, res) => {
    if (req.url === "/stall") {
      // Head and a first chunk, then nothing: the download is in flight when the test aborts it.
      res.writeHead(200, { "content-type": "text/csv", "content-length": String(CONTENT.length) });
      res.write(CONTENT.slice(0, 65_536));
      return;
    }
    res.writeHead(200, { "content-type": "text/csv", "content-length": String(CONTENT.length) });
    res.end(CONTENT);
  });
  dir = mkdtempSync(join(tmpdir(), "ldsdk-hostile-"));
});
afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () => createLoyaltyDogClient({ token: "ld_test_hostile", baseUrl: "https://api.loyalty.dog" });

function plantSymlink(name: string): { out: string; victim: string } {
  const victim = join(dir, `${name}-victim.txt`);
  writeFileSync(victim, "VICTIM");
  const out = join(dir, `${name}.csv`);
  symlinkSync(victim, `${out}.part`);
  return { out, victim };
}

describe("downloadToFile beside planted files", () => {
  it("never writes through a symlink at <path>.part, on success", async () => {
    const { out, victim } = plantSymlink("ok");
    const saved = await downloadToFile(client(), `${storage.url}/file.csv`, out);
    expect(saved.bytes).toBe(CONTENT.length);
    expect(readFileSync(out, "utf8")).toBe(CONTENT);
    expect(readFileSync(victim, "utf8")).toBe("VICTIM");
    expect(readlinkSync(`${out}.part`)).toBe(victim); // left alone, not followed
    expect(readdirSync(dir).filter((f) => f.startsWith("ok.csv.") && f !== "ok.csv.part")).toEqual([]);
  });

  it("never truncates the symlink's target when the download fails (aborted mid-body)", async () => {
    const { out, victim } = plantSymlink("aborted");
    const controller = new AbortController();
    const reason = new Error("stop");
    const error = await rejectionOf(
      downloadToFile(client(), `${storage.url}/stall`, out, {
        signal: controller.signal,
        onProgress: () => controller.abort(reason),
      }),
    );
    expect(error).toBe(reason);
    expect(readFileSync(victim, "utf8")).toBe("VICTIM");
    expect(() => lstatSync(out)).toThrow(/ENOENT/);
    // Our own temporary file is gone; the planted link is still there.
    expect(readdirSync(dir).filter((f) => f.startsWith("aborted.csv"))).toEqual(["aborted.csv.part"]);
  });

  it("does not hang on a FIFO at <path>.part", async () => {
    const out = join(dir, "fifo.csv");
    execFileSync("mkfifo", [`${out}.part`]);
    const saved = await downloadToFile(client(), `${storage.url}/file.csv`, out);
    expect(saved.bytes).toBe(CONTENT.length);
    expect(lstatSync(`${out}.part`).isFIFO()).toBe(true);
  });

  it("replaces a symlink at the target path itself rather than writing through it", async () => {
    const victim = join(dir, "target-victim.txt");
    writeFileSync(victim, "VICTIM");
    const out = join(dir, "target.csv");
    symlinkSync(victim, out);
    await downloadToFile(client(), `${storage.url}/file.csv`, out);
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(readFileSync(out, "utf8")).toBe(CONTENT);
    expect(readFileSync(victim, "utf8")).toBe("VICTIM");
  });

  it("an already-aborted signal creates nothing", async () => {
    const out = join(dir, "never.csv");
    const reason = new Error("already");
    const error = await rejectionOf(
      downloadToFile(client(), `${storage.url}/file.csv`, out, { signal: AbortSignal.abort(reason) }),
    );
    expect(error).toBe(reason);
    expect(readdirSync(dir).filter((f) => f.startsWith("never.csv"))).toEqual([]);
  });
});

describe("downloadToFile with resume: true beside planted files", () => {
  it("refuses a symlink at <path>.part rather than appending through it", async () => {
    const { out, victim } = plantSymlink("resume-link");
    const error = await rejectionOf(downloadToFile(client(), `${storage.url}/file.csv`, out, { resume: true }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/cannot resume into .*resume-link\.csv\.part/);
    expect(readFileSync(victim, "utf8")).toBe("VICTIM");
    expect(readlinkSync(`${out}.part`)).toBe(victim);
  });

  it("refuses a FIFO at <path>.part without hanging on it", async () => {
    const out = join(dir, "resume-fifo.csv");
    execFileSync("mkfifo", [`${out}.part`]);
    const error = await rejectionOf(downloadToFile(client(), `${storage.url}/file.csv`, out, { resume: true }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(lstatSync(`${out}.part`).isFIFO()).toBe(true);
  });

  it("replaces a symlink at <path>.part.json instead of writing through it", async () => {
    const victim = join(dir, "json-victim.txt");
    writeFileSync(victim, "VICTIM");
    const out = join(dir, "resume-json.csv");
    symlinkSync(victim, `${out}.part.json`);
    const controller = new AbortController();
    await rejectionOf(
      downloadToFile(client(), `${storage.url}/stall`, out, {
        resume: true,
        signal: controller.signal,
        onProgress: () => controller.abort(new Error("stop")),
      }),
    );
    expect(readFileSync(victim, "utf8")).toBe("VICTIM");
  });
});
