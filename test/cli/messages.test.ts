// What the CLI says, as a user reads it: the refused base URL named for what it is, counts in the right number, the
// final state once, each command's own exit codes in its help.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliWorld, startCliWorld } from "../support/cli-world.js";
import { runTs } from "../support/run-child.js";

const CLI = "src/cli/main.ts";
const token = { LOYALTYDOG_TOKEN: "ld_test_messages_token" };
let world: CliWorld;
let dir: string;
beforeAll(async () => {
  world = await startCliWorld({ tasks: { pollsToComplete: 2 } });
  dir = mkdtempSync(join(tmpdir(), "ldsdk-cli-messages-"));
});
afterAll(async () => {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("LOYALTYDOG_BASE_URL refused", () => {
  it("plain http to a remote host: says so, and what works instead (exit 2), quoting no user info", async () => {
    const [plain, withUser] = await Promise.all([
      runTs(CLI, ["tasks", "wait", "abc"], { ...token, LOYALTYDOG_BASE_URL: "http://example.com" }),
      runTs(CLI, ["tasks", "wait", "abc"], {
        ...token,
        LOYALTYDOG_BASE_URL: "http://me:hunter2secret@example.com:8080",
      }),
    ]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^error: UsageError: LOYALTYDOG_BASE_URL uses plain http to example.com, /m);
    expect(plain.stderr).toContain("use https://example.com");
    expect(plain.stderr).toContain("plain http is allowed only to this machine");
    expect(plain.stderr).not.toContain("not an http(s) URL");
    expect(withUser.code).toBe(2);
    expect(withUser.stderr).toContain("plain http to example.com:8080");
    expect(withUser.stderr).not.toContain("hunter2secret");
  }, 60_000);

  it("not a URL, or not http(s): the client's reason, named for the variable", async () => {
    const [notUrl, ftp] = await Promise.all([
      runTs(CLI, ["tasks", "wait", "abc"], { ...token, LOYALTYDOG_BASE_URL: "api.loyalty.dog" }),
      runTs(CLI, ["tasks", "wait", "abc"], { ...token, LOYALTYDOG_BASE_URL: "ftp://api.loyalty.dog" }),
    ]);
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(/^error: UsageError: LOYALTYDOG_BASE_URL: "api.loyalty.dog" is not a URL$/m);
    expect(ftp.code).toBe(2);
    expect(ftp.stderr).toMatch(/^error: UsageError: LOYALTYDOG_BASE_URL: must be http\(s\), got ftp:$/m);
  }, 60_000);
});

describe("the wait's progress lines", () => {
  it("say 1 poll, 2 polls, and the final state once", async () => {
    const out = join(dir, "logs.csv");
    const result = await runTs(CLI, ["audit-logs", "export", "--out", out], world.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/: pending · 1 poll · /);
    expect(result.stderr).toMatch(/: processing · 2 polls · /);
    expect(result.stderr).not.toMatch(/\b1 polls\b/);
    expect(result.stderr.split("\n").filter((line) => line.includes("success"))).toHaveLength(1);
  }, 60_000);
});

describe("--help of the spec commands", () => {
  it("shows their own exit codes, not the API commands'", async () => {
    const [spec, check] = await Promise.all([runTs(CLI, ["spec", "--help"]), runTs(CLI, ["spec", "check", "--help"])]);
    for (const help of [spec, check]) {
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("0 in sync, 1 drift, 2 could not check");
      expect(help.stdout).not.toContain("API or task error");
      expect(help.stdout).not.toContain("LOYALTYDOG_TOKEN");
    }
  }, 60_000);
});
