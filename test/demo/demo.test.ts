import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { AUDIT_LOG_CSV_COLUMNS } from "../../src/testing/index.js";
import { type ChildResult, runTs } from "../support/run-child.js";

// The newcomer's path: `npm run demo` with no account and no network, as its own process.
const scratch = mkdtempSync(join(tmpdir(), "ldsdk-demo-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// Not there yet: the demo creates its --out-dir (downloadToFile's createDirectories).
const outDir = join(scratch, "new", "out");

let result: ChildResult;

// How long it takes is for the bench, not a test: a wall-clock bound here only measures how busy CI's cores are.
it("runs end to end against the simulator and exits 0", { timeout: 60_000 }, async () => {
  result = await runTs("demo/run-demo.ts", ["--out-dir", outDir]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
});

it("downloaded the export: the CSV header and one row per simulated audit-log entry (120)", () => {
  expect(readdirSync(outDir)).toEqual(["audit-logs.csv"]); // no .part left behind
  const lines = readFileSync(join(outDir, "audit-logs.csv"), "utf8").trimEnd().split("\n");
  expect(lines[0]).toBe(AUDIT_LOG_CSV_COLUMNS.join(","));
  expect(lines).toHaveLength(1 + 120);
});

it("prints the summary: pages, export, issued 120, the retried 503 and the typed error", () => {
  const out = result.stdout;
  expect(out).toContain("against the task simulator");
  expect(out).toMatch(/↻ GET \/v2\/token 503 .*attempt=1.*retrying in \d+ ms/);
  expect(out).toContain("export: success");
  const summary = out.slice(out.indexOf("Summary"));
  expect(summary).toContain("retried 503: 1 retry, then 200");
  expect(summary).toContain("audit logs     120 entries in 3 pages");
  expect(summary).toContain("(120 rows,");
  expect(summary).toContain("issued 120, failed 0 (async)");
  expect(summary).toMatch(/typed error {4}NotFoundError status=404 code=not_found request_id=\S+/);
});

it("--out-dir under /proc fails with one clear line instead of spinning forever", { timeout: 60_000 }, async () => {
  const refused = await runTs("demo/run-demo.ts", ["--out-dir", "/proc/nope"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("InvalidArgumentError: downloadToFile: /proc/nope is in /proc");
});
