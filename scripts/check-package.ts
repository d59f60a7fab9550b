// `npm run check:package` (after `npm run build`): what `npm pack` would publish is exactly what consumers need.
//
// - only package.json, README.md, LICENSE and built `.js` / `.d.ts` under dist/ (no sources, tests, scripts, maps);
// - every exports-map (and bin) target is in the pack, and every shipped file is reachable from one (so the generated
//   operation table ships only if something shipped imports it);
// - every relative import in a shipped file resolves inside the pack (JS to JS, declarations to declarations);
// - every bare import is a node: builtin or a declared dependency / peer, and every dependency is imported;
// - `sideEffects: false`;
// - the shipped package.json is the published one (prepack/postpack run scripts/pack-manifest.mjs).
//
// publint and attw run next in the same npm script.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, normalize, resolve } from "node:path";
import ts from "typescript";

const root = resolve(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  sideEffects?: unknown;
  scripts?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};

const [packed] = JSON.parse(
  execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" }),
) as [{ files: { path: string }[]; size: number; unpackedSize: number }];
const files = new Set(packed.files.map((f) => f.path));
const problems: string[] = [];

const allowed = (path: string) =>
  ["package.json", "README.md", "LICENSE"].includes(path) || /^dist\/.+(?<!\.map)\.(?:js|d\.ts)$/.test(path);
for (const path of files) if (!allowed(path)) problems.push(`ships ${path}: not built JS, .d.ts or package metadata`);
for (const path of ["package.json", "README.md", "LICENSE"])
  if (!files.has(path)) problems.push(`does not ship ${path}`);
if (pkg.sideEffects !== false) problems.push(`sideEffects is ${JSON.stringify(pkg.sideEffects)}, not false`);
// The package.json that ships has no scripts and no devDependencies: prepack swaps it in, postpack puts the checkout's
// back (scripts/pack-manifest.mjs; what it ships is checked by test/package/pack-manifest.slow.test.ts).
if (
  !pkg.scripts?.prepack?.includes("pack-manifest.mjs strip") ||
  !pkg.scripts.postpack?.includes("pack-manifest.mjs restore")
)
  problems.push("prepack/postpack do not run scripts/pack-manifest.mjs: package.json would ship with our scripts");

/** Specifiers of imports, re-exports and `import("x")`, read by TypeScript's own pre-processor (a regex mistakes strings such as "… from" for imports). */
function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

const usedPackages = new Set<string>();
const reachable = new Set<string>();
function visit(path: string, from: string): void {
  if (reachable.has(path)) return;
  if (!files.has(path)) {
    problems.push(`${from} needs ${path}, which is not in the pack`);
    return;
  }
  reachable.add(path);
  const declaration = path.endsWith(".d.ts");
  // A module's declaration file goes with it: `import "./x.js"` under TypeScript reads `./x.d.ts`.
  if (!declaration && files.has(path.replace(/\.js$/, ".d.ts"))) visit(path.replace(/\.js$/, ".d.ts"), path);
  for (const spec of specifiers(readFileSync(join(root, path), "utf8"))) {
    if (spec.startsWith(".")) {
      const target = normalize(join(dirname(path), spec));
      visit(declaration ? target.replace(/\.js$/, ".d.ts") : target, path);
    } else if (spec.startsWith("node:") || builtinModules.includes(spec)) {
      // built in
    } else {
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
      usedPackages.add(name);
      if (!(name in (pkg.dependencies ?? {})) && !(name in (pkg.peerDependencies ?? {})))
        problems.push(`${path} imports ${name}, which is neither a dependency nor a peer dependency`);
    }
  }
}

for (const [subpath, target] of Object.entries(pkg.exports)) {
  const targets = typeof target === "string" ? [target] : Object.values(target);
  for (const t of targets) if (!t.endsWith(".json")) visit(normalize(t), `exports["${subpath}"]`);
}
// The `loyaltydog` command is an entry point too.
for (const [name, target] of Object.entries(pkg.bin ?? {})) visit(normalize(target), `bin["${name}"]`);
/** tsc's output for a types-only module (`export {};`): nothing imports it at runtime, and it is harmless. */
const typeOnlyStub = (path: string) => /^export \{\};\s*$/.test(readFileSync(join(root, path), "utf8"));
for (const path of files) {
  if (path.startsWith("dist/") && !reachable.has(path) && !typeOnlyStub(path))
    problems.push(`ships ${path}, which nothing exported reaches (drop it from "files")`);
}
for (const name of Object.keys(pkg.dependencies ?? {})) {
  if (!usedPackages.has(name)) problems.push(`dependency ${name} is not imported by anything shipped (devDependency?)`);
}

if (problems.length > 0) {
  console.error(`check:package: ${problems.length} problem(s) in what npm pack would publish:`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(
  `check:package: ${files.size} files, ${(packed.size / 1024).toFixed(1)} kB packed / ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked; ` +
    `all reachable from exports; runtime imports: ${[...usedPackages].sort().join(", ")}`,
);
