/**
 * The SDK as users run it: `src/` compiled by the TypeScript compiler into
 * `.tmp/bench-sdk/`, the same JS `npm run build` ships. The per-call benches
 * load it instead of `src/` through tsx, whose on-the-fly transform keeps
 * function names by wrapping every closure in a helper call: closures a call
 * makes then cost a call more each, which the baseline (openapi-fetch's own
 * JS in node_modules) never pays. Built once per process, into a directory
 * of its own, so a bench never races `npm run build` over `dist/`.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

type Sdk = typeof import("../../src/index.js");

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const outDir = join(root, ".tmp", "bench-sdk");
const entry = join(outDir, "src", "index.js");

/** Compiles src/ (and generated/) to `.tmp/bench-sdk`, once per process tree. */
export function buildSdk(): void {
  if (!process.env.LOYALTYDOG_BENCH_SDK_BUILT) {
    const tsgo = join(root, "node_modules", ".bin", "tsgo");
    const compiler = existsSync(tsgo) ? tsgo : join(root, "node_modules", ".bin", "tsc");
    execFileSync(compiler, ["-p", join(root, "tsconfig.build.json"), "--outDir", outDir, "--declaration", "false"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    });
    // Children (a fresh process per round) inherit this and load what the parent built.
    process.env.LOYALTYDOG_BENCH_SDK_BUILT = "1";
  }
}

/** The built SDK's root entry (buildSdk() must have run in this process or its parent). */
export async function loadBuiltSdk(): Promise<Sdk> {
  return (await import(pathToFileURL(entry).href)) as Sdk;
}
