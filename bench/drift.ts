// npm run bench -- drift   (or: tsx bench/drift.ts [--quick] [--json])
// `npm run spec:check` wall time, as CI runs it, on the pinned 750 KB spec (in
// sync; drift without and with the SDK compatibility check) and on a synthetic
// 5 MB / 2,000-operation spec (drift), against a bare `node --import tsx` start
// in the same run; then its verdict on the real pairs of ../shared/drift-corpus
// compared with the corpus README (oasdiff's levels); then, in process, the classification time of one of
// oasdiff's checker tests (../shared/drift-oasdiff) and the agreement on them. Writes only to temp dirs.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { corpusDir, pinnedRoot, repo, runCorpus, runSpecCheck } from "./lib/drift-corpus.js";
import { type BenchResult, type Check, interleaved, median, now, round, runBench } from "./lib/harness.js";
import {
  figures as caseFigures,
  casesDir,
  hasCases,
  loadCases,
  runCase,
  score,
  timeCases,
} from "./lib/oasdiff-cases.js";
import { driftedSyntheticSpec, syntheticSpec } from "./lib/synthetic-spec.js";

// The shared spec beside the checkout, as .ci/run finds it.
const SPEC = process.env.LOYALTYDOG_OPENAPI_SOURCE ?? join(repo, "..", "shared/loyaltydog/openapi.public.json");

/** The pinned spec with an operation added and a received enum widened: drift, whatever version is pinned. */
function driftedPinnedSpec(): Record<string, unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: edits reach into the untyped spec.
  const doc = JSON.parse(readFileSync(SPEC, "utf8")) as any;
  doc.paths["/bench/drift"] = { get: { operationId: "benchDrift", responses: { "204": { description: "ok" } } } };
  const schemas = Object.values(doc.components?.schemas ?? {}) as { enum?: unknown[] }[];
  const withEnum = schemas.find((s) => Array.isArray(s?.enum));
  withEnum?.enum?.push("bench-drift-value");
  return doc;
}

function nodeStart(): number {
  const started = now();
  spawnSync(process.execPath, ["--import", "tsx", "-e", ""], { cwd: repo });
  return now() - started;
}

