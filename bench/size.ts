// npm run bench -- size   (or: tsx bench/size.ts [--quick] [--json])
// The runtime JS a consumer ships: src/index.ts bundled and minified with
// openapi-fetch left external, gzipped, next to openapi-fetch's own
// min+gzip. Also checks that nothing generated and large (the operation
// table, the schema) leaked into the bundle.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { type BenchResult, runBench } from "./lib/harness.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

async function minified(
  entry: string,
  external: string[],
): Promise<{ min: number; gzip: number; inputs: string[]; byModule: (readonly [string, number])[] }> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]?.contents ?? new Uint8Array();
  const output = Object.values(out.metafile?.outputs ?? {})[0];
  const byModule = Object.entries(output?.inputs ?? {})
    .map(([path, v]) => [path, v.bytesInOutput] as const)
    .sort((a, b) => b[1] - a[1]);
  return {
    byModule,
    min: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.keys(out.metafile?.inputs ?? {}),
  };
}

await runBench(async ({ quick }): Promise<BenchResult> => {
  const ours = await minified(join(root, "src/index.ts"), ["openapi-fetch"]);
  const openapiFetchEntry = createRequire(import.meta.url)
    .resolve("openapi-fetch")
    .replace(/\.c?js$/, ".mjs");
  const theirs = await minified(openapiFetchEntry, []);
  const leaked = ours.inputs.filter((p) => /generated\/(operations|schema)\.ts$/.test(p));
  const generatedIn = ours.inputs.filter((p) => p.includes("generated/"));
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  return {
    bench: "size",
    quick,
    figures: {
      wrapper_min_bytes: ours.min,
      wrapper_min_gzip_bytes: ours.gzip,
      openapi_fetch_min_bytes: theirs.min,
      openapi_fetch_min_gzip_bytes: theirs.gzip,
      wrapper_vs_openapi_fetch_gzip_ratio: Math.round((ours.gzip / theirs.gzip) * 1000) / 1000,
      bundled_modules: ours.inputs.length,
      generated_modules_bundled: generatedIn.join(", "),
      large_generated_leaked: leaked.length > 0,
    },
    checks: [
      {
        name: "runtime size, the package's JS (min + gzip), excluding openapi-fetch",
        target: "≤ 6 KB (6144 bytes)",
        measured: `${kb(ours.gzip)} (${ours.gzip} bytes; openapi-fetch itself ${kb(theirs.gzip)})`,
        pass: ours.gzip <= 6144,
      },
      {
        name: "no generated operation table or schema in the runtime bundle",
        target: "none",
        measured: leaked.length ? leaked.join(", ") : "none",
        pass: leaked.length === 0,
      },
    ],
    table: [
      ["bundle", "min", "min+gzip"],
      ["@loyaltydog/sdk (src/index.ts, openapi-fetch external)", kb(ours.min), kb(ours.gzip)],
      ["openapi-fetch", kb(theirs.min), kb(theirs.gzip)],
    ],
    notes: [
      `esbuild --bundle --minify --format=esm (platform neutral, es2022), gzip -9; ${ours.inputs.length} modules bundled`,
      `generated modules in the bundle: ${generatedIn.join(", ") || "none"}`,
      `largest modules (minified bytes, before gzip): ${ours.byModule
        .slice(0, 8)
        .map(([p, n]) => `${p} ${n}`)
        .join(", ")}`,
    ],
  };
});
