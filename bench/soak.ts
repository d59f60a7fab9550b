// npm run bench -- soak   (or: tsx bench/soak.ts [--quick] [--json])
// 2,000 audit-log exports at concurrency 200 through the task helpers (start, wait, download), against the
// simulator on real 127.0.0.1 sockets with faults planned all through the run: 503 gateway pages, 429s with
// Retry-After, runs of 500s that outlast a request's retries, failing tasks, tasks that never finish, and
// Celery-cased states. Each export asks for a date window and its file must hold exactly the rows that window
// selects. The SDK side runs in a child process of its own (with --expose-gc, so RSS samples follow the SDK's live
// memory, not the simulator's records of every request), which must then exit on its own while the simulator is
// still up: no timer, socket or listener may be left behind, which this parent checks by the clock.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { download } from "../src/download.js";
import { APIError, createLoyaltyDogClient, LoyaltyDogError } from "../src/index.js";
import { startAuditLogExport, waitForAuditLogExport } from "../src/tasks.js";
import { createLoyaltyDogSimulator, fixtures, type TaskBehaviour } from "../src/testing/index.js";
import { type BenchResult, round, runBench } from "./lib/harness.js";

const TOKEN = "ld_test_soak";
const ENTRY_COUNT = 240;
const MINUTE = 60_000;
/** How long the parent gives the child to exit by itself once it has reported. */
const EXIT_GRACE_MS = 5_000;
/**
 * Growth after warm-up, MB per 1,000 jobs, above which memory grows with the work done. The JS heap, compared
 * idle to idle, is the sharp test (0.5 MB is 500 bytes a job: one retained timer and closure per job shows); the
 * RSS slope under load also moves with the allocator, the JIT and how many jobs are in flight, so its bound is
 * looser (5 MB, 5 KB a job: one retained response body would show).
 */
const HEAP_GROWTH_LIMIT_MB = 0.5;
const RSS_SLOPE_LIMIT_MB = 5;
/** Handles that belong to the process's own stdio, not to the soak. */
const STDIO_RESOURCES = new Set(["TTYWrap", "PipeWrap", "FileHandle"]);

type Sample = [done: number, rss: number, heap: number, external: number];

interface SoakResult {
  jobs: number;
  concurrency: number;
  wallMs: number;
  outcomes: Record<string, number>;
  /** Results whose file did not hold exactly the rows the window selects. */
  wrongFiles: number;
  /** Errors that were not the SDK's typed errors. */
  untyped: number;
  unhandledRejections: number;
  warnings: string[];
  /** [jobs completed, RSS MB, heap used MB, external MB] after a full GC. */
  samples: Sample[];
  /** `process.getActiveResourcesInfo()` once everything is closed, stdio removed. */
  resourcesLeft: string[];
  /** Samples with no job in flight, after each quarter of the jobs. */
  idlePoints: Sample[];
}

/** A task behaviour for the n-th export created: mostly ordinary, some failing, some never ending. */
function behaviourFor(n: number): TaskBehaviour {
  if (n % 50 === 7) return { outcome: "failure", error: "export worker lost its lease" };
  if (n % 100 === 3) return { pollsToComplete: 1_000_000 }; // never done: the wait's deadline ends it
  if (n % 10 === 5) return { casing: "celery", pollsToComplete: 2, retryAfterSeconds: 0 };
  // Mostly done by the first or second poll: the soak is about many jobs, not long ones.
  return { pollsToComplete: n % 3 === 0 ? 1 : 0 };
}

/** The simulator, with faults and task behaviours planned for `jobs` exports. */
/** Every how many matching API requests each kind of fault fires (--quick: more often, so a short run has all). */
function faultPeriods(quick: boolean): { unavailable: number; rateLimited: number; serverErrorRun: number } {
  return quick
    ? { unavailable: 13, rateLimited: 41, serverErrorRun: 97 }
    : { unavailable: 97, rateLimited: 331, serverErrorRun: 997 };
}

