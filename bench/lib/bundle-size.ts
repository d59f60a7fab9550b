/**
 * What an app ships: bundles an app's source whole with esbuild (minified, ES module, es2022), as a consumer's
 * bundler would, and gzips it (-9). Shared by bench/size.ts, bench/peers.ts and the size budget check
 * (lib/size-budgets.ts).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface App {
  name: string;
  /** The app's source; imports are relative to the repo root (src/…, so the package's `sideEffects: false` applies). */
  source: string;
  /** `browser` also resolves the `browser` field and condition first, as a page's bundler does. */
  platform?: "neutral" | "node" | "browser";
  /** Where the app's imports resolve from; default the repo root. */
  resolveDir?: string;
}

export interface Bundle {
  min: number;
  gzip: number;
  inputs: string[];
  /** Minified bytes per module, largest first. */
  byModule: (readonly [string, number])[];
}

export async function bundle(app: App): Promise<Bundle> {
  const out = await build({
    stdin: { contents: app.source, resolveDir: app.resolveDir ?? root, loader: "ts", sourcefile: "app.ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: app.platform ?? "neutral",
    mainFields: app.platform === "browser" ? ["browser", "module", "main"] : ["module", "main"],
    ...(app.platform === "browser" ? { conditions: ["browser"] } : {}),
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]?.contents ?? new Uint8Array();
  const output = Object.values(out.metafile?.outputs ?? {})[0];
  return {
    byModule: Object.entries(output?.inputs ?? {})
      .map(([path, v]) => [path, v.bytesInOutput] as const)
      .sort((a, b) => b[1] - a[1]),
    min: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.keys(out.metafile?.inputs ?? {}),
  };
}
