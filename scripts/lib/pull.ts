import { resolve } from "node:path";
import { pinFor, readPin, type SpecPin, writePin } from "./pin.js";
import { type PipelineContext, pullSource } from "./pipeline.js";
import { type LoadedSpec, loadSpec } from "./spec-source.js";
import { writeFileAtomic } from "./write-atomic.js";

export interface PullResult {
  pin: SpecPin;
  changed: boolean;
  /** The validated spec, for a caller that generates in the same process. */
  spec: LoadedSpec;
}

/** Loads and validates first; only a valid spec reaches the disk, the local copy before the pin. */
export async function pull(ctx: PipelineContext): Promise<PullResult> {
  return savePulled(ctx, await loadPullSource(ctx));
}

/** The spec from the pull source (`--source`, the env variable, or the default URL), validated. Writes nothing. */
export async function loadPullSource(ctx: PipelineContext): Promise<LoadedSpec> {
  return loadSpec(pullSource(ctx), { timeoutMs: ctx.config.fetchTimeoutMs, maxBytes: ctx.config.maxBytes });
}

/** Keeps the local copy and pins the spec: what `spec:pull` writes. */
export async function savePulled(ctx: PipelineContext, spec: LoadedSpec): Promise<PullResult> {
  const before = readPin(ctx.root);
  const pin = pinFor(spec, ctx.root);
  await writeFileAtomic(resolve(ctx.root, ctx.config.cacheFile), spec.text);
  await writePin(ctx.root, pin);
  return { pin, changed: before?.canonicalSha256 !== pin.canonicalSha256, spec };
}
