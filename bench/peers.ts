// npm run bench -- peers   (or: tsx bench/peers.ts [--quick] [--json])
// This SDK against the clients a team could generate itself from the same pinned spec: bare
// openapi-typescript + openapi-fetch, @hey-api/openapi-ts (its fetch client) and orval (fetch mode), all
// pinned devDependencies. Generates the peers into a scratch folder (.tmp/bench-peers/, gitignored; the spec
// is read where it lies, beside the checkout), then measures every subject in this one run:
//   generation time   each generator's CLI vs this SDK's `npm run generate` script (each as a bare process);
//   type-check        the same 8 calls (bench/peers/*/calls.ts), tsc 5.9, skipLibCheck on and off;
//   stub overhead     one typed GET against an in-process stub fetch (as bench/request-overhead.ts);
//   throughput        the same GET against node:http on 127.0.0.1, 1 and 200 in flight, a fresh process per
//                     round, rounds interleaved (bench/lib/real-server.ts, shared with bench/concurrency.ts);
//   bundle size       a one-call app (bench/peers/*/call.ts) bundled whole with esbuild, min+gzip.
// Every row is printed as peer / this SDK, with which direction is better, and checked against the goal:
// this SDK first, or within 5 % of the best peer.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "./lib/bundle-size.js";
import { type BenchResult, type Check, interleaved, median, now, round, runBench } from "./lib/harness.js";
import { type ChildResult, driveCalls, runChild, STATUS_BODY, startJsonServer, TASK_ID } from "./lib/real-server.js";
import { diagnostics, writeConsumerProject } from "./lib/tsc-diagnostics.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const SCRATCH = join(root, ".tmp", "bench-peers");
// The shared spec beside the checkout, as .ci/run and bench/generation.ts find it.
const SPEC = process.env.LOYALTYDOG_OPENAPI_SOURCE ?? join(root, "..", "shared/loyaltydog/openapi.public.json");

/** A subject's folder under bench/peers/ (its calls.ts and call.ts). */
type Dir = "ours" | "openapi-fetch" | "hey-api" | "orval";
/** `connect(baseUrl, fetch)` from bench/peers/<dir>/call.ts: returns the one typed GET. */
type Connect = (baseUrl: string, fetchImpl: typeof fetch) => (taskId: string) => Promise<unknown>;

interface Subject {
  dir: Dir;
  name: string;
  /** The generator command, run from the repo root; its output lands where bench/peers/<dir>/ imports it. */
  generate: () => { command: string; args: string[]; env?: NodeJS.ProcessEnv };
}

const bin = (name: string) => join(root, "node_modules", ".bin", name);
const version = (pkg: string) =>
  (JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
const OURS_ROOT = join(SCRATCH, "ours-root");

const SUBJECTS: Subject[] = [
  {
    dir: "ours",
    name: "this SDK",
    // What `npm run generate` runs, in a scratch root (LOYALTYDOG_SDK_ROOT) so the checkout is not touched.
    generate: () => ({
      command: process.execPath,
      args: [join(root, "scripts", "run-ts.mjs"), join(root, "scripts", "generate.ts"), "--source", SPEC],
      env: { ...process.env, LOYALTYDOG_SDK_ROOT: OURS_ROOT },
    }),
  },
  {
    dir: "openapi-fetch",
    name: `openapi-typescript ${version("openapi-typescript")} + openapi-fetch ${version("openapi-fetch")}`,
    generate: () => ({
      command: bin("openapi-typescript"),
      args: [SPEC, "-o", join(SCRATCH, "openapi-typescript", "schema.d.ts")],
    }),
  },
  {
    dir: "hey-api",
    name: `@hey-api/openapi-ts ${version("@hey-api/openapi-ts")} (fetch client)`,
    generate: () => ({
      command: bin("openapi-ts"),
      args: ["-i", SPEC, "-o", join(SCRATCH, "hey-api"), "-c", "@hey-api/client-fetch", "--silent", "--no-log-file"],
    }),
  },
  {
    dir: "orval",
    name: `orval ${version("orval")} (fetch)`,
    generate: () => ({
      command: bin("orval"),
      args: ["-i", SPEC, "-o", join(SCRATCH, "orval", "api.ts"), "--client", "fetch", "--log-level", "error"],
    }),
  },
];
const OURS = SUBJECTS[0] as Subject;
const PEERS = SUBJECTS.slice(1);

function generateOnce(subject: Subject): number {
  const { command, args, env } = subject.generate();
  const start = now();
  const run = spawnSync(command, args, { cwd: root, env: env ?? process.env, encoding: "utf8" });
  const ms = now() - start;
  if (run.status !== 0) {
    throw new Error(`${subject.name}: generation failed (exit ${run.status}):\n${run.stderr || run.stdout}`);
  }
  return ms;
}

const loadConnect = async (dir: Dir): Promise<Connect> =>
  ((await import(`./peers/${dir}/call.ts`)) as { connect: Connect }).connect;

async function stubOverhead(quick: boolean): Promise<Map<Dir, number[]>> {
  const stub = (async () =>
    new Response(STATUS_BODY, { status: 200, headers: { "content-type": "application/json" } })) as typeof fetch;
  const calls = await Promise.all(
    SUBJECTS.map(async (s) => ({ dir: s.dir, call: (await loadConnect(s.dir))("https://api.loyalty.dog", stub) })),
  );
  for (const { dir, call } of calls) {
    if ((await call(TASK_ID)) !== "running") throw new Error(`${dir}: the stubbed call did not answer the status`);
  }
  const perRound = quick ? 100 : 500;
  const timePerCall = async (call: (taskId: string) => Promise<unknown>, n: number) => {
    const start = now();
    for (let i = 0; i < n; i++) await call(TASK_ID);
    return ((now() - start) * 1000) / n; // µs per call
  };
  for (const { call } of calls) await timePerCall(call, quick ? 200 : 3000); // warm-up: JIT, caches
  const samples = new Map<Dir, number[]>(SUBJECTS.map((s) => [s.dir, []]));
  const rounds = quick ? 3 : 41;
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < calls.length; k++) {
      const { dir, call } = calls[(r + k) % calls.length] as (typeof calls)[number];
      samples.get(dir)?.push(await timePerCall(call, perRound));
    }
  }
  return samples;
}

