// npm run bench -- peers   (or: tsx bench/peers.ts [--quick] [--json])
// This SDK against the clients a team could generate itself from the same pinned spec (bare openapi-typescript +
// openapi-fetch, @hey-api/openapi-ts with its fetch client, orval in fetch mode) and against full-featured clients
// as anchors (openai-node and stripe-node, ky; ofetch as the minimal one). The generators and anchors are pinned
// in bench/peers/on-demand/package.json and installed on demand into its node_modules (lib/peer-toolchain.ts), not
// by the root npm ci. Generates the peers into a scratch folder (.tmp/bench-peers/, gitignored; the spec is read
// where it lies, beside the checkout), then measures every subject in this one run:
//   generation time   each generator's CLI vs this SDK's `npm run generate` script (each as a bare process);
//   type-check        the same 8 calls (bench/peers/*/calls.ts), tsc 5.9, skipLibCheck on and off;
//   stub overhead     one typed GET against an in-process stub fetch (as bench/request-overhead.ts);
//   throughput        the same GET against node:http on 127.0.0.1, 1 and 200 in flight, a fresh process per
//                     round, rounds interleaved (bench/lib/real-server.ts, shared with bench/concurrency.ts);
//   bundle size       a one-call app (bench/peers/*/call.ts, the anchors' in on-demand/) bundled whole with esbuild for a browser, min+gzip.
// The anchors generate nothing and type-check no spec, so they have the per-call and bundle rows only. Every cell
// is printed as subject / this SDK, with which direction is better; the goal is checked against the generated
// peers: this SDK first, or within 5 % of the best of them.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle } from "./lib/bundle-size.js";
import { type BenchResult, type Check, interleaved, median, now, round, runBench } from "./lib/harness.js";
import { installPeerToolchain, peerBin, peerVersion } from "./lib/peer-toolchain.js";
import { type ChildResult, driveCalls, runChild, STATUS_BODY, startJsonServer, TASK_ID } from "./lib/real-server.js";
import { diagnostics, writeConsumerProject } from "./lib/tsc-diagnostics.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const SCRATCH = join(root, ".tmp", "bench-peers");
// The shared spec beside the checkout, as .ci/run and bench/generation.ts find it.
const SPEC = process.env.LOYALTYDOG_OPENAPI_SOURCE ?? join(root, "..", "shared/loyaltydog/openapi.public.json");

/** A subject's folder under bench/peers/ (its call.ts, and calls.ts for the generated ones). */
type Dir = "ours" | "openapi-fetch" | "hey-api" | "orval" | "openai" | "stripe" | "ky" | "ofetch";
/** `connect(baseUrl, fetch)` from bench/peers/<dir>/call.ts: returns the one typed GET. */
type Connect = (baseUrl: string, fetchImpl: typeof fetch) => (taskId: string) => Promise<unknown>;

interface Subject {
  dir: Dir;
  name: string;
  kind: "this SDK" | "generated from the spec" | "full-featured client" | "minimal fetch wrapper";
  /** The generator command, run from the repo root; its output lands where bench/peers/<dir>/ imports it. */
  generate?: () => { command: string; args: string[]; env?: NodeJS.ProcessEnv };
}

