/**
 * Turns the entries into what each runtime loads, from the BUILT package
 * (`npm run build` → dist/), never from src/:
 * - Node, Bun, Deno: `node-like.mjs`, which imports the package's main entry
 *   (the file `exports["."]` names) by URL, unbundled, as an installed
 *   package would be;
 * - workerd and the browser: one esbuild bundle each, the entry's
 *   `src/index.js` import redirected to dist with the runtime's conditions.
 * The broken variants are copies with a `node:fs` import injected (see
 * `BROKEN_PRELUDE`), for the self-check.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { REPO_ROOT } from "../../support/run-child.js";

export const WORK_DIR = join(REPO_ROOT, ".tmp", "runtimes");
const ENTRIES = join(REPO_ROOT, "test", "runtimes", "entries");

/**
 * Injected at the top of a copy of the built code: a `node:fs` import that is
 * also used, so it fails everywhere — where `node:fs` does not exist (browser,
 * workerd) at load, and where it does (Node, Bun, Deno) when reading a file
 * that is not there.
 */
export const BROKEN_PRELUDE =
  'import { readFileSync as __brokenRead } from "node:fs";\n__brokenRead("/nonexistent/loyaltydog-broken-build");\n';

export interface Artifacts {
  /** URL of the main entry Node, Bun and Deno import. */
  mainEntry: string;
  /** URL of `@loyaltydog/sdk/node`. */
  nodeEntry: string;
  nodeLikeScript: string;
  workerScript: string;
  browserScript: string;
  /** A directory the runners may write in. */
  scratch: string;
}

/** The package's own entry paths, read from package.json so the test follows a change there. */
export function packageEntries(): { main: string; node: string } {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    exports: Record<string, { default: string }>;
  };
  const main = pkg.exports["."]?.default;
  const node = pkg.exports["./node"]?.default;
  if (!main || !node) throw new Error("package.json exports lack '.' or './node'");
  return { main: join(REPO_ROOT, main), node: join(REPO_ROOT, node) };
}

/** Fails with the remedy when dist/ is missing or older than src/. */
export function assertBuilt(): void {
  const { main } = packageEntries();
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const built = statSync(main).mtimeMs;
  const newer = readdirSync(join(REPO_ROOT, "src"), { recursive: true, encoding: "utf8" }).find(
    (file) => file.endsWith(".ts") && statSync(join(REPO_ROOT, "src", file)).mtimeMs > built,
  );
  if (newer) throw new Error(`dist/ is older than src/${newer}: run \`npm run build\` first`);
}

export async function buildArtifacts(variant: "good" | "broken"): Promise<Artifacts> {
  const dir = join(WORK_DIR, variant);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "scratch"), { recursive: true });
  const built = packageEntries();
  let { main, node } = built;
  if (variant === "broken") {
    // A copy of the whole dist inside the repo, so its bare imports (openapi-fetch) still resolve.
    const copy = join(dir, "dist");
    cpSync(join(REPO_ROOT, "dist"), copy, { recursive: true });
    main = main.replace(join(REPO_ROOT, "dist"), copy);
    node = node.replace(join(REPO_ROOT, "dist"), copy);
    writeFileSync(main, BROKEN_PRELUDE + readFileSync(main, "utf8"));
  }
  const nodeLikeScript = join(dir, "node-like.mjs");
  await build({
    entryPoints: [join(ENTRIES, "node-like.ts")],
    outfile: nodeLikeScript,
    bundle: true,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
  });
  const workerScript = join(dir, "worker.js");
  await bundle(join(ENTRIES, "worker.ts"), workerScript, ["workerd", "worker", "browser"], built.main);
  const browserScript = join(dir, "browser.js");
  await bundle(join(ENTRIES, "browser.ts"), browserScript, ["browser"], built.main);
  // The bundles are broken after bundling: a bundler for these targets would refuse `node:fs` outright.
  if (variant === "broken") {
    for (const file of [workerScript, browserScript]) writeFileSync(file, BROKEN_PRELUDE + readFileSync(file, "utf8"));
  }
  return {
    mainEntry: pathToFileURL(main).href,
    nodeEntry: pathToFileURL(node).href,
    nodeLikeScript,
    workerScript,
    browserScript,
    scratch: join(dir, "scratch"),
  };
}

/** The SDK as a Worker or a page gets it: bundled from the built main entry with the target's conditions. */
async function bundle(entry: string, outfile: string, conditions: string[], mainEntry: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: conditions.includes("workerd") ? "neutral" : "browser",
    mainFields: ["browser", "module", "main"],
    conditions,
    target: "es2022",
    plugins: [toBuiltEntry(mainEntry)],
    logLevel: "silent",
  });
}

/** The entries import `src/index.js` and the helper subpaths for their types; the bundle takes the built files instead. */
function toBuiltEntry(mainEntry: string): Plugin {
  return {
    name: "sdk-under-test",
    setup(b) {
      b.onResolve({ filter: /\/src\/(index|tasks|download|paginate)\.js$/ }, (args) => ({
        path: join(dirname(mainEntry), basename(args.path)),
      }));
    },
  };
}
