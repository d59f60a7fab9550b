// node scripts/run-ts.mjs scripts/<name>.ts [args…]
// Runs a pipeline script without tsx: esbuild bundles it (our TypeScript only;
// packages stay external) into one ES module next to scripts/lib/config.ts,
// and plain Node imports that. Why: under tsx's loader, importing TypeScript
// (which openapi-typescript needs) costs ~0.5 s more than in plain Node, and
// registering tsx costs ~0.3 s; start-up is most of `npm run spec:update`
// (bench/generation.ts). The bundle sits in scripts/lib/ so that
// `import.meta.url`-relative paths (repoRoot in config.ts) resolve the same
// as from source, and is removed afterwards.
import { rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write("usage: node scripts/run-ts.mjs <script.ts> [args…]\n");
  process.exit(2);
}
const lib = join(dirname(fileURLToPath(import.meta.url)), "lib");
const outfile = join(lib, `.run-${basename(script, ".ts")}-${process.pid}.mjs`);
await build({
  entryPoints: [resolve(script)],
  outfile,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "error",
});
// A parent that stops this child (spec:check cancelling its compat step) must not leave the bundle behind.
process.once("SIGTERM", () => {
  rmSync(outfile, { force: true });
  process.exit(143);
});
// The script reads its arguments from process.argv.slice(2), as when run directly.
process.argv = [process.argv[0], resolve(script), ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}
