import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../config.js";

/** Whether the SDK's own code (compatScope) compiles against types generated from the new spec. */
export interface CompatResult {
  compiler: "tsgo" | "tsc";
  /** What was type-checked (folders of the repo, beside the regenerated generated/). */
  scope: string[];
  ms: number;
  /** Of `ms`: generating the types from the new spec, then the type-check. */
  generateMs: number;
  typecheckMs: number;
  /** One line per diagnostic, `file(line,col): error TSnnnn: message`, paths relative to the repo root. */
  errors: string[];
}

/**
 * What the verdict type-checks: the SDK as published (`tsconfig.build.json`'s
 * include: src/ with generated/) and demo/, the runnable example. Not test/,
 * scripts/ or bench/: none of it ships, and a spec change that breaks one of
 * them (a test calling a removed path, a fixture with a renamed field) fails
 * the drift PR's own typecheck and tests anyway. What an SDK user needs to know
 * is whether the package still builds against the new spec, and every
 * hand-written use of a generated type that ships is in src/ (types.ts
 * aliases, features/ calling paths, testing/ handlers and simulator). It is
 * also what makes the check fast enough to run on every drift: tsgo over
 * everything tsconfig.json includes is ~1.05 M type instantiations, over this
 * scope ~0.68 M (the rest is test/, scripts/, bench/).
 */
export function compatScope(root: string): string[] {
  const buildConfig = join(root, "tsconfig.build.json");
  const build = existsSync(buildConfig)
    ? (JSON.parse(readFileSync(buildConfig, "utf8")) as { include?: string[] })
    : { include: ["src", "generated"] };
  return [...new Set([...(build.include ?? []), "demo"])].filter((entry) => existsSync(join(root, entry)));
}

// The generator runs from this checkout of the tooling, whichever root is checked (tests use scratch roots).
// From repoRoot, not import.meta.url: under run-ts.mjs (spec:accept) this module is bundled into scripts/lib/,
// where only config.ts's repoRoot still points at the right place.
const RUN_TS = join(repoRoot, "scripts", "run-ts.mjs");
const GENERATE = join(repoRoot, "scripts", "lib", "drift", "compat-generate.ts");

function run(
  command: string,
  args: string[],
  cwd: string,
  signal: AbortSignal | undefined,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 180_000, ...(signal ? { signal } : {}) },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/**
 * Type-checks a scratch copy of compatScope() in which `generated/` is the fresh
 * output for the upstream spec. A copy rather than path mapping: `src/` imports
 * `../generated/*.js` relatively. The types are generated in a child process
 * (compat-generate.ts, plain Node) that starts at once: the caller classifies
 * the drift meanwhile, and this process copies the scope. Only the type files
 * are generated, not the operation table or the surface. tsgo (TypeScript 7,
 * native) is used when installed, several times faster than tsc 5.9. Aborting `signal` stops the child
 * processes; the promise then rejects once the scratch copy is removed.
 */
export async function checkSdkCompat(
  root: string,
  spec: { text: string; canonicalSha256: string },
  signal?: AbortSignal,
): Promise<CompatResult> {
  const started = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), "ldsdk-compat-"));
  try {
    // Outside the scope, so the compiler never sees it.
    const specFile = join(scratch, "upstream-spec.json");
    writeFileSync(specFile, spec.text);
    const generation = run(
      process.execPath,
      [RUN_TS, GENERATE, specFile, spec.canonicalSha256, join(scratch, "generated")],
      root,
      signal,
    );
    // Synchronous up to the generator's first answer: it runs while this copies and the caller classifies.
    const scope = compatScope(root).filter((entry) => entry !== "generated");
    for (const entry of ["tsconfig.json", "package.json", ...scope]) {
      if (existsSync(join(root, entry))) cpSync(join(root, entry), join(scratch, entry), { recursive: true });
    }
    symlinkSync(realpathSync(join(root, "node_modules")), join(scratch, "node_modules"), "dir");
    writeFileSync(
      join(scratch, "tsconfig.compat.json"),
      JSON.stringify({ extends: "./tsconfig.json", include: ["generated", ...scope], exclude: [] }),
    );

    const generated = await generation;
    if (generated.code !== 0) {
      throw new Error(`generating types from the upstream spec failed: ${generated.stderr.trim() || generated.stdout}`);
    }
    const generateMs = Math.round(performance.now() - started);

    const tsgo = join(root, "node_modules", ".bin", "tsgo");
    const compiler = existsSync(tsgo) ? "tsgo" : "tsc";
    const [command, args] =
      compiler === "tsgo" ? [tsgo, []] : [process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc")]];
    const checked = await run(
      command,
      [...args, "-p", join(scratch, "tsconfig.compat.json"), "--noEmit", "--pretty", "false"],
      scratch,
      signal,
    );
    // Exit code 1 or 2 with diagnostics on stdout is the compiler's answer, not a failure to run it.
    if (checked.code !== 0 && !/error TS\d+/.test(checked.stdout)) {
      throw new Error(`${compiler} failed: ${checked.stderr || checked.stdout}`);
    }
    const errors = checked.stdout
      .split("\n")
      .map((line) => line.trimEnd())
      .filter((line) => /error TS\d+:/.test(line))
      .map((line) => line.replace(`${scratch}/`, ""));
    const ms = Math.round(performance.now() - started);
    return { compiler, scope: ["generated", ...scope], ms, generateMs, typecheckMs: ms - generateMs, errors };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