/** Where the compat run's time goes, from its --json (`ms` is the check's own, without node and tsx start-up). */
interface CompatPhases {
  check: number;
  generate: number;
  typecheck: number;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

await runBench(async ({ quick }): Promise<BenchResult> => {
  const loadBefore = load();
  const phases: CompatPhases[] = [];
  const scratch = mkdtempSync(join(tmpdir(), "ld-bench-drift-"));
  try {
    const drifted = join(scratch, "drifted.json");
    writeFileSync(drifted, JSON.stringify(driftedPinnedSpec()));
    const synthBase = join(scratch, "synthetic.json");
    const synthNext = join(scratch, "synthetic-next.json");
    writeFileSync(synthBase, JSON.stringify(syntheticSpec(2000)));
    writeFileSync(synthNext, JSON.stringify(driftedSyntheticSpec(2000)));
    const synthRoot = await pinnedRoot(synthBase, join(scratch, "root"));
    const synthBytes = readFileSync(synthNext).length;

    const expect = (run: ReturnType<typeof runSpecCheck>, status: string) => {
      if (run.result.status !== status)
        throw new Error(
          `spec:check: expected ${status}, got ${JSON.stringify(run.result).slice(0, 300)} ${run.stderr}`,
        );
      return run.ms;
    };
    const variants: { name: string; target: number | null; run: () => number }[] = [
      { name: "node --import tsx (start-up alone)", target: null, run: nodeStart },
      { name: "in sync, 750 KB spec", target: 2000, run: () => expect(runSpecCheck(SPEC, []), "in-sync") },
      {
        name: "drift, 750 KB spec, --no-compat",
        target: 3000,
        run: () => expect(runSpecCheck(drifted, ["--no-compat"]), "drift"),
      },
      {
        name: "drift, 750 KB spec, with compat check",
        target: 6000,
        run: () => {
          const run = runSpecCheck(drifted, []);
          const ms = expect(run, "drift");
          // biome-ignore lint/suspicious/noExplicitAny: the --json report, checked by expect() above.
          const result = run.result as any;
          phases.push({ check: result.ms, generate: result.compat.generateMs, typecheck: result.compat.typecheckMs });
          return ms;
        },
      },
      {
        name: `drift, synthetic ${(synthBytes / 1e6).toFixed(1)} MB / 2,000 operations, --no-compat`,
        target: 15000,
        run: () => expect(runSpecCheck(synthNext, ["--no-compat"], { LOYALTYDOG_SDK_ROOT: synthRoot }), "drift"),
      },
    ];
    const runs = quick ? 1 : 5;
    const samples = interleaved(variants, runs);
    const ms = (name: string) => median(samples.get(name) ?? []);
    const base = ms(variants[0]?.name ?? "");
    const checks: Check[] = variants
      .filter((v) => v.target !== null)
      .map((v) => ({
        name: `spec:check ${v.name}`,
        target: `≤ ${(v.target as number) / 1000} s wall`,
        measured: `${(ms(v.name) / 1000).toFixed(2)} s (${(ms(v.name) / base).toFixed(1)}× a bare tsx start, ${(base / 1000).toFixed(2)} s)`,
        pass: ms(v.name) <= (v.target as number),
      }));

    const phase = (key: keyof CompatPhases) => median(phases.map((p) => p[key]));
    const loadAfterTimings = load();
    // The corpus is test data beside the clone (.ci/run has it); a checkout without it (GitHub's CI) reports so.
    const hasCorpus = existsSync(corpusDir);
    const outcomes = hasCorpus ? await runCorpus(quick ? 2 : Number.POSITIVE_INFINITY) : [];
    const agree = outcomes.filter((o) => o.agrees).length;
    checks.push({
      name: "spec:check verdict (breaking or not) vs ../shared/drift-corpus README, oasdiff levels",
      target: "all pairs",
      measured: hasCorpus ? `${agree}/${outcomes.length}` : `not run: no corpus at ${corpusDir}`,
      pass: hasCorpus ? agree === outcomes.length : null,
    });
    // oasdiff's own checker tests (../shared/drift-oasdiff): the classifier in process, per case, and its agreement.
    const withCases = hasCases();
    const oasdiff = withCases ? loadCases() : null;
    const perCase = oasdiff ? timeCases(oasdiff.cases, quick ? 1 : 5) : [];
    const caseMs = median(perCase);
    const caseScore = oasdiff ? score(oasdiff.cases.map((c) => runCase(c))) : null;
    const caseFig = caseScore ? caseFigures(caseScore) : null;
    checks.push({
      name: "classification of one oasdiff checker case, in process (median)",
      target: "≤ 50 ms",
      measured: oasdiff
        ? `${caseMs.toFixed(1)} ms (max ${Math.max(...perCase).toFixed(1)} ms, ${perCase.length} cases)`
        : `not run: no cases at ${casesDir}`,
      pass: oasdiff ? caseMs <= 50 : null,
    });
    checks.push({
      name: `verdict, (rule, level) recall, precision where exact, on oasdiff's checker tests (${oasdiff?.source ?? "none"})`,
      target: "≥ 95 %, ≥ 90 %, ≥ 95 %, 0 crashes",
      measured:
        caseScore && caseFig
          ? `${caseFig.verdict.toFixed(1)} %, ${caseFig.recall.toFixed(1)} %, ${caseFig.precision.toFixed(1)} %, ${caseScore.crashes} crashes (${caseScore.cases} cases)`
          : `not run: no cases at ${casesDir}`,
      pass:
        caseScore && caseFig
          ? caseFig.verdict >= 95 && caseFig.recall >= 90 && caseFig.precision >= 95 && caseScore.crashes === 0
          : null,
    });
    return {
      bench: "drift",
      quick,
      figures: {
        tsx_start_ms: round(base, 0),
        ...Object.fromEntries(variants.slice(1).map((v) => [v.name, round(ms(v.name), 0)])),
        compat_check_ms: round(phase("check"), 0),
        compat_generate_ms: round(phase("generate"), 0),
        compat_typecheck_ms: round(phase("typecheck"), 0),
        load_average_before: loadBefore,
        load_average_after_timings: loadAfterTimings,
        corpus_agreement: `${agree}/${outcomes.length}`,
        oasdiff_case_median_ms: withCases ? round(caseMs, 1) : null,
        oasdiff_verdict_percent: caseFig ? round(caseFig.verdict, 1) : null,
        oasdiff_recall_percent: caseFig ? round(caseFig.recall, 1) : null,
        oasdiff_precision_percent: caseFig ? round(caseFig.precision, 1) : null,
        runs,
      },
      checks,
      table: [
        ["spec:check", "median wall", "vs tsx start"],
        ...variants.map((v) => [v.name, `${(ms(v.name) / 1000).toFixed(2)} s`, `${(ms(v.name) / base).toFixed(1)}×`]),
        ["", "", ""],
        ["with compat check, phases", "median", "of the check's own"],
        ["  check (in-process, no start-up)", `${(phase("check") / 1000).toFixed(2)} s`, "100%"],
        ...(["generate", "typecheck"] as const).map((key) => [
          `  ${key === "generate" ? "types generated (child, plain Node)" : "tsgo on generated/, src/, demo/"}`,
          `${(phase(key) / 1000).toFixed(2)} s`,
          `${Math.round((100 * phase(key)) / phase("check"))}%`,
        ]),
        ["", "", ""],
        ["corpus pair", "spec:check (breaking · non · docs)", "README verdict"],
        ...outcomes.map((o) => [
          `${o.pair.source} ${o.pair.old}→${o.pair.new}${o.agrees ? "" : " (DISAGREES)"}`,
          `${o.breaking > 0 ? "breaking" : "not breaking"} (${o.breaking} · ${o.nonBreaking} · ${o.docsOnly}), ${(o.ms / 1000).toFixed(1)} s`,
          `${o.pair.breaking ? "breaking" : "not breaking"}: ${o.pair.verdict.slice(0, 60)}`,
        ]),
      ],
      notes: [
        `${runs} interleaved run(s) each; spec ${SPEC}; corpus ${corpusDir}`,
        `load average (1, 5, 15 min) before the timings ${loadBefore}, after them ${loadAfterTimings}`,
        "each run is `node --import tsx scripts/spec-check.ts --json` (what `npm run spec:check` runs, without npm's own start)",
      ],
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