const bin = (name: string) => join(root, "node_modules", ".bin", name);
const version = (pkg: string) =>
  (JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
// Subjects are named lazily: the peers' packages exist only once installPeerToolchain() has run.
const OURS_ROOT = join(SCRATCH, "ours-root");

const subjects = (): Subject[] => [
  {
    dir: "ours",
    name: "this SDK",
    kind: "this SDK",
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
    kind: "generated from the spec",
    generate: () => ({
      command: bin("openapi-typescript"),
      args: [SPEC, "-o", join(SCRATCH, "openapi-typescript", "schema.d.ts")],
    }),
  },
  {
    dir: "hey-api",
    name: `@hey-api/openapi-ts ${peerVersion("@hey-api/openapi-ts")} (fetch client)`,
    kind: "generated from the spec",
    generate: () => ({
      command: peerBin("openapi-ts"),
      args: ["-i", SPEC, "-o", join(SCRATCH, "hey-api"), "-c", "@hey-api/client-fetch", "--silent", "--no-log-file"],
    }),
  },
  {
    dir: "orval",
    name: `orval ${peerVersion("orval")} (fetch)`,
    kind: "generated from the spec",
    generate: () => ({
      command: peerBin("orval"),
      args: ["-i", SPEC, "-o", join(SCRATCH, "orval", "api.ts"), "--client", "fetch", "--log-level", "error"],
    }),
  },
  { dir: "openai", name: `openai ${peerVersion("openai")}`, kind: "full-featured client" },
  { dir: "stripe", name: `stripe ${peerVersion("stripe")}`, kind: "full-featured client" },
  { dir: "ky", name: `ky ${peerVersion("ky")}`, kind: "full-featured client" },
  { dir: "ofetch", name: `ofetch ${peerVersion("ofetch")}`, kind: "minimal fetch wrapper" },
];

// Filled by main() once the toolchain is installed (a --child process only loads a call.ts, by its folder).
let SUBJECTS: Subject[] = [];
let PEERS: Subject[] = [];
let GENERATED: Subject[] = [];

function generateOnce(subject: Subject): number {
  if (!subject.generate) throw new Error(`${subject.name} generates nothing`);
  const { command, args, env } = subject.generate();
  const start = now();
  const run = spawnSync(command, args, { cwd: root, env: env ?? process.env, encoding: "utf8" });
  const ms = now() - start;
  if (run.status !== 0) {
    throw new Error(`${subject.name}: generation failed (exit ${run.status}):\n${run.stderr || run.stdout}`);
  }
  return ms;
}

/** Where a subject's call.ts is, under bench/peers/: the anchors' sit with the packages they import (on-demand/). */
const callFolder = (dir: Dir) => (["openai", "stripe", "ky", "ofetch"].includes(dir) ? `on-demand/${dir}` : dir);

const loadConnect = async (dir: Dir): Promise<Connect> =>
  ((await import(`./peers/${callFolder(dir)}/call.ts`)) as { connect: Connect }).connect;

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
  /** The column heading in the table (subjects are its rows). */
  short: string;
  unit: string;
  better: "lower" | "higher";
  /** Median absolute figure per subject. */
  value: Map<Dir, number>;
  /** Peer / this SDK per peer (paired per round where the figure has rounds). */
  ratio: Map<Dir, number>;
}

/** A row of figures over the subjects that have samples for it (the anchors have none for generation and type-check). */
function row(
  name: string,
  short: string,
  unit: string,
  better: Row["better"],
  samples: Map<Dir, readonly number[]>,
): Row {
  const ours = samples.get("ours") ?? [];
  const measured = SUBJECTS.filter((s) => samples.has(s.dir));
  const value = new Map(measured.map((s) => [s.dir, median(samples.get(s.dir) ?? [])]));
  const ratio = new Map(
    measured.filter((s) => s.dir !== "ours").map((p) => [p.dir, pairedRatio(samples.get(p.dir) ?? [], ours)]),
  );
  return { name, short, unit, better, value, ratio };
}

/**
 * Goal: this SDK first, or within 5 % of the best generated peer (the anchors are reported beside, not judged:
 * they are other APIs' clients). For "lower is better", peer/SDK ≥ 1/1.05 for every generated peer.
 */
