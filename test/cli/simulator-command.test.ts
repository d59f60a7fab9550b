// `loyaltydog simulator` as its own process: it listens on 127.0.0.1, prints the two exports, and the CLI (another
// process) run with exactly those exports exports the README's date range; a stop signal closes it cleanly.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AUDIT_LOG_CSV_COLUMNS, DEFAULT_SIMULATOR_TOKEN } from "../../src/testing/index.js";
import { type RunningChild, runTs, startTs } from "../support/run-child.js";

const CLI = "src/cli/main.ts";
const dir = mkdtempSync(join(tmpdir(), "ldsdk-simulator-cmd-"));
const running: RunningChild[] = [];
afterAll(() => {
  for (const child of running) child.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** The `export NAME=value` lines of stdout, as a shell would apply them. */
function exportsOf(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
}

async function startSimulator(args: readonly string[] = ["--port", "0"]): Promise<RunningChild> {
  const child = startTs(CLI, ["simulator", ...args]);
  running.push(child);
  await child.waitFor(/^export LOYALTYDOG_TOKEN=.*\n/m);
  return child;
}

describe("loyaltydog simulator", () => {
  it("prints the two exports; the CLI run with them exports the README's range; SIGTERM stops it, exit 0", async () => {
    const chunks: string[] = [];
    const simulator = startTs(CLI, ["simulator", "--port", "0"]);
    running.push(simulator);
    simulator.child.stdout?.on("data", (chunk: string) => chunks.push(chunk));
    await simulator.waitFor(/^export LOYALTYDOG_TOKEN=.*\n/m);
    const exports = exportsOf(chunks.join(""));
    expect(Object.keys(exports).sort()).toEqual(["LOYALTYDOG_BASE_URL", "LOYALTYDOG_TOKEN"]);
    expect(exports.LOYALTYDOG_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(exports.LOYALTYDOG_TOKEN).toBe(DEFAULT_SIMULATOR_TOKEN);

    // The README's CLI example, word for word but for the output path.
    const out = join(dir, "logs.csv");
    const args = ["audit-logs", "export", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "csv"];
    const exported = await runTs(CLI, [...args, "--out", out], exports);
    expect(exported.stderr).toMatch(/: success/);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(AUDIT_LOG_CSV_COLUMNS.join(","));
    expect(lines.length - 1).toBe(120);
    // A narrower window exports a part of it: the dates are data, not decoration.
    const part = join(dir, "part.csv");
    const narrower = ["audit-logs", "export", "--from", "2026-01-02", "--to", "2026-01-03", "--out", part];
    expect((await runTs(CLI, narrower, exports)).code).toBe(0);
    const partRows = readFileSync(part, "utf8").trimEnd().split("\n").length - 1;
    expect(partRows).toBeGreaterThan(0);
    expect(partRows).toBeLessThan(120);

    simulator.child.kill("SIGTERM");
    const stopped = await simulator.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/simulator stopped \(\d+ API requests served\)/);
    // The port is free again: nothing was left listening.
    const port = Number(new URL(exports.LOYALTYDOG_BASE_URL as string).port);
    await new Promise<void>((resolve, reject) => {
      const probe = createServer().once("error", reject);
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
    });
  }, 120_000);

  it("stops on Ctrl-C (SIGINT) too, exit 0", async () => {
    const simulator = await startSimulator();
    simulator.child.kill("SIGINT");
    const stopped = await simulator.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain("simulator stopped");
  }, 60_000);

  it("listens on the fixed documented port by default, and says so when it is taken (exit 2)", async () => {
    const { DEFAULT_SIMULATOR_PORT } = await import("../../src/cli/commands/simulator.js");
    // Hold the port ourselves (or find it held), so the default can only collide.
    const holder = createServer();
    await new Promise<void>((resolve) => {
      holder.once("error", () => resolve());
      holder.listen(DEFAULT_SIMULATOR_PORT, "127.0.0.1", () => resolve());
    });
    try {
      const result = await runTs(CLI, ["simulator"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`cannot listen on 127.0.0.1:${DEFAULT_SIMULATOR_PORT} (EADDRINUSE)`);
      expect(result.stderr).toContain("--port");
      expect(result.stdout).toBe("");
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
    const help = await runTs(CLI, ["simulator", "--help"]);
    expect(help.stdout).toContain(`(default: "${DEFAULT_SIMULATOR_PORT}")`);
    expect(help.stdout).toContain(`export LOYALTYDOG_BASE_URL=http://127.0.0.1:${DEFAULT_SIMULATOR_PORT}`);
    expect(help.stdout).toContain(`export LOYALTYDOG_TOKEN=${DEFAULT_SIMULATOR_TOKEN}`);
  }, 60_000);

  it("refuses a bad --port before listening (exit 2)", async () => {
    const result = await runTs(CLI, ["simulator", "--port", "99999"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: UsageError: --port must be a port number from 0 to 65535/m);
  }, 60_000);
});