/** Per-round ratios of `a` to `b` (same round, so a neighbour's burst of load hits both), then the median. */
const pairedRatio = (a: readonly number[], b: readonly number[]) => median(a.map((x, i) => x / (b[i] as number)));

interface Row {
  name: string;
  unit: string;
  better: "lower" | "higher";
  /** Median absolute figure per subject. */
  value: Map<Dir, number>;
  /** Peer / this SDK per peer (paired per round where the figure has rounds). */
  ratio: Map<Dir, number>;
}

function row(name: string, unit: string, better: Row["better"], samples: Map<Dir, readonly number[]>): Row {
  const ours = samples.get("ours") ?? [];
  const value = new Map(SUBJECTS.map((s) => [s.dir, median(samples.get(s.dir) ?? [])]));
  const ratio = new Map(PEERS.map((p) => [p.dir, pairedRatio(samples.get(p.dir) ?? [], ours)]));
  return { name, unit, better, value, ratio };
}

/** Goal: this SDK first, or within 5 % of the best peer. For "lower is better", peer/SDK ≥ 1/1.05 for every peer. */
function verdict(r: Row): { pass: boolean; best: number } {
  const ratios = [...r.ratio.values()];
  if (r.better === "lower") {
    const best = Math.min(...ratios);
    return { pass: best >= 1 / 1.05, best };
  }
  const best = Math.max(...ratios);
  return { pass: best <= 1 / 0.95, best };
}

async function throughput(quick: boolean): Promise<Map<string, ChildResult[]>> {
  const server = await startJsonServer();
  const self = fileURLToPath(import.meta.url);
  const total = quick ? 200 : 4000;
  const rounds = quick ? 1 : 5;
  const samples = new Map<string, ChildResult[]>();
  try {
    for (let r = 0; r < rounds; r++) {
      for (const c of [1, 200]) {
        for (let k = 0; k < SUBJECTS.length; k++) {
          const s = SUBJECTS[(r + k) % SUBJECTS.length] as Subject;
          const args = [s.dir, server.baseUrl, String(c), String(total)];
          const list = samples.get(`${s.dir}@${c}`) ?? [];
          list.push(await runChild(self, args, `${s.name} at ${c} in flight`));
          samples.set(`${s.dir}@${c}`, list);
        }
      }
    }
  } finally {
    server.close();
  }
  return samples;
}

