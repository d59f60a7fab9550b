import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: scripts/lib/ is two levels below it. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface PipelineConfig {
  defaultSource: string;
  sourceEnv: string;
  fetchTimeoutMs: number;
  maxBytes: number;
  /** Local, git-ignored copy of the last pulled spec (relative to the repo root). */
  cacheFile: string;
}

export function loadConfig(root = repoRoot): PipelineConfig {
  const raw = JSON.parse(readFileSync(resolve(root, "openapi", "config.json"), "utf8"));
  return {
    defaultSource: raw.defaultSource,
    sourceEnv: raw.sourceEnv,
    fetchTimeoutMs: raw.fetchTimeoutMs,
    maxBytes: raw.maxBytes,
    cacheFile: raw.cacheFile,
  };
}

/** `--source X` or `--source=X` from argv, else the env variable, else the default. */
export function resolveSource(argv: readonly string[], env: NodeJS.ProcessEnv, config: PipelineConfig): string {
  const flag = readFlag(argv, "--source");
  if (flag) return flag;
  const fromEnv = env[config.sourceEnv];
  if (fromEnv) return fromEnv;
  return config.defaultSource;
}

/**
 * The command that accepts what `spec:check` compared, from the same source: `--source` (or the env
 * variable, which the command would read too, spelled out so it can be pasted anywhere) when one was given.
 */
export function acceptCommand(argv: readonly string[], env: NodeJS.ProcessEnv, config: PipelineConfig): string {
  const explicit = readFlag(argv, "--source") || env[config.sourceEnv];
  return explicit ? `npm run spec:accept -- --source ${shellQuote(explicit)}` : "npm run spec:accept";
}

/** A POSIX shell word: as is when it needs no quoting, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

export function readFlag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}
