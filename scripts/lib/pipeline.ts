import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadConfig, type PipelineConfig, readFlag, repoRoot, resolveSource, shellQuote } from "./config.js";
import type { Artifacts } from "./generate-artifacts.js";
import { readPin, type SpecPin, sourceLocation } from "./pin.js";
import { isUrl, type LoadedSpec, loadSpec, SpecSourceError } from "./spec-source.js";
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
 * Where generate and the checks read the spec from: an explicit `--source` or the env variable if given, else
 * the local copy the last pull left, else the source the pin records (a file beside the repository on a fresh
 * clone), else the default upstream URL. Whatever it is, its hash must match the pin (requirePinMatch).
 */
export async function loadSpecForGeneration(ctx: PipelineContext): Promise<LoadedSpec> {
  const explicit = explicitSource(ctx);
  const cache = resolve(ctx.root, ctx.config.cacheFile);
  const pinned = readPin(ctx.root)?.source;
  const options = { timeoutMs: ctx.config.fetchTimeoutMs, maxBytes: ctx.config.maxBytes };
  if (explicit) return loadSpec(explicit, options);
  if (existsSync(cache)) return loadSpec(cache, options);
  if (!pinned) return loadSpec(ctx.config.defaultSource, options);
  return loadSpec(sourceLocation(pinned, ctx.root), options).catch((error: unknown) => {
    if (!(error instanceof SpecSourceError) || isUrl(pinned)) throw error;
    // A path relative to the repository means the same only in the same layout (a worktree sits deeper).
    throw new PipelineError(
      `no local copy of the spec (${ctx.config.cacheFile}), and the pin's source ${pinned} is not readable here ` +
        `(${error.kind}): pass --source or set ${ctx.config.sourceEnv} to a copy of the pinned spec, ` +
        "or `npm run spec:pull -- --source <that copy>` once",
    );
  });
}

function explicitSource(ctx: PipelineContext): string | undefined {
  return readFlag(ctx.argv, "--source") || ctx.env[ctx.config.sourceEnv] || undefined;
}

export function pullSource(ctx: PipelineContext): string {
  return resolveSource(ctx.argv, ctx.env, ctx.config);
}

/**
 * The spec loadSpecForGeneration found must be the pinned one. When it is not, the advice depends on where it
 * came from: a source the caller named is upstream moving on (check, then accept); the local copy or the pin's
 * own source disagreeing with the pin is local state gone stale (a `git checkout openapi`, a pull elsewhere), and
 * the fix is to fetch the pinned spec again, with the exact command.
 */
export async function requirePinMatch(ctx: PipelineContext, spec: LoadedSpec): Promise<SpecPin> {
  const pin = readPin(ctx.root);
  if (!pin) throw new PipelineError("openapi/pin.json is missing: run `npm run spec:pull` to create it");
  if (pin.canonicalSha256 === spec.canonicalSha256) return pin;
  const theirs = `${short(spec.canonicalSha256)}…, version ${spec.doc.info.version ?? "none"}`;
  const pinned = `${short(pin.canonicalSha256)}…, version ${pin.infoVersion ?? "none"}`;
  if (explicitSource(ctx)) {
    throw new PipelineError(
      `spec ${spec.source} (canonical sha256 ${theirs}) is not the pinned one (${pinned}): ` +
        "run `npm run spec:check` to see what changed, then `npm run spec:accept` to accept it",
    );
  }
  const where =
    spec.source === resolve(ctx.root, ctx.config.cacheFile)
      ? `the local copy ${ctx.config.cacheFile}`
      : `the pin's source ${spec.source}`;
  throw new PipelineError(
    `${where} holds canonical sha256 ${theirs}, but openapi/pin.json pins ${pinned} ` +
      `(a checkout of openapi/ or generated/ since the last pull?): ${await refetchAdvice(ctx, pin)}`,
  );
}

/**
 * The command that puts the pinned spec back into the local copy, as exact as the pin allows: a file the pin
 * names is read first, so the command is only offered when that file still holds the pinned spec.
 */
export async function refetchAdvice(ctx: PipelineContext, pin: SpecPin): Promise<string> {
  const byHand = "get a copy of the pinned spec and run `npm run spec:pull -- --source <that file>`";
  if (pin.source === null) return `openapi/pin.json names no source anyone else can read: ${byHand}`;
  const command = `\`npm run spec:pull -- --source ${shellQuote(pin.source)}\``;
  if (isUrl(pin.source)) {
    return (
      `run ${command} to fetch it again (if that URL serves a newer version by now, the pull pins that one ` +
      "instead: then give --source a copy of the pinned spec)"
    );
  }
  const file = sourceLocation(pin.source, ctx.root);
  const there = await loadSpec(file, { timeoutMs: ctx.config.fetchTimeoutMs, maxBytes: ctx.config.maxBytes }).catch(
    (error: unknown) => (error instanceof SpecSourceError ? error : Promise.reject(error)),
  );
  if (there instanceof SpecSourceError)
    return `the pin's source ${pin.source} cannot be read (${there.kind}): ${byHand}`;
  if (there.canonicalSha256 !== pin.canonicalSha256)
    return `the pin's source ${pin.source} holds another spec now (${short(there.canonicalSha256)}…): ${byHand}`;
  return `run ${command} to fetch the pinned spec again`;
}

const short = (hash: string) => hash.slice(0, 12);

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
  return writeArtifacts(ctx, await artifactsFor(spec));
}

/** Writes artifacts generated earlier (scripts/accept-spec.ts generates before it writes anything). */
export async function writeArtifacts(
  ctx: PipelineContext,
  artifacts: Artifacts,
): Promise<{ files: number; bytes: number }> {
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
