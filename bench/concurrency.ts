// npm run bench -- concurrency   (or: tsx bench/concurrency.ts [--quick] [--json])
// Throughput against a real node:http server on 127.0.0.1 (this process), one
// call at a time and with 200 in flight: raw fetch, bare openapi-fetch, bare
// openapi-fetch like for like (same Authorization, an exact per-call timeout:
// lib/exact-timeout.ts) and this client, each round in a fresh child process (so no variant inherits
// another's warmed-up sockets or heap), interleaved with the order rotated.
// A stubbed fetch cannot show what costs under load (abort listeners piling
// up on a shared signal, timers, sockets): this does. Each child also counts
// MaxListenersExceededWarning and reports its RSS. This client runs as built
// (lib/built-sdk.ts), as users run it. The targets (issue 27) are against the like-for-like baseline: ≥ 0.97× its
// throughput at 1 and at 200 in flight, RSS ≤ 1.10× its RSS, no warning; the literal ratios to bare
// openapi-fetch are printed beside.
import { fileURLToPath } from "node:url";
import createClient from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { buildSdk, loadBuiltSdk } from "./lib/built-sdk.js";
import { BENCH_TOKEN, TIMEOUT_MS, withExactTimeout } from "./lib/exact-timeout.js";
import { type BenchResult, median, round, runBench } from "./lib/harness.js";
import {
  type ChildResult,
  driveCalls,
  runChild as runChildProcess,
  startJsonServer,
  TASK_ID as TASK,
} from "./lib/real-server.js";

const PATH = "/v2/giftcards/audit-logs/export/{task_id}" as const;
const LIKE = "bare openapi-fetch, like for like";
const VARIANTS = ["raw fetch", "bare openapi-fetch", LIKE, "this client"] as const;
type Variant = (typeof VARIANTS)[number];

