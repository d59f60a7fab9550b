// oasdiff's own checker tests as spec pairs (../shared/drift-oasdiff/: its README says what each field means),
// classified in process and scored as that README says. Used by test/drift/oasdiff-conformance.test.ts and
// bench/drift.ts. The cases are third-party test data beside the clone, read where they are, never copied.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { classifyDrift } from "../../scripts/lib/drift/classify.js";
import { type DriftOptions, driftOptions, type StabilityLevel } from "../../scripts/lib/drift/options.js";
import { type Level, rule } from "../../scripts/lib/drift/rules.js";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { buildSurface } from "../../scripts/lib/surface.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const casesDir = process.env.LOYALTYDOG_OASDIFF_CASES_DIR ?? resolve(repo, "..", "shared", "drift-oasdiff");
export const hasCases = (dir = casesDir) => existsSync(join(dir, "cases.json"));

type OasdiffLevel = "ERR" | "WARN" | "INFO";
export interface Finding {
  rule: string;
  level: OasdiffLevel;
}

export interface OasdiffCase {
  id: string;
  test: string;
  base: string;
  revision: string;
  expected: Finding[];
  absent: string[];
  exact: boolean;
  nonEmpty: boolean;
  scope: "all" | string[];
  threshold: OasdiffLevel;
  options: string[];
}

export interface OasdiffCases {
  /** `owner/repo@commit` the tests were read from. */
  source: string;
  /** Every oasdiff rule id → its level in `checker/rules.go`. */
  levels: Record<string, OasdiffLevel>;
  cases: OasdiffCase[];
}

export function loadCases(dir = casesDir): OasdiffCases {
  const raw = JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")) as OasdiffCases & { meta: { source: string } };
  return { source: raw.meta.source, levels: raw.levels, cases: raw.cases };
}

/** A case's two specs, parsed once (the bench times classification alone). */
export function loadPair(c: OasdiffCase, dir = casesDir): [OpenApiDocument, OpenApiDocument] {
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as OpenApiDocument;
  return [read(c.base), read(c.revision)];
}

/** The day sunset dates are counted from: the recorded commit's date, so scores do not move with the calendar. */
export const CASES_TODAY = "2026-08-08";

const STABILITY: Record<string, StabilityLevel> = {
  StabilityLevelDraft: "draft",
  StabilityLevelAlpha: "alpha",
  StabilityLevelBeta: "beta",
  StabilityLevelStable: "stable",
};

/** `deprecation-policy(beta,stable)` and `stability-level:StabilityLevelX`, as the cases file writes them. */
export function optionsOf(c: OasdiffCase): DriftOptions {
  const options = driftOptions({ today: CASES_TODAY });
  for (const text of c.options) {
    const policy = /^deprecation-policy\((\d+),(\d+)\)$/.exec(text);
    const stability = /^stability-level:(\w+)$/.exec(text);
    if (policy) {
      options.deprecationDaysBeta = Number(policy[1]);
      options.deprecationDaysStable = Number(policy[2]);
    } else if (stability && STABILITY[stability[1] as string]) {
      options.stabilityLevel = STABILITY[stability[1] as string] as StabilityLevel;
    } else throw new Error(`${c.id}: option \`${text}\` is not understood`);
  }
  return options;
}

const RANK: Record<Level, number> = { ERR: 3, WARN: 2, INFO: 1, DOCS: 0 };

/** What the classifier reports for a pair, as distinct (rule, level) findings at or above the case's threshold. */
export function classifyPair(c: OasdiffCase, base: OpenApiDocument, revision: OpenApiDocument): Finding[] {
  const diff = classifyDrift(buildSurface(base), buildSurface(revision), optionsOf(c));
  // A check's asserted ids are among those it reports, whether or not its declared list names them.
  const scope = c.scope === "all" ? null : new Set([...c.scope, ...c.expected.map((f) => f.rule)]);
  const seen = new Map<string, Finding>();
  for (const change of diff.changes) {
    const level = rule(change.rule).level;
    if (level === "DOCS" || RANK[level] < RANK[c.threshold]) continue;
    if (scope && !scope.has(change.rule)) continue;
    seen.set(`${change.rule} ${level}`, { rule: change.rule, level });
  }
  return [...seen.values()];
}

type Verdict = "breaking" | "non-breaking" | "nothing";

const verdictOf = (findings: readonly Finding[]): Verdict =>
  findings.some((f) => f.level !== "INFO") ? "breaking" : findings.length > 0 ? "non-breaking" : "nothing";

