import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
    if (file === "package.json") writeFileSync(join(dest, file), checkoutManifest());
    else cpSync(join(repoRoot, file), join(dest, file));
  }
}

/**
 * The checkout's own package.json, even while an `npm pack` in the checkout (another test file) has swapped in the
 * published one, which has no scripts, and set the checkout's aside in package.json.packing (scripts/pack-manifest.mjs).
 */
function checkoutManifest(): Buffer {
  for (let attempt = 0; attempt < 200; attempt++) {
    for (const name of ["package.json.packing", "package.json"]) {
      try {
        const text = readFileSync(join(repoRoot, name));
        if ((JSON.parse(text.toString("utf8")) as { scripts?: unknown }).scripts) return text;
      } catch {
        // Not there, or caught half-written: try the other, then again.
      }
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  throw new Error(
    "copyRepo: found no package.json with scripts in the checkout (a pack that died? see scripts/pack-manifest.mjs)",
  );
}
