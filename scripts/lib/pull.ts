import { resolve } from "node:path";
import { pinFor, readPin, type SpecPin, writePin } from "./pin.js";
import { type PipelineContext, pullSource } from "./pipeline.js";
import { type LoadedSpec, loadSpec } from "./spec-source.js";
import { writeFileAtomic } from "./write-atomic.js";

export interface PullResult {
  pin: SpecPin;
  changed: boolean;
  /** The validated spec, for a caller that generates in the same process (scripts/update-spec.ts). */
  spec: LoadedSpec;
}

/** Loads and validates first; only a valid spec reaches the disk, the local copy before the pin. */
export async function pull(ctx: PipelineContext): Promise<PullResult> {
  const source = pullSource(ctx);
  const spec = await loadSpec(source, { timeoutMs: ctx.config.fetchTimeoutMs, maxBytes: ctx.config.maxBytes });
  const before = readPin(ctx.root);
  const pin = pinFor(spec);
  await writeFileAtomic(resolve(ctx.root, ctx.config.cacheFile), spec.text);
  await writePin(ctx.root, pin);
  return { pin, changed: before?.canonicalSha256 !== pin.canonicalSha256, spec };
}