/**
 * The verdict a case asserts (README, "Reading a verdict off a case"), or null when it asserts only what is
 * absent. A non-exact case asserting only "something is reported" asks for a breaking verdict at a WARN or
 * ERR threshold and for anything at INFO.
 */
export function expectedVerdict(c: OasdiffCase): Verdict | "something" | null {
  if (c.expected.length > 0) return verdictOf(c.expected);
  if (c.exact) return "nothing";
  if (c.nonEmpty) return c.threshold === "INFO" ? "something" : "breaking";
  return null;
}

export interface CaseOutcome {
  c: OasdiffCase;
  found: Finding[];
  crash?: string;
  verdictAgrees: boolean;
  /** Asserted (rule, level) pairs found. */
  recalled: number;
  /** Reported pairs on an exact case that the case does not assert. */
  extra: Finding[];
  /** `absent` ids that were reported. */
  absentReported: string[];
}

export function scoreCase(c: OasdiffCase, found: Finding[]): CaseOutcome {
  const key = (f: Finding) => `${f.rule} ${f.level}`;
  const foundKeys = new Set(found.map(key));
  const expectedKeys = new Set(c.expected.map(key));
  const absentReported = c.absent.filter((id) => found.some((f) => f.rule === id));
  const want = expectedVerdict(c);
  const got = verdictOf(found);
  const verdictMatches = want === null || (want === "something" ? found.length > 0 : want === got);
  return {
    c,
    found,
    verdictAgrees: verdictMatches && absentReported.length === 0,
    recalled: [...expectedKeys].filter((k) => foundKeys.has(k)).length,
    extra: c.exact ? found.filter((f) => !expectedKeys.has(key(f))) : [],
    absentReported,
  };
}

export function runCase(c: OasdiffCase, dir = casesDir): CaseOutcome {
  try {
    const [base, revision] = loadPair(c, dir);
    return scoreCase(c, classifyPair(c, base, revision));
  } catch (error) {
    const outcome = scoreCase(c, []);
    return { ...outcome, verdictAgrees: false, recalled: 0, crash: String((error as Error)?.stack ?? error) };
  }
}

export interface Score {
  cases: number;
  verdictAgrees: number;
  /** Distinct asserted (rule, level) pairs, and how many were found. */
  expectedPairs: number;
  recalledPairs: number;
  /** On exact cases: distinct reported pairs, and how many were asserted. */
  exactReported: number;
  exactCorrect: number;
  crashes: number;
}

export function score(outcomes: readonly CaseOutcome[]): Score {
  const s: Score = {
    cases: outcomes.length,
    verdictAgrees: 0,
    expectedPairs: 0,
    recalledPairs: 0,
    exactReported: 0,
    exactCorrect: 0,
    crashes: 0,
  };
  for (const o of outcomes) {
    if (o.verdictAgrees) s.verdictAgrees++;
    if (o.crash) s.crashes++;
    s.expectedPairs += new Set(o.c.expected.map((f) => `${f.rule} ${f.level}`)).size;
    s.recalledPairs += o.recalled;
    if (o.c.exact) {
      s.exactReported += o.found.length;
      s.exactCorrect += o.found.length - o.extra.length;
    }
  }
  return s;
}

export const percent = (part: number, whole: number) => (whole === 0 ? 100 : (100 * part) / whole);

export function figures(s: Score) {
  return {
    verdict: percent(s.verdictAgrees, s.cases),
    recall: percent(s.recalledPairs, s.expectedPairs),
    precision: percent(s.exactCorrect, s.exactReported),
  };
}

export function formatScore(s: Score, source: string): string {
  const f = figures(s);
  return (
    `oasdiff conformance (${source}): ${s.cases} cases, top verdict ${f.verdict.toFixed(1)} % (${s.verdictAgrees}), ` +
    `(rule, level) recall ${f.recall.toFixed(1)} % (${s.recalledPairs}/${s.expectedPairs}), ` +
    `precision where exact ${f.precision.toFixed(1)} % (${s.exactCorrect}/${s.exactReported}), crashes ${s.crashes}`
  );
}

/**
 * Classification time of each case in process (its two specs parsed beforehand): `rounds` runs each, the
 * median per case, in ms. What the conformance test and `npm run bench -- drift` measure.
 */
export function timeCases(cases: readonly OasdiffCase[], rounds: number, dir = casesDir): number[] {
  const pairs = cases.map((c) => [c, ...loadPair(c, dir)] as const);
  return pairs.map(([c, base, revision]) => {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      classifyPair(c, base, revision);
      samples.push(performance.now() - started);
    }
    samples.sort((x, y) => x - y);
    return samples[samples.length >> 1] as number;
  });
}
