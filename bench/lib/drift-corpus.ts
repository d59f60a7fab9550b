// Runs `npm run spec:check` on real consecutive spec versions (../shared/drift-corpus/:
// third-party files, gunzipped to a temp folder, never copied into the repo) and
// compares its verdict (any breaking change?) with the corpus README's verdict at
// oasdiff's levels. Used by bench/drift.ts and the opt-in test/drift/corpus.test.ts.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { pinFor } from "../../scripts/lib/pin.js";
import { loadSpec } from "../../scripts/lib/spec-source.js";
import { buildSurface, serializeSurface } from "../../scripts/lib/surface.js";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const corpusDir = process.env.LOYALTYDOG_DRIFT_CORPUS_DIR ?? resolve(repo, "..", "shared", "drift-corpus");

export interface CorpusPair {
  source: string;
  old: string;
  new: string;
  message: string;
  /** The README's verdict text. */
  verdict: string;
  /** Breaking for a client at oasdiff's levels. */
  breaking: boolean;
}

/**
 * The pairs in the corpus README. A verdict that starts with "yes" or "no" is
 * that; one that only states oasdiff's rule levels ("… is INFO") is decided by
 * the reference diff's counts for the pair (`reference/<pair>.txt`, first line).
 */
export function corpusPairs(dir = corpusDir): CorpusPair[] {
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  const rows = [...readme.matchAll(/^\| (\w+) \| ([0-9a-f]{6,}) → ([0-9a-f]{6,}) \| (.*?) \| (.*?) \|$/gm)];
  return rows.map(([, source, old, next, message, verdict]) => {
    const text = verdict as string;
    let breaking: boolean;
    if (/^yes\b/i.test(text)) breaking = true;
    else if (/^no\b/i.test(text)) breaking = false;
    else {
      const counts =
        readFileSync(join(dir, "reference", `${source}-${old}-to-${next}.txt`), "utf8").split("\n")[0] ?? "";
      breaking = /'breaking': [1-9]/.test(counts);
    }
    return {
      source: source as string,
      old: old as string,
      new: next as string,
      message: message as string,
      verdict: text,
      breaking,
    };
  });
}

/** A scratch folder with the corpus specs unpacked, removed by `dispose`. */
export function unpackCorpus(dir = corpusDir): {
  specs: string;
  path: (source: string, commit: string) => string;
  dispose: () => void;
} {
  const specs = mkdtempSync(join(tmpdir(), "ld-drift-corpus-"));
  const path = (source: string, commit: string) => {
    const out = join(specs, `${source}-${commit}.json`);
    if (!existsSync(out))
      writeFileSync(out, gunzipSync(readFileSync(join(dir, "specs", `${source}-${commit}.json.gz`))));
    return out;
  };
  return { specs, path, dispose: () => rmSync(specs, { recursive: true, force: true }) };
}

/** A scratch SDK root pinned to `specPath` (pin + committed surface), for `LOYALTYDOG_SDK_ROOT`. */
export async function pinnedRoot(specPath: string, into: string): Promise<string> {
  const spec = await loadSpec(specPath, { timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024 });
  mkdirSync(join(into, "openapi"), { recursive: true });
  mkdirSync(join(into, "generated"), { recursive: true });
  cpSync(join(repo, "openapi", "config.json"), join(into, "openapi", "config.json"));
  writeFileSync(join(into, "openapi", "pin.json"), `${JSON.stringify(pinFor(spec, into), null, 2)}\n`);
  writeFileSync(
    join(into, "generated", "surface.json"),
    serializeSurface(buildSurface(spec.doc), spec.canonicalSha256),
  );
  return into;
}

export interface SpecCheckRun {
  code: number | null;
  ms: number;
  // biome-ignore lint/suspicious/noExplicitAny: the --json result, read loosely.
  result: any;
  stderr: string;
}

/** `npm run spec:check -- --source <source> --json [...]` as CI runs it (node + tsx, no npm wrapper). */
export function runSpecCheck(source: string, args: string[], env: NodeJS.ProcessEnv = {}): SpecCheckRun {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", join(repo, "scripts", "spec-check.ts"), "--source", source, "--json", ...args],
    { cwd: repo, env: { ...process.env, GITHUB_STEP_SUMMARY: "", ...env }, encoding: "utf8", maxBuffer: 256 << 20 },
  );
  const ms = performance.now() - started;
  let result: unknown;
  try {
    result = JSON.parse(run.stdout);
  } catch {
    result = { status: "no-json", stdout: run.stdout.slice(0, 500) };
  }
  return { code: run.status, ms, result, stderr: run.stderr };
}

export interface PairOutcome {
  pair: CorpusPair;
  status: string;
  breaking: number;
  nonBreaking: number;
  docsOnly: number;
  agrees: boolean;
  ms: number;
}

/** Runs every pair (or the first `limit`) and reports spec:check's verdict next to the README's. */
export async function runCorpus(limit = Number.POSITIVE_INFINITY): Promise<PairOutcome[]> {
  const unpacked = unpackCorpus();
  const outcomes: PairOutcome[] = [];
  try {
    for (const pair of corpusPairs().slice(0, limit)) {
      const root = mkdtempSync(join(tmpdir(), "ld-drift-root-"));
      try {
        await pinnedRoot(unpacked.path(pair.source, pair.old), root);
        const run = runSpecCheck(unpacked.path(pair.source, pair.new), ["--no-compat"], { LOYALTYDOG_SDK_ROOT: root });
        const counts = run.result.counts ?? {};
        const breaking = Number(counts.breaking ?? 0);
        outcomes.push({
          pair,
          status: String(run.result.status),
          breaking,
          nonBreaking: Number(counts["non-breaking"] ?? 0),
          docsOnly: Number(counts["docs-only"] ?? 0),
          agrees: run.result.status === "drift" && breaking > 0 === pair.breaking,
          ms: run.ms,
        });
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  } finally {
    unpacked.dispose();
  }
  return outcomes;
}
