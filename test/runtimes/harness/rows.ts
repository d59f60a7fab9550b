/**
 * One line per runtime row: appended by the matrix as each row finishes, and
 * printed together at the end of the run (summary.ts), so the output has the
 * table whatever the reporter.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { WORK_DIR } from "./build.js";

export interface Row {
  runtime: string;
  version: string;
  build: "good" | "broken";
  pass: boolean;
  ms: number;
  /** The first problem, for a red row. */
  why: string;
  /** What the runtime offers and how it behaved where runtimes differ (for the README's table). */
  notes?: Record<string, string>;
}

const FILE = join(WORK_DIR, "rows.jsonl");

export function resetRows(): void {
  rmSync(FILE, { force: true });
}

export function recordRow(row: Row): void {
  mkdirSync(WORK_DIR, { recursive: true });
  appendFileSync(FILE, `${JSON.stringify(row)}\n`);
}

export function formatRows(): string {
  if (!existsSync(FILE)) return "runtime matrix: no row ran\n";
  const rows = readFileSync(FILE, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Row);
  const lines = rows.map((r) => {
    const verdict =
      r.build === "good"
        ? r.pass
          ? "pass"
          : "FAIL"
        : r.pass
          ? "SELF-CHECK FAILED (broken build stayed green)"
          : "red, as it must";
    const label = r.build === "good" ? r.runtime : `${r.runtime} (broken build)`;
    const why = r.build === "good" && r.pass ? "" : `  ${r.why.split("\n")[0]?.slice(0, 110)}`;
    return `${label.padEnd(26)} ${r.version.padEnd(34)} ${verdict.padEnd(16)} ${String(r.ms).padStart(6)} ms${why}`;
  });
  // A broken-build row passes the self-check by being red.
  const passed = rows.filter((r) => r.pass === (r.build === "good")).length;
  const header = "runtime matrix (conformance script through the built main entry)";
  return `\n${header}\n${lines.join("\n")}\nrows: ${passed} passed, ${rows.length - passed} failed\n`;
}
