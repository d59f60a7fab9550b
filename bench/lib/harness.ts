/**
 * Shared plumbing for the benchmarks under bench/. Each bench is its own
 * script (run with tsx), takes `--quick` (a smoke run: fewer rounds, smaller
 * inputs, same code paths) and `--json` (exactly one JSON object on stdout,
 * nothing else there), and reports ratios against a baseline measured in the
 * same run: this machine has 2 cores shared with other jobs, so absolute
 * times drift by tens of percent between runs while same-run ratios hold.
 */
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";

export type Figure = number | string | boolean | null;

export interface Check {
  /** What is checked, as in the table. */
  name: string;
  /** The target, in words (`≤ 1.10× bare openapi-fetch`). */
  target: string;
  /** The measured value, in words (`1.04×`). */
  measured: string;
  /** Null when the row is "report it" only. */
  pass: boolean | null;
}

export interface BenchResult {
  bench: string;
  quick: boolean;
  /** Named machine-readable figures (times in ms or µs, sizes in bytes, ratios as plain numbers). */
  figures: Record<string, Figure>;
  checks: Check[];
  /** Human table rows (first row is the header). */
  table: string[][];
  notes: string[];
}

export interface BenchArgs {
  quick: boolean;
  json: boolean;
  argv: readonly string[];
}

export function parseArgs(argv = process.argv.slice(2)): BenchArgs {
  return { quick: argv.includes("--quick"), json: argv.includes("--json"), argv };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length}× ${cpu[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}-${process.arch}`;
}

export const now = (): number => performance.now();

export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}

/** Prints the result: one JSON object with `--json`, else the human table, checks and notes. */
export function report(result: BenchResult, args: BenchArgs): void {
  if (args.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const out = [`## ${result.bench}${result.quick ? " (--quick: smoke run, figures not meaningful)" : ""}`, ""];
  out.push(formatTable(result.table), "");
  for (const c of result.checks) {
    const verdict = c.pass === null ? "report" : c.pass ? "PASS" : "MISS";
    out.push(`${verdict.padEnd(6)} ${c.name}: ${c.measured} (target ${c.target})`);
  }
  for (const note of result.notes) out.push(`note: ${note}`);
  process.stdout.write(`${out.join("\n")}\n\n`);
}

/** Runs `main` and reports; a crash is a non-zero exit with the message on stderr. */
/**
 * Runs each variant `runs` times, interleaved (the order rotating each round, so a
 * slow minute on a shared machine hits every variant), and returns the samples by name.
 */
export function interleaved(
  variants: readonly { name: string; run: () => number }[],
  runs: number,
): Map<string, number[]> {
  const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(r + k) % variants.length] as (typeof variants)[number];
      samples.get(v.name)?.push(v.run());
    }
  }
  return samples;
}

export async function runBench(main: (args: BenchArgs) => Promise<BenchResult>): Promise<void> {
  const args = parseArgs();
  try {
    report(await main(args), args);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