async function startSimulator(jobs: number, quick: boolean) {
  const sim = createLoyaltyDogSimulator({
    tokens: [TOKEN],
    auditLogEntries: fixtures.auditLogEntries(ENTRY_COUNT), // one a minute from 2025-01-01T00:00Z
    rateLimit: false,
  });
  for (let n = 0; n < jobs; n++) sim.nextTask(behaviourFor(n));
  // Faults spread over the whole run (about three and a half API requests a job): each rule lets `after`
  // matching requests through, then fires. POSTs are not replay-safe (the export declares no idempotency key),
  // so a fault there surfaces; status polls are retried, and a run of three 500s outlasts a request's two retries.
  const expectedRequests = jobs * 3.5;
  let faultsPlanned = 0;
  const every = faultPeriods(quick);
  for (let at = every.unavailable; at < expectedRequests; at += every.unavailable, faultsPlanned++) {
    sim.failNext(1, 503, { after: at });
  }
  for (let at = every.rateLimited; at < expectedRequests; at += every.rateLimited, faultsPlanned++) {
    sim.failNext(1, 429, { after: at, retryAfterSeconds: 1 });
  }
  for (let at = every.serverErrorRun; at < expectedRequests; at += every.serverErrorRun, faultsPlanned += 3) {
    sim.failNext(3, 500, { after: at, method: "GET", path: /^\/v2\/giftcards\/audit-logs\/export\// });
  }
  return { sim, servers: await sim.listen(), faultsPlanned };
}

/** `RateLimitError 429`, `APIConnectionError (ECONNRESET)`: the class, and the status or the socket's error code. */
function errorKind(error: LoyaltyDogError): string {
  if (!(error instanceof APIError)) return error.constructor.name;
  if (error.status !== undefined) return `${error.constructor.name} ${error.status}`;
  // undici wraps the socket error: TypeError("fetch failed") whose cause carries the code.
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return `${error.constructor.name} (${code})`;
    cause = cause.cause;
  }
  return error.constructor.name;
}

/** The SDK side, in the child: `jobs` exports, `concurrency` at a time, against `apiUrl`. */
async function soak(apiUrl: string, jobs: number, concurrency: number, maxWaitMs: number): Promise<SoakResult> {
  let unhandledRejections = 0;
  const warnings: string[] = [];
  process.on("unhandledRejection", () => {
    unhandledRejections += 1;
  });
  process.on("warning", (warning) => {
    warnings.push(`${warning.name}: ${warning.message}`);
  });
  const client = createLoyaltyDogClient({
    token: TOKEN,
    baseUrl: apiUrl,
    maxRetries: 2,
    retry: { initialDelayMs: 10, maxDelayMs: 100 },
  });
  // Fast polls, a few tens of ms apart instead of the 0.5–15 s a real task warrants. The deadline is generous:
  // a loaded 2-core machine can take seconds per request at this concurrency.
  const wait = { minDelayMs: 10, maxDelayMs: 50, maxWaitMs };

  const outcomes: Record<string, number> = {};
  let wrongFiles = 0;
  let untyped = 0;
  let completed = 0;
  const samples: Sample[] = [];
  const sampleEvery = Math.max(5, Math.floor(jobs / 40));
  const sample = () => {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed, external } = process.memoryUsage();
    const mb = (bytes: number) => round(bytes / 2 ** 20, 2);
    samples.push([completed, mb(rss), mb(heapUsed), mb(external)]);
  };

  const job = async (n: number): Promise<string> => {
    // A 30-minute window somewhere in the entries' four hours, inclusive at both ends: 31 rows.
    const from = Date.UTC(2025, 0, 1) + (n % (ENTRY_COUNT - 30)) * MINUTE;
    const fromDate = new Date(from).toISOString();
    const toDate = new Date(from + 30 * MINUTE).toISOString();
    const format = n % 4 === 0 ? "json" : "csv";
    let stage = "start";
    try {
      const { taskId } = await startAuditLogExport(client, { format, fromDate, toDate });
      stage = "wait";
      const done = await waitForAuditLogExport(client, taskId, wait);
      stage = "download";
      const text = await (await download(client, done.downloadUrl)).text();
      const rows = format === "json" ? (JSON.parse(text) as unknown[]).length : text.trimEnd().split("\n").length - 1;
      if (rows !== 31) wrongFiles += 1;
      return "result";
    } catch (error) {
      if (!(error instanceof LoyaltyDogError)) {
        untyped += 1;
        return `${stage}: untyped ${error instanceof Error ? error.name : typeof error}`;
      }
      return `${stage}: ${errorKind(error)}`;
    }
  };

  let next = 0;
  /** Runs jobs up to `end`, `concurrency` at a time, and waits for the last one. */
  const runUntil = async (end: number) => {
    const worker = async () => {
      while (next < end) {
        const outcome = await job(next++);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        completed += 1;
        if (completed % sampleEvery === 0) sample();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  /** Memory with nothing in flight: what the jobs done so far left behind. */
  const idle = async (): Promise<Sample> => {
    // Let pending teardown callbacks run first.
    await new Promise((resolve) => setTimeout(resolve, 50));
    sample();
    return samples.pop() as Sample;
  };
  const started = performance.now();
  // Four quarters, each drained and then measured with nothing in flight: differences between these idle points
  // are what the jobs in between left behind, with no in-flight work to blur them. The first quarter is warm-up
  // (lazy module loads, undici's pool, the JIT); V8's caches keep filling a while after it, so the judgement is
  // on the second half.
  const idlePoints: Sample[] = [];
  for (let quarter = 1; quarter <= 4; quarter++) {
    await runUntil(Math.floor((jobs * quarter) / 4));
    idlePoints.push(await idle());
  }
  const wallMs = performance.now() - started;
  const resourcesLeft = process.getActiveResourcesInfo().filter((r) => !STDIO_RESOURCES.has(r));
  return {
    jobs,
    concurrency,
    wallMs,
    outcomes,
    wrongFiles,
    untyped,
    unhandledRejections,
    warnings,
    samples,
    resourcesLeft,
    idlePoints,
  };
}

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

/** Runs the soak in a child; resolves with its report and how long it took to exit after reporting. */
function runChild(
  apiUrl: string,
  jobs: number,
  concurrency: number,
  maxWaitMs: number,
): Promise<{ result: SoakResult; exitMs: number; code: number | null }> {
  const self = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", self, "--child", apiUrl, String(jobs), String(concurrency), String(maxWaitMs)],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let reportedAt: number | undefined;
    let killer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (reportedAt === undefined && stdout.includes("\n")) {
        reportedAt = performance.now();
        // It must go by itself; if it does not, something still holds the event loop open.
        killer = setTimeout(() => child.kill("SIGKILL"), EXIT_GRACE_MS * 2);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(killer);
      if (reportedAt === undefined) {
        reject(new Error(`soak child exited (${code}) without a report:\n${stderr}`));
        return;
      }
      const result = JSON.parse(stdout.slice(0, stdout.indexOf("\n"))) as SoakResult;
      resolve({ result, exitMs: performance.now() - reportedAt, code });
    });
  });
}