function verdict(r: Row): { pass: boolean; best: number } {
  const ratios = GENERATED.map((p) => r.ratio.get(p.dir) ?? Number.NaN);
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
  installPeerToolchain();
  SUBJECTS = subjects();
  PEERS = SUBJECTS.filter((s) => s.dir !== "ours");
  GENERATED = SUBJECTS.filter((s) => s.kind === "generated from the spec");
  const OURS = SUBJECTS[0] as Subject;
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  cpSync(join(root, "openapi"), join(OURS_ROOT, "openapi"), { recursive: true });
  cpSync(join(root, "generated"), join(OURS_ROOT, "generated"), { recursive: true });
  const rows: Row[] = [];
  const figures: BenchResult["figures"] = {};

  // Generation: interleaved runs; the last run's output is what the other rows use.
  const generators = SUBJECTS.filter((s) => s.generate);
  const genRuns = quick ? 1 : 3;
  const gen = interleaved(
    generators.map((s) => ({ name: s.dir, run: () => generateOnce(s) })),
    genRuns,
  );
  rows.push(row("generation time", "generate, ms", "ms", "lower", gen as Map<Dir, number[]>));

  // Consumer type-check: the 8 calls, against the built dist/ for this SDK (as a consumer's import resolves it).
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const projects = join(SCRATCH, "projects");
  mkdirSync(projects, { recursive: true });
  const tcRuns = quick ? 1 : 3;
  for (const skip of [true, false]) {
    const variants = generators.map((s) => {
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
    const short = `type-check, skipLibCheck ${skip ? "on" : "off"}, ms`;
    rows.push(row(label, short, "ms", "lower", interleaved(variants, tcRuns) as Map<Dir, number[]>));
  }

  rows.push(row("stub overhead, one typed GET", "stub, µs/call", "µs/call", "lower", await stubOverhead(quick)));

  const tp = await throughput(quick);
  for (const c of [1, 200]) {
    const samples = new Map(SUBJECTS.map((s) => [s.dir, (tp.get(`${s.dir}@${c}`) ?? []).map((x) => x.reqPerSec)]));
    rows.push(row(`real-server throughput, ${c} in flight`, `req/s, ${c} in flight`, "req/s", "higher", samples));
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
      source: `import { connect } from "./bench/peers/${callFolder(s.dir)}/call.ts";
const call = connect("https://api.loyalty.dog", fetch);
console.log(await call("3f0c"));`,
      // For a page: stripe's and openai's default exports are their Node builds (node:http and friends).
      platform: "browser",
    });
    sizes.set(s.dir, [app.gzip]);
  }
  rows.push(row("bundle, one-call app, esbuild min+gzip", "bundle, B min+gzip", "bytes", "lower", sizes));

  const checks: Check[] = [];
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "");
  for (const r of rows) {
    const { pass, best } = verdict(r);
    for (const [dir, value] of r.value) figures[`${slug(r.name)}_${slug(dir)}`] = round(value, 2);
    for (const [dir, ratio] of r.ratio) figures[`${slug(r.name)}_${slug(dir)}_vs_ours`] = round(ratio, 3);
    const anchors = PEERS.filter((p) => p.kind !== "generated from the spec" && r.ratio.has(p.dir));
    checks.push({
      name: `peers: ${r.name}, best generated peer / this SDK (${r.better} is better)${
        anchors.length
          ? `; anchors ${anchors.map((p) => `${p.dir} ${(r.ratio.get(p.dir) ?? Number.NaN).toFixed(2)}×`).join(", ")}`
          : ""
      }`,
      target: r.better === "lower" ? "≥ 0.952× (SDK first or within 5 %)" : "≤ 1.053× (SDK first or within 5 %)",
      measured: `${best.toFixed(3)}×`,
      pass,
    });
  }
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const cell = (r: Row, s: Subject) => {
    if (!r.value.has(s.dir)) return "n/a";
    if (s.dir === "ours") return fmt(r.value.get(s.dir) ?? Number.NaN);
    return `${(r.ratio.get(s.dir) ?? Number.NaN).toFixed(2)}× (${fmt(r.value.get(s.dir) ?? Number.NaN)})`;
  };
  return {
    bench: "peers",
    quick,
    figures: { ...figures, generation_runs: genRuns, typecheck_runs: tcRuns },
    checks,
    table: [
      [
        "subject (cells: subject / this SDK, figure in brackets)",
        "kind",
        ...rows.map((r) => `${r.short} (${r.better})`),
      ],
      ...SUBJECTS.map((s) => [s.name, s.kind, ...rows.map((r) => cell(r, s))]),
      ["verdict vs the generated peers", "", ...rows.map((r) => (verdict(r).pass ? "first or within 5 %" : "MISS"))],
    ],
    notes: [
      `spec ${SPEC}; peers generated into ${SCRATCH}; generators and anchors from bench/peers/on-demand/ (its package-lock.json); this SDK: ${OURS.name} from src/ (stub, throughput, size) and dist/ (type-check)`,
      `generation: ${genRuns} interleaved run(s), each a bare process (no npm start): this SDK's is what \`npm run generate\` runs`,
      `type-check: ${tcRuns} interleaved run(s) per subject of tsc --extendedDiagnostics "Total time"; peers' generated code is .ts (checked even with skipLibCheck), this SDK's is .d.ts`,
      "stub: interleaved rounds of sequential calls; throughput: interleaved rounds, each a fresh process; ratios are medians of per-round ratios",
      "anchors (openai, stripe, ky, ofetch) run with their defaults: retries, and a timeout except ofetch's; they generate nothing and type-check no spec (n/a); bundles are built for a browser",
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
