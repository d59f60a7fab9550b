import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadConfig, type PipelineConfig, readFlag, repoRoot, resolveSource } from "./config.js";
import type { Artifacts } from "./generate-artifacts.js";
import { readPin, type SpecPin } from "./pin.js";
import { type LoadedSpec, loadSpec } from "./spec-source.js";
import { writeFileAtomic } from "./write-atomic.js";

/** A failure the scripts report as one line and a non-zero exit. */
export class PipelineError extends Error {
  override name = "PipelineError";
}

export interface PipelineContext {
  root: string;
  config: PipelineConfig;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
}

/** `LOYALTYDOG_SDK_ROOT` points the scripts at another checkout (the tests use a scratch copy). */
export function context(
  argv = process.argv.slice(2),
  env = process.env,
  root = env.LOYALTYDOG_SDK_ROOT ?? repoRoot,
): PipelineContext {
  return { root, config: loadConfig(root), argv, env };
}

/**
 * Where generate and the checks read the spec from: an explicit `--source` or
 * the env variable if given, else the local copy the last pull left, else the
 * default upstream URL. Whatever it is, its hash must match the pin.
 */
export async function loadSpecForGeneration(ctx: PipelineContext): Promise<LoadedSpec> {
  const explicit = readFlag(ctx.argv, "--source") || ctx.env[ctx.config.sourceEnv] || undefined;
  const cache = resolve(ctx.root, ctx.config.cacheFile);
  const source = explicit ?? (existsSync(cache) ? cache : ctx.config.defaultSource);
  return loadSpec(source, { timeoutMs: ctx.config.fetchTimeoutMs, maxBytes: ctx.config.maxBytes });
}

export function pullSource(ctx: PipelineContext): string {
  return resolveSource(ctx.argv, ctx.env, ctx.config);
}

export function requirePinMatch(ctx: PipelineContext, spec: LoadedSpec): SpecPin {
  const pin = readPin(ctx.root);
  if (!pin) throw new PipelineError("openapi/pin.json is missing: run `npm run spec:pull` to create it");
  if (pin.canonicalSha256 !== spec.canonicalSha256) {
    throw new PipelineError(
      `spec ${spec.source} (canonical sha256 ${spec.canonicalSha256.slice(0, 12)}…) is not the pinned one (${pin.canonicalSha256.slice(0, 12)}…): ` +
        "run `npm run spec:pull` to accept it, or `npm run spec:check` to see what changed",
    );
  }
  return pin;
}

export async function artifactsFor(spec: LoadedSpec): Promise<Artifacts> {
  // Loaded on use: the generator pulls in TypeScript, seconds of start-up that `spec:check` in sync does not need.
  const { generateArtifacts } = await import("./generate-artifacts.js");
  return generateArtifacts(spec.doc, spec.canonicalSha256);
}

/**
 * Generates everything in memory first (a failure leaves generated/ as it
 * was), then writes each file atomically and removes files no longer produced.
 */
export async function writeGenerated(
  ctx: PipelineContext,
  spec: LoadedSpec,
): Promise<{ files: number; bytes: number }> {
  const artifacts = await artifactsFor(spec);
  const dir = generatedDir(ctx);
  for (const [name, content] of artifacts) await writeFileAtomic(join(dir, name), content);
  for (const name of await listGenerated(dir)) if (!artifacts.has(name)) await rm(join(dir, name));
  const bytes = [...artifacts.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);
  return { files: artifacts.size, bytes };
}

export function generatedDir(ctx: PipelineContext): string {
  return resolve(ctx.root, "generated");
}

export async function listGenerated(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Runs a script body; any error becomes one line on stderr and exit code `failureCode`. */
export async function runScript(body: () => Promise<number | undefined>, failureCode = 1): Promise<void> {
  try {
    process.exitCode = (await body()) ?? 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message.split("\n")[0]}\n`);
    process.exitCode = failureCode;
  }
}
