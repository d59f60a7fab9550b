import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Artifacts } from "../generate-artifacts.js";

/** Whether the repo's own code (whatever `tsconfig.json` includes: src/, test/, scripts/) compiles against new generated types. */
export interface CompatResult {
  compiler: "tsgo" | "tsc";
  ms: number;
  /** One line per diagnostic, `file(line,col): error TSnnnn: message`, paths relative to the repo root. */
  errors: string[];
}

/**
 * Type-checks a scratch copy of the project in which `generated/` is the fresh
 * output for the upstream spec. A copy rather than path mapping: `src/` imports
 * `../generated/*.js` relatively, and other engineers keep adding directories, so
 * copying what the tsconfig includes keeps this generic. tsgo (TypeScript 7,
 * native) is used when installed: on the full project it takes ~1.3 s against
 * ~4.4 s for tsc 5.9.
 */
export async function checkSdkCompat(root: string, artifacts: Artifacts): Promise<CompatResult> {
  const started = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), "ldsdk-compat-"));
  try {
    const tsconfig = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8")) as { include?: string[] };
    for (const entry of ["tsconfig.json", "package.json", ...(tsconfig.include ?? [])]) {
      if (entry === "generated" || !existsSync(join(root, entry))) continue;
      cpSync(join(root, entry), join(scratch, entry), { recursive: true });
    }
    symlinkSync(realpathSync(join(root, "node_modules")), join(scratch, "node_modules"), "dir");
    // Synchronous up to the spawn, so the compiler is running before the caller goes on to classify.
    mkdirSync(join(scratch, "generated"));
    for (const [name, content] of artifacts) writeFileSync(join(scratch, "generated", name), content);

    const tsgo = join(root, "node_modules", ".bin", "tsgo");
    const compiler = existsSync(tsgo) ? "tsgo" : "tsc";
    const [command, args] =
      compiler === "tsgo" ? [tsgo, []] : [process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc")]];
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        command,
        [...args, "-p", join(scratch, "tsconfig.json"), "--noEmit", "--pretty", "false"],
        { cwd: scratch, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
        (error, stdout, stderr) => {
          // Exit code 1 or 2 with diagnostics on stdout is the compiler's answer, not a failure to run it.
          if (error && typeof error.code !== "number") reject(error);
          else if (error && !/error TS\d+/.test(stdout)) reject(new Error(`${compiler} failed: ${stderr || stdout}`));
          else resolve(stdout);
        },
      );
    });
    const errors = output
      .split("\n")
      .map((line) => line.trimEnd())
      .filter((line) => /error TS\d+:/.test(line))
      .map((line) => line.replace(`${scratch}/`, ""));
    return { compiler, ms: Math.round(performance.now() - started), errors };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
