import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLoyaltyDogClient } from "../../src/index.js";
import { startAuditLogExport } from "../../src/tasks.js";
import {
  AUDIT_LOG_CSV_COLUMNS,
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type ListeningSimulator,
  type LoyaltyDogSimulator,
} from "../../src/testing/index.js";
import { type CliWorld, startCliWorld } from "../support/cli-world.js";
import { runTs, startTs } from "../support/run-child.js";

// The `loyaltydog` bin as its own process (tsx on src/cli/main.ts) against a simulator on
// 127.0.0.1 owned by this test. Sequential on purpose: each child pays ~1 s of tsx start-up.
const CLI = "src/cli/main.ts";
let world: CliWorld;
let sim: LoyaltyDogSimulator;
let servers: ListeningSimulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  // Quick tasks: one "pending" poll, then done (the CLI polls at the SDK's 500 ms floor).
  world = await startCliWorld({ tasks: { pollsToComplete: 1 } });
  ({ sim, servers, dir, env } = world);
});
afterAll(() => world.close());

const csvLines = (path: string) => readFileSync(path, "utf8").trimEnd().split("\n");

describe("audit-logs export", () => {
  it("starts, prints the task id, waits with progress on stderr and streams the file to --out", async () => {
    const out = join(dir, "logs.csv");
    // The fixtures are one entry a minute from 2025-01-01T00:00Z: this window holds entries 30 to 59.
    const range = ["--from", "2025-01-01T00:30:00Z", "--to", "2025-01-01T00:59:59Z"];
    const args = ["audit-logs", "export", ...range, "--format", "csv"];
    const result = await runTs(CLI, [...args, "--out", out], env);
    expect(result.stderr).toMatch(/export task [0-9a-f-]{36} started .*loyaltydog tasks wait/);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(out);
    // The id comes before the first progress line, so an interrupted user still has it.
    expect(result.stderr.indexOf("started")).toBeLessThan(result.stderr.indexOf(" poll"));
    expect(result.stderr).toMatch(/: success/);
    const lines = csvLines(out);
    expect(lines[0]).toBe(AUDIT_LOG_CSV_COLUMNS.join(","));
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(
      sim.auditLogEntries.slice(30, 60).map((e) => e.id),
    );
    expect(existsSync(`${out}.part`)).toBe(false);
    const start = sim.requests.find((r) => r.method === "POST" && r.path === "/v2/giftcards/audit-logs/export");
    expect(start?.headers["user-agent"]).toMatch(/loyaltydog-cli/);
  });

  it("exits 1 with TaskFailedError and the server's text when the export fails", async () => {
    sim.nextTask({ outcome: "failure", error: "export worker ran out of disk" });
    const out = join(dir, "failed.csv");
    const result = await runTs(CLI, ["audit-logs", "export", "--out", out], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: TaskFailedError: .*export worker ran out of disk/m);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 1 with AuthenticationError and never prints the token", async () => {
    const secret = "ld_test_not_a_real_key_3f9a";
    const result = await runTs(CLI, ["audit-logs", "export", "--out", join(dir, "x.csv")], {
      ...env,
      LOYALTYDOG_TOKEN: secret,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: AuthenticationError: 401 .*\(request id \S+\)$/m);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});

describe("tasks wait", () => {
  it("resumes a wait on an export started elsewhere and downloads it", async () => {
    sim.nextTask({ pollsToComplete: 2 });
    const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, baseUrl: servers.apiUrl });
    const { taskId } = await startAuditLogExport(client, { format: "json" });
    const out = join(dir, "resumed.json");
    const result = await runTs(CLI, ["tasks", "wait", taskId, "--out", out], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`export ${taskId}: success`);
    expect(JSON.parse(readFileSync(out, "utf8"))).toHaveLength(sim.auditLogEntries.length);
  });

  it("exits 1 with NotFoundError for an unknown task id", async () => {
    const result = await runTs(CLI, ["tasks", "wait", "no-such-task"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: NotFoundError: 404 .*Export task not found.*request id/m);
  });
});

describe("Ctrl-C", () => {
  it("during the wait: exits 130, leaves no output file and no .part", async () => {
    sim.nextTask({ completeAfterMs: 10 * 60_000 });
    const out = join(dir, "interrupted-wait.csv");
    const running = startTs(CLI, ["audit-logs", "export", "--out", out], env);
    await running.waitFor(/pending · 1 poll /);
    running.child.kill("SIGINT");
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("interrupted");
    expect(readdirSync(dir).filter((f) => f.startsWith("interrupted-wait"))).toEqual([]);
  });

  it("during the download: exits 130 and removes the .part file", async () => {
    // A 4 GiB export, generated as it is read: the download is still running when Ctrl-C arrives.
    const big = createLoyaltyDogSimulator({
      clock: { now: () => Date.now() },
      tasks: { pollsToComplete: 0 },
      exportSizeBytes: 4 * 2 ** 30,
      rateLimit: false,
    });
    const bigServers = await big.listen();
    try {
      const out = join(dir, "interrupted-download.csv");
      const running = startTs(CLI, ["audit-logs", "export", "--out", out], {
        ...env,
        LOYALTYDOG_BASE_URL: bigServers.apiUrl,
      });
      await running.waitFor("downloading to");
      // Let some bytes land in the .part file first, so the clean-up is really exercised. This waits on a
      // condition, not a duration: the simulator yields to this process's timers between chunks, and 4 GiB
      // cannot finish between two 20 ms checks on any machine.
      // The temporary file is `<name>.<random>.part` (download-to-file.ts), so find it by its shape.
      const partSize = () => {
        const part = readdirSync(dir).find((f) => f.startsWith("interrupted-download.csv.") && f.endsWith(".part"));
        return part ? statSync(join(dir, part)).size : 0;
      };
      while (big.stats.exportBytesProduced < 4 * 2 ** 20 || partSize() === 0) {
        await new Promise((r) => setTimeout(r, 20));
      }
      running.child.kill("SIGINT");
      const result = await running.done;
      expect(result.code).toBe(130);
      expect(readdirSync(dir).filter((f) => f.startsWith("interrupted-download"))).toEqual([]);
      expect(big.stats.exportBytesProduced).toBeLessThan(4 * 2 ** 30);
    } finally {
      await bigServers.close();
    }
  });
});

describe("usage and configuration errors exit 2", () => {
  it("missing token, bad dates, bad format, unknown command: one line each, nothing sent", async () => {
    const before = sim.requests.length;
    const out = join(dir, "never.csv");
    const [noToken, badDate, backwards, badFormat, unknown] = await Promise.all([
      runTs(CLI, ["audit-logs", "export", "--out", out], { LOYALTYDOG_BASE_URL: servers.apiUrl }),
      runTs(CLI, ["audit-logs", "export", "--from", "2026-02-30", "--out", out], env),
      runTs(CLI, ["audit-logs", "export", "--from", "2026-03-01", "--to", "2026-02-01", "--out", out], env),
      runTs(CLI, ["audit-logs", "export", "--format", "xml", "--out", out], env),
      runTs(CLI, ["audit-logs", "frobnicate"], env),
    ]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/^error: UsageError: LOYALTYDOG_TOKEN is not set/m);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain(
      '--from must be an ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z), got "2026-02-30"',
    );
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain("--from (2026-03-01) is after --to (2026-02-01)");
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("Allowed choices are csv, json");
    expect(unknown.code).toBe(2);
    expect(sim.requests.length).toBe(before);
    expect(existsSync(out)).toBe(false);
  });
});

describe("--help", () => {
  it("works on every command, documents the exit codes and never shows the token", async () => {
    const commands = [[], ["audit-logs", "export"], ["tasks", "wait"], ["spec", "check"]];
    const results = await Promise.all(commands.map((command) => runTs(CLI, [...command, "--help"], env)));
    for (const [index, result] of results.entries()) {
      expect(result.code, commands[index]?.join(" ")).toBe(0);
      expect(result.stdout).toMatch(/^Usage: loyaltydog/);
      expect(result.stdout).not.toContain(DEFAULT_SIMULATOR_TOKEN);
    }
    const [root, exportHelp, waitHelp, specHelp] = results.map((r) => r.stdout);
    expect(root).toMatch(/audit-logs[\s\S]*tasks[\s\S]*spec/);
    for (const help of [root, exportHelp, waitHelp]) {
      expect(help).toContain("130  interrupted (Ctrl-C); 143 on SIGTERM, 129 on SIGHUP");
      expect(help).toContain("2    usage or configuration error");
      expect(help).toContain("LOYALTYDOG_TOKEN");
    }
    expect(exportHelp).toMatch(/--from <date>[\s\S]*--to <date>[\s\S]*--format <format>[\s\S]*--out <file>/);
    expect(waitHelp).toContain("<taskId>");
    expect(specHelp).toContain("0 in sync, 1 drift, 2 could not check");
  });
});

describe("spec check", () => {
  it("runs scripts/spec-check.ts from the checkout and passes its exit code through", async () => {
    // A source that cannot be read is the script's exit 2 ("could not check"), with its own report.
    const result = await runTs(CLI, ["spec", "check", "--source", join(dir, "missing-spec.json")], {});
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("could not be checked");
    expect(result.stdout).toContain("missing-spec.json");
  });
});
