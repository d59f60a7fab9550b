// `prepare` (npm runs it after `npm install` / `npm ci` in this folder, for a workspace package at the
// monorepo root's `npm install`, and for a git dependency): builds dist/ unless it is already newer than
// everything the build reads. Why: the package entries point at dist/, so a consumer that has the SDK as a
// source folder in its npm workspace would otherwise get `TS2307: Cannot find module '@loyaltydog/sdk'`
// until someone ran the build by hand. Up to date, it costs one directory walk.
//
// node scripts/build-if-stale.mjs [--check]   (--check: exit 1 if a build is needed, build nothing)
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Newest mtime under `path` (a file or a directory, recursively); 0 if it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) max = Math.max(max, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return max;
}

/** True when dist/ is missing or older than a build input. */
export function buildIsStale() {
  if (!existsSync(join(root, "dist/src/index.js"))) return true;
  const inputs = ["src", "generated", "tsconfig.build.json", "tsconfig.json", "package.json"];
  return newest(join(root, "dist")) < Math.max(...inputs.map((p) => newest(join(root, p))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!buildIsStale()) {
    console.error("@loyaltydog/sdk: dist/ is up to date");
  } else if (process.argv.includes("--check")) {
    console.error("@loyaltydog/sdk: dist/ is stale");
    process.exitCode = 1;
  } else {
    console.error("@loyaltydog/sdk: building dist/ (npm run build)");
    try {
      execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
    } catch {
      // npm already printed tsc's errors; say what failed and how to reproduce it.
      console.error("@loyaltydog/sdk: the build failed (is typescript installed? `npm run build` in the SDK folder)");
      process.exitCode = 1;
    }
  }
}