const childIndex = process.argv.indexOf("--child");
if (childIndex !== -1) {
  const [apiUrl, ...numbers] = process.argv.slice(childIndex + 1);
  const [jobs, concurrency, maxWaitMs] = numbers.map(Number) as [number, number, number];
  const result = await soak(apiUrl as string, jobs, concurrency, maxWaitMs);
  // No process.exit(): leaving by itself is what is being measured.
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  await runBench(async ({ quick }): Promise<BenchResult> => {
    // --quick only proves the machinery (npm run test:slow runs it): a few dozen jobs, every kind of fault still in.
    const jobs = quick ? 60 : 2_000;
    const concurrency = quick ? 20 : 200;
    const maxWaitMs = quick ? 2_000 : 15_000;
    const loadBefore = loadavg()[0] as number;
    const every = faultPeriods(quick);
    const { sim, servers, faultsPlanned } = await startSimulator(jobs, quick);
    const { result, exitMs, code } = await runChild(servers.apiUrl, jobs, concurrency, maxWaitMs).finally(() =>
      servers.close(),
    );
    const loadAfter = loadavg()[0] as number;
    // Steady state: after the warm-up quarter and before the drain (the last `concurrency` jobs, when fewer and
    // fewer are in flight and memory falls with them), each refill of the pool excluded the same way.
    const warmUpJobs = Math.floor(jobs / 4);
    const steady = result.samples.filter(([done]) => done > warmUpJobs + concurrency && done <= jobs - concurrency);
    const slopeOf = (pick: (s: Sample) => number) => slope(steady.map((s) => [s[0] / 1000, pick(s)]));
    const rssSlope = slopeOf((s) => s[1]);
    const heapSlope = slopeOf((s) => s[2]);
    const externalSlope = slopeOf((s) => s[3]);
    // Idle to idle over the second half: what those jobs left behind, with none in flight at either end.
    const [, half, , end] = result.idlePoints as [Sample, Sample, Sample, Sample];
    const perThousand = (end[0] - half[0]) / 1000;
    const heapGrowth = (end[2] - half[2]) / perThousand;
    const rssGrowth = (end[1] - half[1]) / perThousand;
    const ended = Object.values(result.outcomes).reduce((a, b) => a + b, 0);
    const results = result.outcomes.result ?? 0;
    const errorKinds = Object.entries(result.outcomes)
      .filter(([kind]) => kind !== "result")
      .sort(([, a], [, b]) => b - a);
    const exitedAlone = code === 0 && exitMs <= EXIT_GRACE_MS;
    const rssFirst = steady[0]?.[1] ?? Number.NaN;
    const rssLast = steady.at(-1)?.[1] ?? Number.NaN;
    return {
      bench: "soak",
      quick,
      figures: {
        jobs,
        concurrency,
        wall_ms: Math.round(result.wallMs),
        jobs_per_s: round(jobs / (result.wallMs / 1000), 1),
        api_requests: sim.requests.length,
        results,
        typed_errors: ended - results - result.untyped,
        untyped_errors: result.untyped,
        wrong_files: result.wrongFiles,
        outcomes: JSON.stringify(result.outcomes),
        faults_planned: faultsPlanned,
        faults_fired: faultsPlanned - sim.pendingFaults,
        rss_slope_mb_per_1000_jobs: round(rssSlope, 3),
        heap_slope_mb_per_1000_jobs: round(heapSlope, 3),
        external_slope_mb_per_1000_jobs: round(externalSlope, 3),
        idle_heap_growth_mb_per_1000_jobs: round(heapGrowth, 3),
        idle_rss_growth_mb_per_1000_jobs: round(rssGrowth, 3),
        // "jobs:RSS/heap/external MB" with nothing in flight, after each quarter.
        idle_points: result.idlePoints.map(([done, ...mb]) => `${done}:${mb.join("/")}`).join(" "),
        rss_mb_after_warmup: rssFirst,
        rss_mb_at_end: rssLast,
        // "jobs:RSS/heap/external MB" after each GC'd sample, for plotting or a second look at the slope.
        samples: result.samples.map(([done, rss, heap, ext]) => `${done}:${rss}/${heap}/${ext}`).join(" "),
        unhandled_rejections: result.unhandledRejections,
        warnings: result.warnings.length,
        resources_left: result.resourcesLeft.join(", "),
        exit_after_report_ms: Math.round(exitMs),
        exit_code: code,
        load_1min_before: round(loadBefore, 2),
        load_1min_after: round(loadAfter, 2),
      },
      checks: [
        {
          name: "soak: every job ends in a result or a typed error",
          target: `${jobs} of ${jobs}, 0 untyped`,
          measured: `${ended} ended: ${results} results, ${ended - results - result.untyped} typed errors, ${result.untyped} untyped`,
          pass: ended === jobs && result.untyped === 0,
        },
        {
          name: "soak: every exported file holds exactly the rows its date window selects",
          target: "0 wrong",
          measured: `${result.wrongFiles} wrong of ${results}`,
          pass: result.wrongFiles === 0 && results > 0,
        },
        {
          name: "soak: RSS flat after warm-up (least-squares slope over GC'd samples, drain excluded)",
          target: `≤ ${RSS_SLOPE_LIMIT_MB} MB per 1,000 jobs`,
          measured: `${round(rssSlope, 2)} MB per 1,000 jobs (${rssFirst} → ${rssLast} MB)`,
          pass: quick ? null : rssSlope <= RSS_SLOPE_LIMIT_MB, // a few dozen jobs give no slope
        },
        {
          name: "soak: JS heap left behind by the second half of the jobs (idle to idle, GC'd)",
          target: `≤ ${HEAP_GROWTH_LIMIT_MB} MB per 1,000 jobs`,
          measured: `${round(heapGrowth, 2)} MB per 1,000 jobs (${half[2]} → ${end[2]} MB; RSS ${half[1]} → ${end[1]} MB)`,
          pass: quick ? null : heapGrowth <= HEAP_GROWTH_LIMIT_MB,
        },
        {
          name: "soak: JS heap slope under load (same samples as RSS)",
          target: "report",
          measured: `${round(heapSlope, 2)} MB per 1,000 jobs (external ${round(externalSlope, 2)})`,
          pass: null,
        },
        {
          name: "soak: no unhandled rejections, no process warnings",
          target: "0 and 0",
          measured: `${result.unhandledRejections} and ${result.warnings.length}`,
          pass: result.unhandledRejections === 0 && result.warnings.length === 0,
        },
        {
          name: "soak: nothing left open, and the process exits by itself",
          target: `no handles; exit 0 within ${EXIT_GRACE_MS / 1000} s of its report`,
          measured: `handles: ${result.resourcesLeft.join(", ") || "none"}; exit ${code} after ${Math.round(exitMs)} ms`,
          pass: result.resourcesLeft.length === 0 && exitedAlone,
        },
      ],
      table: [
        ["outcome", "jobs"],
        ["result (file verified)", String(results)],
        ...errorKinds.map(([kind, count]) => [kind, String(count)]),
      ],
      notes: [
        `${faultsPlanned} faults planned over ~${jobs * 3.5} API requests (a 503 at every ${every.unavailable} requests, a 429 with Retry-After 1 s at every ${every.rateLimited}, three 500s on status polls at every ${every.serverErrorRun}); task behaviours: 2 % fail, 1 % never finish (wait deadline ${maxWaitMs / 1000} s), 10 % Celery-cased`,
        `RSS and heap sampled after a full GC every ${Math.max(5, Math.floor(jobs / 40))} jobs, in the child (the SDK's process); warm-up = the first quarter of the jobs, drain = the last ${concurrency}`,
        `load average (1 min) ${round(loadBefore, 2)} before, ${round(loadAfter, 2)} after`,
        ...result.warnings.slice(0, 3).map((w) => `warning: ${w}`),
      ],
    };
  });
}
