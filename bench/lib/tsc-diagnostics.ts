/**
 * What a consumer's type-check costs, as the compiler itself reports it: runs `tsc`/`tsgo -p project
 * --extendedDiagnostics` and reads "Check time", "Total time" and "Types". Shared by bench/typecheck.ts and
 * bench/peers.ts.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

export interface Diagnostics {
  checkMs: number;
  totalMs: number;
  types: number;
}

export function diagnostics(compiler: "tsc" | "tsgo", project: string): Diagnostics {
  const run = spawnSync(bin(compiler), ["-p", project, "--extendedDiagnostics"], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${compiler} -p ${project} failed:\n${run.stdout}${run.stderr}`);
  const figure = (label: string) => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)(s|K)?`, "m").exec(run.stdout);
    if (!m) throw new Error(`no "${label}" in ${compiler} output:\n${run.stdout}`);
    return Number(m[1]) * (m[2] === "s" ? 1000 : 1);
  };
  return { checkMs: figure("Check time"), totalMs: figure("Total time"), types: figure("Types") };
}

/**
 * Writes a consumer's tsconfig at `file` that checks only `consumer` (what an app on Node 20 with ES modules
 * and strict mode would use), with skipLibCheck on or off. `lib` defaults to ES2023 alone (fetch's types come
 * from @types/node); pass ["ES2023", "DOM"] for code that names DOM-only types.
 */
export function writeConsumerProject(file: string, consumer: string, skipLibCheck: boolean, lib = ["ES2023"]): string {
  const compilerOptions = {
    target: "ES2022",
    lib,
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noEmit: true,
    types: ["node"],
    skipLibCheck,
  };
  writeFileSync(file, JSON.stringify({ compilerOptions, files: [relative(dirname(file), consumer)] }));
  return file;
}
