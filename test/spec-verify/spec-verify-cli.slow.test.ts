/**
 * `loyaltydog spec verify` as its own process against the simulator on 127.0.0.1, with LoyaltyDog's documented
 * rate limits on a real clock: as the simulator is, then with deviations injected at the simulator's edge (each
 * a planned answer for one operation): a dropped required field, an undeclared status, an extra media type, a
 * wrong format.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { DEFAULT_RATE_LIMIT_BUDGETS } from "../../src/rate-limit.js";
import type { VerifyReport } from "../../src/spec-verify/verify-server.js";
import { fixtures } from "../../src/testing/index.js";
import { type CliWorld, startCliWorld } from "../support/cli-world.js";
import { runTs } from "../support/run-child.js";

const CLI = "src/cli/main.ts";
/** Personal data in an injected answer: it must never reach the output. */
const PERSONAL = "ada.lovelace@example.com";
const burst = DEFAULT_RATE_LIMIT_BUDGETS.find((b) => b.name === "burst")!;

/** A key per run: the budgets are per key, and a new process's limiter knows nothing of an earlier run's calls. */
const KEYS = Array.from({ length: 6 }, (_, i) => `ld_test_verify_${i}`);
let world: CliWorld;
let runs = 0;
beforeAll(async () => {
  // The documented budgets (burst 60 / 60 s per key, …), enforced on the real clock.
  world = await startCliWorld({ rateLimit: {}, tokens: KEYS });
});
afterAll(() => world.close());

/** The CLI with the next unused key. */
function verify(args: string[] = [], env: Record<string, string> = {}) {
  return runTs(CLI, ["spec", "verify", ...args], { ...world.env, LOYALTYDOG_TOKEN: KEYS[runs++]!, ...env });
}

/** The pinned spec's row for an operation, and its declared statuses as `spec verify` lists them. */
const row = (operation: string) => operations.find((o) => `${o.method} ${o.path}` === operation)!;
const declared = (operation: string) => Object.keys(row(operation).responses).join(", ");

const json = (rawBody: unknown) => ({ rawBody: { body: JSON.stringify(rawBody), contentType: "application/json" } });

describe("loyaltydog spec verify", () => {
  it("exits 0 against the simulator as it is, within 15 s and inside the documented rate limits", async () => {
    const before = world.sim.requests.length;
    const started = Date.now();
    const result = await verify();
    const elapsed = Date.now() - started;
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/every checked answer meets the pinned spec\. [1-9]\d* conform, 0 deviate/);
    expect(result.code).toBe(0);
    expect(elapsed).toBeLessThanOrEqual(15_000);
    const sent = world.sim.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    // The simulator's counters: no 429, and no more requests than one burst window allows.
    expect(sent.filter((r) => r.status === 429)).toEqual([]);
    expect(sent.length).toBeLessThanOrEqual(burst.limit);
    expect(sent.every((r) => r.method === "GET")).toBe(true);
  });

  it("exits 1 with one line per injected deviation, naming operation and place, quoting no value", async () => {
    const { sim } = world;
    const { email: _dropped, ...user } = fixtures.userRead({ name: PERSONAL });
    sim.failNext(1, 200, { method: "GET", path: "/v2/token", ...json(user) });
    sim.failNext(1, 201, { method: "GET", path: "/v2/giftcards/health", ...json({ status: "ok" }) });
    sim.failNext(1, 200, {
      method: "GET",
      path: "/v2/webhooks",
      rawBody: { body: `id,url\n1,https://${PERSONAL}\n`, contentType: "text/csv" },
    });
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd().split("\n").sort()).toEqual([
      `GET /v2/giftcards/health status: expected a declared status (${declared("GET /v2/giftcards/health")}), got 201`,
      "GET /v2/token body /email: expected string, got missing",
      "GET /v2/webhooks content-type: expected application/json, got text/csv",
    ]);
    expect(result.stderr).toMatch(/some answers deviate from the pinned spec \(above\)\. \d+ conform, 3 deviate/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PERSONAL);
    expect(sim.pendingFaults).toBe(0);
  });

  it("exits 1 on a wrong format (an audit-log timestamp that is not a date-time)", async () => {
    const page = fixtures.auditLogPage([fixtures.auditLogEntry(0, { timestamp: "yesterday" })]);
    world.sim.failNext(1, 200, { method: "GET", path: "/v2/giftcards/audit-logs", ...json(page) });
    const result = await verify();
    expect(result.stdout).toMatch(
      /^GET \/v2\/giftcards\/audit-logs body \/items\/\*\/timestamp: expected .*date-time/m,
    );
    expect(result.code).toBe(1);
  });

  it("--json: one object with the status, every deviation and every operation's outcome", async () => {
    world.sim.failNext(1, 418, { method: "GET", path: "/v2/token" });
    const result = await verify(["--json"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as VerifyReport & { exitCode: number };
    expect(report).toMatchObject({ status: "deviations", exitCode: 1 });
    expect(report.deviations).toEqual([
      {
        operation: "GET /v2/token",
        place: "status",
        at: "",
        expected: `a declared status (${declared("GET /v2/token")})`,
        received: "418",
      },
    ]);
    const outcomes = new Map(report.operations.map((o) => [o.operation, o]));
    expect(outcomes.get("GET /v2/giftcards/audit-logs")?.outcome).toBe("conforms");
    expect(outcomes.get("GET /v2/giftcards/gdpr/download")).toMatchObject({
      outcome: "skipped",
      reason: `needs query ${row("GET /v2/giftcards/gdpr/download")
        .queryParams.filter((q) => q.required)
        .map((q) => q.name)
        .join(", ")}`,
    });
    expect(result.stderr).toBe("");
  });

  it("--help says what it checks and what each exit code means", async () => {
    const result = await runTs(CLI, ["spec", "verify", "--help"], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: loyaltydog spec verify/);
    expect(result.stdout).toContain("0 every checked answer conforms, 1 deviations");
    expect(result.stdout).toContain("2 could not check");
  });

  it("exits 2 when nothing could be checked (a refused key) or no token is set", async () => {
    const refused = await verify([], { LOYALTYDOG_TOKEN: "ld_test_revoked" });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/could not check: .* 0 conform, 0 deviate, \d+ not checked \(answered 401 ×\d+\)/);
    const missing = await runTs(CLI, ["spec", "verify"], { LOYALTYDOG_BASE_URL: world.env.LOYALTYDOG_BASE_URL! });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/LOYALTYDOG_TOKEN is not set/);
    const missingJson = await runTs(CLI, ["spec", "verify", "--json"], {});
    expect(missingJson.code).toBe(2);
    expect(JSON.parse(missingJson.stdout)).toMatchObject({
      status: "unchecked",
      exitCode: 2,
      error: expect.stringMatching(/LOYALTYDOG_TOKEN/),
    });
  });
});
