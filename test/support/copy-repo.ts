import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot } from "../../scripts/lib/config.js";

/**
 * Copies this repo as a clone would have it (git-tracked files, plus new files not yet committed and not
 * ignored) to `dest`: no node_modules, dist/, .spec-cache/ or other ignored output.
 */
export function copyRepo(dest: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    encoding: "utf8",
  })
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    // A tracked file deleted in the working tree is not part of the copy.
    if (!existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(dest, file));
  }
}
