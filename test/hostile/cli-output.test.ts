import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/http-server.js";
import { REPO_ROOT, runTs } from "../support/run-child.js";

// The `loyaltydog` bin against a hostile API on 127.0.0.1: what it prints, and that it all arrives.
const CLI = "src/cli/main.ts";
const ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[1A\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\u202e";
const LONG_URL = `https://storage.example/export.csv?pad=${"a".repeat(2 ** 20)}`;
let api: TestServer;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.method === "POST") {
      res.writeHead(202);
      res.end(JSON.stringify({ taskId: `task${ESCAPES}`, status: `pending${ESCAPES}` }));
    } else if (req.url?.endsWith("/long-url")) {
      res.end(JSON.stringify({ status: "success", downloadUrl: LONG_URL }));
    } else {
      res.end(
        JSON.stringify({ status: "failed", error: `disk full${ESCAPES}\nerror: AuthenticationError: forged line` }),
      );
    }
  });
  env = { LOYALTYDOG_TOKEN: "ld_test_hostile_cli", LOYALTYDOG_BASE_URL: api.url };
});
afterAll(() => api.close());

describe("server-chosen text the CLI prints", () => {
  it("carries no escape sequence or control character, and cannot forge a line", async () => {
    const result = await runTs(CLI, ["audit-logs", "export", "--out", "/tmp/never-written.csv"], env);
    expect(result.code).toBe(1);
    const printed = result.stdout + result.stderr;
    expect(printed).toContain("export task task");
    expect(printed).toMatch(/error: TaskFailedError: .*disk full/);
    // Only the CLI's own line breaks are left.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(printed.replace(/\n/g, "")).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e]/);
    expect(printed.match(/^error:/gm)).toHaveLength(1);
  }, 60_000);
});

describe("output to a slow reader", () => {
  it("is not cut when the process ends: a 1 MB line on stdout arrives whole", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "tasks", "wait", "long-url"], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // A reader that takes nothing yet: the pipe fills, and the rest waits in the CLI.
    child.stdout.pause();
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const stdoutClosed = new Promise((resolve) => child.stdout.once("close", resolve));
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
        if (stderr.includes("long-url: success")) resolve();
      });
      child.once("exit", () => reject(new Error(`exited before finishing the wait: ${stderr}`)));
    });
    // The CLI has written its answer. Exiting now would lose what the pipe could not take:
    // give it the time it would need to exit, then start reading.
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 1500))]);
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stdout.resume();
    const code = await exited;
    await stdoutClosed;
    expect(early).toBe("still running");
    expect(code).toBe(0);
    expect(stdout).toBe(`${LONG_URL}\n`);
  }, 60_000);
});
