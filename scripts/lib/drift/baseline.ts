import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { PipelineConfig } from "../config.js";
import type { SpecPin } from "../pin.js";
import { loadSpec } from "../spec-source.js";
import { buildSurface, parseSurface, type Surface } from "../surface.js";

/** Why the pinned side of the comparison could not be established (a repo problem, so "not checked", never "drift"). */
export class BaselineError extends Error {
  override name = "BaselineError";
}

export interface Baseline {
  surface: Surface;
  /** Where it came from, for the report. */
  from: string;
}

/**
 * The pinned spec's surface. The spec itself is never committed, so the baseline is
 * `generated/surface.json` (committed, and kept equal to a fresh derivation by
 * `generate:check`), which works on a clean clone and on GitHub. When that file is
 * missing or belongs to another pin, the local `.spec-cache/` copy serves instead,
 * but only if its canonical hash is the pinned one.
 */
export async function loadBaseline(root: string, config: PipelineConfig, pin: SpecPin): Promise<Baseline> {
  const committed = resolve(root, "generated", "surface.json");
  if (existsSync(committed)) {
    const { meta, surface } = parseSurface(readFileSync(committed, "utf8"));
    if (meta?.canonicalSha256 === pin.canonicalSha256) return { surface, from: "generated/surface.json" };
  }
  const cache = resolve(root, config.cacheFile);
  if (existsSync(cache)) {
    const spec = await loadSpec(cache, { timeoutMs: config.fetchTimeoutMs, maxBytes: config.maxBytes }).catch(
      () => undefined,
    );
    if (spec?.canonicalSha256 === pin.canonicalSha256)
      return { surface: buildSurface(spec.doc), from: config.cacheFile };
  }
  throw new BaselineError(
    "no baseline for the pinned spec: generated/surface.json is missing or from another pin, and " +
      `${config.cacheFile} does not hold the pinned spec (run \`npm run generate\`)`,
  );
}