async function child(variant: Variant, baseUrl: string, concurrency: number, total: number): Promise<void> {
  const params = { path: { task_id: TASK } };
  const bare = createClient<paths>({ baseUrl });
  // Like for like: the same credential header and an exact per-call timeout (lib/exact-timeout.ts).
  const authed = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${BENCH_TOKEN}` } });
  const { createLoyaltyDogClient } = await loadBuiltSdk();
  const sdk = createLoyaltyDogClient({ token: BENCH_TOKEN, baseUrl, maxRetries: 0, timeoutMs: TIMEOUT_MS });
  const url = `${baseUrl}/v2/giftcards/audit-logs/export/${TASK}`;
  const calls: Record<Variant, () => Promise<unknown>> = {
    "raw fetch": async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
    "bare openapi-fetch": async () => {
      const { data, error } = await bare.GET(PATH, { params });
      if (error !== undefined || data === undefined) throw new Error("bare openapi-fetch: no data");
    },
    [LIKE]: async () => {
      const { data, error } = await withExactTimeout((signal) => authed.GET(PATH, { params, signal }));
      if (error !== undefined || data === undefined) throw new Error("like for like: no data");
    },
    "this client": async () => {
      const { data, error } = await sdk.GET(PATH, { params });
      if (error !== undefined || data === undefined) throw new Error("this client: no data");
    },
  };
  await driveCalls(calls[variant], concurrency, total);
}

const childIndex = process.argv.indexOf("--child");
if (childIndex !== -1) {
  const [variant, baseUrl, concurrency, total] = process.argv.slice(childIndex + 1);
  await child(variant as Variant, baseUrl as string, Number(concurrency), Number(total));
} else {
  await runBench(async ({ quick }): Promise<BenchResult> => {
    buildSdk();
    const server = await startJsonServer();
    const baseUrl = server.baseUrl;
    const self = fileURLToPath(import.meta.url);
    const total = quick ? 400 : 4000;
    const rounds = quick ? 1 : 5;
    const levels = [1, 200];
    const runChild = (variant: Variant, concurrency: number) =>
      runChildProcess(self, [variant, baseUrl, String(concurrency), String(total)], `${variant} at ${concurrency}`);
    const samples = new Map<string, ChildResult[]>();
    const key = (v: Variant, c: number) => `${v}@${c}`;
    try {
      for (let r = 0; r < rounds; r++) {
        for (const c of levels) {
          for (let k = 0; k < VARIANTS.length; k++) {
            const v = VARIANTS[(r + k) % VARIANTS.length] as Variant;
            const list = samples.get(key(v, c)) ?? [];
            list.push(await runChild(v, c));
            samples.set(key(v, c), list);
          }
        }
      }
    } finally {
      server.close();
    }
    const of = (v: Variant, c: number) => samples.get(key(v, c)) ?? [];
    // Per round, this client's req/s over bare openapi-fetch's in the same round; the median of those.
    const ratio = (c: number, a: Variant, b: Variant) =>
      median(of(a, c).map((s, i) => s.reqPerSec / (of(b, c)[i] as ChildResult).reqPerSec));
    const warnings = (v: Variant) => levels.reduce((sum, c) => sum + of(v, c).reduce((n, s) => n + s.warnings, 0), 0);
    const rssMb = (v: Variant, c: number) =>
      of(v, c)
        .map((s) => (s.rssEnd / 1e6).toFixed(0))
        .join("/");
    const growth = (v: Variant, c: number) => median(of(v, c).map((s) => s.rssEnd - s.rssWarm));
    const ratio1 = ratio(1, "this client", "bare openapi-fetch");
    const ratio200 = ratio(200, "this client", "bare openapi-fetch");
    const like1 = ratio(1, "this client", LIKE);
    const like200 = ratio(200, "this client", LIKE);
    const ours = warnings("this client");
    const rssVs = (baseline: Variant) =>
      median(
        levels.flatMap((c) =>
          of("this client", c).map((s, i) => s.rssEnd / (of(baseline, c)[i] as ChildResult).rssEnd),
        ),
      );
    const rssRatio = rssVs("bare openapi-fetch");
    const rssLike = rssVs(LIKE);
    const figures: BenchResult["figures"] = { requests_per_round: total, rounds };
    for (const v of VARIANTS) {
      for (const c of levels) {
        const slug = `${v.replace(/[^a-z]+/g, "_")}_c${c}`;
        figures[`${slug}_req_per_s`] = round(median(of(v, c).map((s) => s.reqPerSec)), 0);
        figures[`${slug}_rss_growth_bytes`] = growth(v, c);
      }
      figures[`${v.replace(/[^a-z]+/g, "_")}_max_listeners_warnings`] = warnings(v);
    }
    figures.client_vs_bare_c1 = round(ratio1, 3);
    figures.client_vs_bare_c200 = round(ratio200, 3);
    figures.client_vs_bare_rss = round(rssRatio, 3);
    figures.client_vs_like_for_like_c1 = round(like1, 3);
    figures.client_vs_like_for_like_c200 = round(like200, 3);
    figures.client_vs_like_for_like_rss = round(rssLike, 3);
    return {
      bench: "concurrency",
      quick,
      figures,
      checks: [
        {
          name: `real-server throughput, 1 in flight, this client vs bare openapi-fetch like for like (median of per-round ratios); literal vs bare openapi-fetch ${ratio1.toFixed(3)}×`,
          target: "≥ 0.97×",
          measured: `${like1.toFixed(3)}×`,
          pass: like1 >= 0.97,
        },
        {
          name: `real-server throughput, 200 in flight, this client vs bare openapi-fetch like for like; literal vs bare openapi-fetch ${ratio200.toFixed(3)}×`,
          target: "≥ 0.97×",
          measured: `${like200.toFixed(3)}×`,
          pass: like200 >= 0.97,
        },
        {
          name: "MaxListenersExceededWarning, this client, all rounds",
          target: "0",
          measured: String(ours),
          pass: ours === 0,
        },
        {
          name: `RSS at the end of a round, this client vs bare openapi-fetch like for like (median ratio); literal vs bare openapi-fetch ${rssRatio.toFixed(3)}×`,
          target: "≤ 1.10×",
          measured: `${rssLike.toFixed(3)}×`,
          pass: rssLike <= 1.1,
        },
      ],
      table: [
        [
          "variant",
          "in flight",
          "median req/s",
          "vs like for like",
          "vs bare",
          "warnings",
          "RSS at end per round, MB",
          "RSS growth in round, MB",
        ],
        ...levels.flatMap((c) =>
          VARIANTS.map((v) => [
            v,
            String(c),
            median(of(v, c).map((s) => s.reqPerSec)).toFixed(0),
            `${ratio(c, v, LIKE).toFixed(3)}×`,
            `${ratio(c, v, "bare openapi-fetch").toFixed(3)}×`,
            String(of(v, c).reduce((n, s) => n + s.warnings, 0)),
            rssMb(v, c),
            (growth(v, c) / 1e6).toFixed(1),
          ]),
        ),
      ],
      notes: [
        `${rounds} interleaved rounds × ${total} GETs per variant and level, each round in a fresh child process; server: node:http on 127.0.0.1 in the parent, keep-alive`,
      ],
    };
  });
}
