import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/lib/config.js";

const run = promisify(execFile);

/** Runs `npm run spec:check` against the repo itself (it writes nothing there) and returns the exit code. */
export async function specCheck(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/spec-check.ts"), ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOYALTYDOG_OPENAPI_SOURCE: "", GITHUB_STEP_SUMMARY: "", ...env },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}
