// npm run bench -- runtime-size   (or: tsx bench/runtime-size.ts [--quick] [--json])
// What a page or a Worker ships: the main entry bundled by esbuild for the
// `browser` and the `workerd` conditions, openapi-fetch included, minified and
// gzipped, beside the wrapper-only figure that bench/size.ts reports (measured
// again here, the same way, so the two stand in one run). Also fails when a
// Node built-in reaches either bundle.
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { type BenchResult, runBench } from "./lib/harness.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "src/index.ts");
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

interface Target {
  name: string;
  conditions: string[];
  platform: "browser" | "neutral";
  external: string[];
}

const TARGETS: Target[] = [
  { name: "browser", conditions: ["browser"], platform: "browser", external: [] },
  { name: "workerd", conditions: ["workerd", "worker", "browser"], platform: "neutral", external: [] },
  // bench/size.ts's figure: the package's own JS, openapi-fetch left external.
  { name: "wrapper only (size.ts)", conditions: [], platform: "neutral", external: ["openapi-fetch"] },
];

async function measure(target: Target): Promise<{ min: number; gzip: number; builtins: string[] }> {
  const builtins: string[] = [];
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: target.platform,
    mainFields: ["browser", "module", "main"],
    conditions: target.conditions,
    target: "es2022",
    external: target.external,
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "record-builtins",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (!BUILTINS.has(args.path)) return undefined;
            builtins.push(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const code = out.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, builtins };
}

await runBench(async ({ quick }): Promise<BenchResult> => {
  const results = [];
  for (const target of TARGETS) results.push({ target, ...(await measure(target)) });
  const [browser, workerd, wrapper] = results;
  if (!browser || !workerd || !wrapper) throw new Error("a target did not build");
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  return {
    bench: "runtime-size",
    quick,
    figures: {
      browser_min_bytes: browser.min,
      browser_min_gzip_bytes: browser.gzip,
      workerd_min_bytes: workerd.min,
      workerd_min_gzip_bytes: workerd.gzip,
      wrapper_only_min_gzip_bytes: wrapper.gzip,
      browser_vs_wrapper_only_gzip_ratio: Math.round((browser.gzip / wrapper.gzip) * 1000) / 1000,
      node_builtins_in_bundles: [...browser.builtins, ...workerd.builtins].join(", "),
    },
    checks: [
      {
        name: "main entry for the browser, openapi-fetch included (min + gzip)",
        target: "report",
        measured: `${kb(browser.gzip)} (${browser.gzip} bytes; wrapper only ${kb(wrapper.gzip)})`,
        pass: null,
      },
      {
        name: "main entry for workerd, openapi-fetch included (min + gzip)",
        target: "report",
        measured: `${kb(workerd.gzip)} (${workerd.gzip} bytes)`,
        pass: null,
      },
      {
        name: "no Node built-in in the browser or workerd bundle",
        target: "none",
        measured: [...browser.builtins, ...workerd.builtins].join(", ") || "none",
        pass: browser.builtins.length + workerd.builtins.length === 0,
      },
    ],
    table: [
      ["target", "conditions", "min", "min + gzip"],
      ...results.map((r) => [r.target.name, r.target.conditions.join(", ") || "(none)", kb(r.min), kb(r.gzip)]),
    ],
    notes: [
      "esbuild --bundle --minify --format=esm (es2022) from src/index.ts with each target's conditions, gzip -9",
      "browser and workerd include openapi-fetch (what a page or Worker ships); the wrapper-only row matches bench/size.ts",
    ],
  };
});
