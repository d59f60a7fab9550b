import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../../scripts/lib/config.js";

const run = promisify(execFile);

/**
 * A pipeline script (`scripts/<name>`) run against the scratch repository `root` (LOYALTYDOG_SDK_ROOT), with no
 * source from the environment. `cwd`: where it runs, the repository here by default; `npm run` runs it in the
 * package root, so a test of a printed command runs it in `root` (which then needs node_modules for tsx).
 */
export async function pipelineScript(
  name: string,
  root: string,
  args: readonly string[] = [],
  cwd = repoRoot,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ["--import", "tsx", join(repoRoot, "scripts", name), ...args], {
    cwd,
    env: { ...process.env, LOYALTYDOG_SDK_ROOT: root, LOYALTYDOG_OPENAPI_SOURCE: "" },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}
