import { readPin, type SpecPin } from "../pin.js";
import { type PipelineContext, pullSource } from "../pipeline.js";
import { SpecRefError } from "../spec-refs.js";
import { type LoadedSpec, loadSpec, SpecSourceError } from "../spec-source.js";
import { buildSurface, type Surface } from "../surface.js";
import { BaselineError, loadBaseline } from "./baseline.js";
import { type ChangeClass, countByClass, type SurfaceDiff } from "./changes.js";
import type { DriftOptions } from "./options.js";
import { type CompatResult, checkSdkCompat } from "./sdk-compat.js";

export type DriftResult =
  | { status: "in-sync"; source: string; pin: SpecPin; ms: number }
  | {
      status: "drift";
      source: string;
      pin: SpecPin;
      upstream: { canonicalSha256: string; infoVersion: string | null; bytes: number };
      baseline: string;
      counts: Record<ChangeClass, number>;
      diff: SurfaceDiff;
      /** null when skipped with --no-compat. */
      compat: CompatResult | null;
      ms: number;
    }
  | { status: "unchecked"; source: string; reason: string; ms: number }
  /** The upstream spec (or this check) is broken: a dangling `$ref`, a `$ref` loop, an internal failure. */
  | { status: "error"; source: string; reason: string; ms: number };

/** The contract CI relies on: "could not check" is never mistaken for either answer. */
export const EXIT_CODES = { "in-sync": 0, drift: 1, unchecked: 2, error: 2 } as const;

export interface DriftCheckOptions {
  /** Regenerate the types and type-check the SDK against them (the slow part, seconds). */
  compat: boolean;
  /** Deprecation and stability policy (oasdiff's defaults when absent). */
  policy?: DriftOptions;
}

/** Compares upstream with the pin: canonical hash first (formatting is not drift), then the classified surface diff. */
export async function runDriftCheck(ctx: PipelineContext, options: DriftCheckOptions): Promise<DriftResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const source = pullSource(ctx);
  const pin = readPin(ctx.root);
  if (!pin) return { status: "unchecked", source, reason: "openapi/pin.json is missing", ms: elapsed() };
  let spec: Awaited<ReturnType<typeof loadSpec>>;
  try {
    spec = await loadSpec(source, { timeoutMs: ctx.config.fetchTimeoutMs, maxBytes: ctx.config.maxBytes });
  } catch (error) {
    if (error instanceof SpecSourceError) {
      return { status: "unchecked", source, reason: `${error.kind}: ${error.message}`, ms: elapsed() };
    }
    throw error;
  }
  if (spec.canonicalSha256 === pin.canonicalSha256) return { status: "in-sync", source, pin, ms: elapsed() };

  // Drift. The compat check starts first: its generator (the longest step) and compiler run as child processes
  // while this one loads the baseline and classifies. Any answer other than "drift" cancels it.
  const compat = options.compat ? startCompat(ctx.root, spec) : null;
  try {
    return await compareWithBaseline(ctx, spec, pin, source, compat?.result ?? null, elapsed, options.policy);
  } finally {
    await compat?.cancel();
  }
}

function startCompat(root: string, spec: LoadedSpec): { result: Promise<CompatResult>; cancel: () => Promise<void> } {
  const controller = new AbortController();
  const result = checkSdkCompat(root, spec, controller.signal);
  // Marked handled: on an early return it is cancelled, not awaited; otherwise it is awaited and its failure thrown.
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  return {
    result,
    cancel: () => {
      controller.abort();
      return settled;
    },
  };
}

async function compareWithBaseline(
  ctx: PipelineContext,
  spec: LoadedSpec,
  pin: SpecPin,
  source: string,
  compatRun: Promise<CompatResult> | null,
  elapsed: () => number,
  policy: DriftOptions | undefined,
): Promise<DriftResult> {
  let baseline: Awaited<ReturnType<typeof loadBaseline>>;
  try {
    baseline = await loadBaseline(ctx.root, ctx.config, pin);
  } catch (error) {
    if (error instanceof BaselineError) return { status: "unchecked", source, reason: error.message, ms: elapsed() };
    throw error;
  }
  // Loaded only on drift: the in-sync and cannot-check answers need none of it.
  const { classifyDrift } = await import("./classify.js");
  // A broken upstream (dangling or looping `$ref`) is said as such (the caller cancels the compat check).
  let upstreamSurface: Surface;
  try {
    upstreamSurface = buildSurface(spec.doc);
  } catch (error) {
    if (error instanceof SpecRefError) {
      return { status: "error", source, reason: `upstream spec: ${error.message}`, ms: elapsed() };
    }
    throw error;
  }
  const diff = classifyDrift(baseline.surface, upstreamSurface, policy);
  const compat = compatRun ? await compatRun : null;
  return {
    status: "drift",
    source,
    pin,
    upstream: {
      canonicalSha256: spec.canonicalSha256,
      infoVersion: typeof spec.doc.info.version === "string" ? spec.doc.info.version : null,
      bytes: spec.bytes,
    },
    baseline: baseline.from,
    counts: countByClass(diff.changes),
    diff,
    compat,
    ms: elapsed(),
  };
}