async function measure(quick: boolean): Promise<BenchResult> {
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  cpSync(join(root, "openapi"), join(OURS_ROOT, "openapi"), { recursive: true });
  cpSync(join(root, "generated"), join(OURS_ROOT, "generated"), { recursive: true });
  const rows: Row[] = [];
  const figures: BenchResult["figures"] = {};

  // Generation: interleaved runs; the last run's output is what the other rows use.
  const genRuns = quick ? 1 : 3;
  const gen = interleaved(
    SUBJECTS.map((s) => ({ name: s.dir, run: () => generateOnce(s) })),
    genRuns,
  );
  rows.push(row("generation time", "ms", "lower", gen as Map<Dir, number[]>));

  // Consumer type-check: the 8 calls, against the built dist/ for this SDK (as a consumer's import resolves it).
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const projects = join(SCRATCH, "projects");
  mkdirSync(projects, { recursive: true });
  const tcRuns = quick ? 1 : 3;
  for (const skip of [true, false]) {
    const variants = SUBJECTS.map((s) => {
      const project = writeConsumerProject(
        join(projects, `${s.dir}-${skip ? "skip" : "full"}.json`),
        join(here, "peers", s.dir, "calls.ts"),
        skip,
        // hey-api's fetch client names DOM's BodyInit and orval's calls Headers.entries(): neither type-checks without the DOM libs. Every subject
        // gets the same lib, so the comparison stays like for like.
        ["ES2023", "DOM", "DOM.Iterable"],
      );
      return { name: s.dir, run: () => diagnostics("tsc", project).totalMs };
    });
    const label = `consumer type-check, 8 calls, tsc 5.9, skipLibCheck ${skip ? "on" : "off"} (total time)`;
    rows.push(row(label, "ms", "lower", interleaved(variants, tcRuns) as Map<Dir, number[]>));
  }

  rows.push(row("stub overhead, one typed GET", "µs/call", "lower", await stubOverhead(quick)));

  const tp = await throughput(quick);
  for (const c of [1, 200]) {
    const samples = new Map(SUBJECTS.map((s) => [s.dir, (tp.get(`${s.dir}@${c}`) ?? []).map((x) => x.reqPerSec)]));
    rows.push(row(`real-server throughput, ${c} in flight`, "req/s", "higher", samples));
    for (const s of SUBJECTS) {
      figures[`${s.dir.replace(/-/g, "_")}_c${c}_warnings`] = (tp.get(`${s.dir}@${c}`) ?? []).reduce(
        (n, x) => n + x.warnings,
        0,
      );
    }
  }

  const sizes = new Map<Dir, number[]>();
  for (const s of SUBJECTS) {
    const app = await bundle({
      name: s.dir,
      source: `import { connect } from "./bench/peers/${s.dir}/call.ts";
const call = connect("https://api.loyalty.dog", fetch);
console.log(await call("3f0c"));`,
    });
    sizes.set(s.dir, [app.gzip]);
  }
  rows.push(row("bundle, one-call app, esbuild min+gzip", "bytes", "lower", sizes));

  const checks: Check[] = [];
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "");
  for (const r of rows) {
    const { pass, best } = verdict(r);
    for (const s of SUBJECTS) figures[`${slug(r.name)}_${slug(s.dir)}`] = round(r.value.get(s.dir) ?? Number.NaN, 2);
    for (const p of PEERS)
      figures[`${slug(r.name)}_${slug(p.dir)}_vs_ours`] = round(r.ratio.get(p.dir) ?? Number.NaN, 3);
    checks.push({
      name: `peers: ${r.name}, best peer / this SDK (${r.better} is better)`,
      target: r.better === "lower" ? "≥ 0.952× (SDK first or within 5 %)" : "≤ 1.053× (SDK first or within 5 %)",
      measured: `${best.toFixed(3)}×`,
      pass,
    });
  }
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  return {
    bench: "peers",
    quick,
    figures: { ...figures, generation_runs: genRuns, typecheck_runs: tcRuns },
    checks,
    table: [
      ["row (peer / this SDK)", "better", `this SDK`, ...PEERS.map((p) => p.name), "verdict"],
      ...rows.map((r) => [
        `${r.name} (${r.unit})`,
        r.better,
        fmt(r.value.get("ours") ?? Number.NaN),
        ...PEERS.map(
          (p) => `${(r.ratio.get(p.dir) ?? Number.NaN).toFixed(2)}× (${fmt(r.value.get(p.dir) ?? Number.NaN)})`,
        ),
        verdict(r).pass ? "first or within 5 %" : "MISS",
      ]),
    ],
    notes: [
      `spec ${SPEC}; peers generated into ${SCRATCH}; this SDK: ${OURS.name} from src/ (stub, throughput, size) and dist/ (type-check)`,
      `generation: ${genRuns} interleaved run(s), each a bare process (no npm start): this SDK's is what \`npm run generate\` runs`,
      `type-check: ${tcRuns} interleaved run(s) per subject of tsc --extendedDiagnostics "Total time"; peers' generated code is .ts (checked even with skipLibCheck), this SDK's is .d.ts`,
      "stub: interleaved rounds of sequential calls; throughput: interleaved rounds, each a fresh process; ratios are medians of per-round ratios",
      "orval's fetch client has no runtime base URL: its call.ts sets a global fetch that prefixes it (one string concatenation per call)",
    ],
  };
}

const childIndex = process.argv.indexOf("--child");
if (childIndex !== -1) {
  const [dir, baseUrl, concurrency, total] = process.argv.slice(childIndex + 1);
  const call = (await loadConnect(dir as Dir))(baseUrl as string, fetch);
  await driveCalls(() => call(TASK_ID), Number(concurrency), Number(total));
} else {
  await runBench(async ({ quick }) => measure(quick));
}
