// npm run bench [-- --quick] [-- --json] [-- <name> …]
// Runs every benchmark (or the named ones), each in its own process with
// `--json`, one after the other (they would disturb each other's timings if
// run together), then prints each one's table and, last, the summary table
// that bench/RESULTS.md records. With --json: one object, { machine, command,
// results: [...] }.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchResult, formatTable, machine, parseArgs, report } from "./lib/harness.js";

export const BENCHES = [
  "request-overhead",
  "concurrency",
  "typecheck",
  "generation",
  "polling",
  "download",
  "size",
  "runtime-size",
  "drift",
  "peers",
] as const;

/**
 * Benches whose --quick run still takes minutes: `peers` generates three peer clients from the spec and
 * type-checks them. A smoke test that walks BENCHES inside `npm test` should leave these out.
 */
export const SLOW_BENCHES: readonly (typeof BENCHES)[number][] = ["peers"];

const here = dirname(fileURLToPath(import.meta.url));

function runOne(name: string, quick: boolean): BenchResult {
  const args = ["--import", "tsx", join(here, `${name}.ts`), "--json", ...(quick ? ["--quick"] : [])];
  const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 16 << 20 });
  if (run.status !== 0) throw new Error(`bench ${name} failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as BenchResult;
}

const args = parseArgs();
const names = args.argv.filter((a) => !a.startsWith("--"));
const unknown = names.filter((n) => !(BENCHES as readonly string[]).includes(n));
if (unknown.length) {
  process.stderr.write(`unknown bench ${unknown.join(", ")}; known: ${BENCHES.join(", ")}\n`);
  process.exit(2);
}
const selected = names.length ? names : [...BENCHES];
const started = Date.now();
const results: BenchResult[] = [];
for (const name of selected) {
  if (!args.json) process.stderr.write(`running ${name}${args.quick ? " --quick" : ""}…\n`);
  const result = runOne(name, args.quick);
  results.push(result);
  if (!args.json) report(result, { ...args, json: false });
}
const command = `npm run bench${args.argv.length ? ` -- ${args.argv.join(" ")}` : ""}`;
if (args.json) {
  process.stdout.write(`${JSON.stringify({ machine: machine(), command, results })}\n`);
} else {
  const rows = [["benchmark", "check", "target", "measured", "result"]];
  for (const r of results) {
    for (const c of r.checks) {
      rows.push([r.bench, c.name, c.target, c.measured, c.pass === null ? "report" : c.pass ? "pass" : "MISS"]);
    }
  }
  const md = rows.map((row) => `| ${row.join(" | ")} |`);
  md.splice(1, 0, `|${rows[0]?.map(() => "---").join("|")}|`);
  process.stdout.write(
    `## summary\n\nmachine: ${machine()}\ncommand: ${command}\nwall: ${((Date.now() - started) / 1000).toFixed(0)} s\n\n${formatTable(rows)}\n\nmarkdown (for bench/RESULTS.md):\n\n${md.join("\n")}\n`,
  );
}
