/**
 * The one conformance script every runtime runs (Node 20/22/24, Bun, Deno,
 * workerd, Chromium) through the built package's main entry. It imports no
 * value: the runtime's entry hands it the SDK module, so the same code runs
 * unbundled on Node, Bun and Deno and bundled in a Worker or a page. The types
 * come from the source, so `npm run typecheck` checks the typed calls.
 *
 * The simulator is prepared by the test (test/runtimes/simulator-plan.ts):
 * the first `GET /v2/token` answers 503, the first export start answers 503,
 * the first export completes after two polls, the second never does.
 */
import type * as Download from "../../src/download.js";
import type * as Sdk from "../../src/index.js";
import type * as Paginate from "../../src/paginate.js";
import type * as Tasks from "../../src/tasks.js";
import type { ExportStatusResponse } from "../../src/types.js";

/** The main entry and the helper subpaths (`/tasks`, `/download`, `/paginate`) as one object. */
export type SdkModule = typeof Sdk & typeof Tasks & typeof Download & typeof Paginate;
type Client = Sdk.LoyaltyDogClient;

// ─── Task helpers: the ONLY place this script touches them. ─────────────────────────────────────────
const startExport = (sdk: SdkModule, client: Client, body: { format: string }) => sdk.startAuditLogExport(client, body);
const waitForExport = (
  sdk: SdkModule,
  client: Client,
  taskId: string,
  options: Tasks.WaitOptions<ExportStatusResponse>,
) => sdk.waitForAuditLogExport(client, taskId, options);
// ────────────────────────────────────────────────────────────────────────────────────────────────────

export interface ConformanceInput {
  sdk: SdkModule;
  apiUrl: string;
  /** Another origin that redirects (307) every request to the same path on `apiUrl`. */
  redirectUrl: string;
  token: string;
}

export interface StepResult {
  step: string;
  ok: boolean;
  ms: number;
  detail: string;
}

export interface ConformanceReport {
  ok: boolean;
  ms: number;
  steps: StepResult[];
  /** What the runtime offers, for the support table: read, never required. */
  environment: Record<string, string>;
}

/** The marker a runtime's entry prints before the JSON report, so a harness can find it in any output. */
export const REPORT_MARKER = "LOYALTYDOG-CONFORMANCE ";

export async function runConformance({
  sdk,
  apiUrl,
  redirectUrl,
  token,
}: ConformanceInput): Promise<ConformanceReport> {
  const started = Date.now();
  const logLines: string[] = [];
  const keep = (message: string) => {
    logLines.push(message);
  };
  const client = sdk.createLoyaltyDogClient({
    token,
    merchantToken: "merchant-secret",
    baseUrl: apiUrl,
    // Every POST keyed, so the export start is replay-safe and its retried 503 proves the body is re-sent.
    idempotency: "all-posts",
    logger: { error: keep, warn: keep, info: keep, debug: keep },
    userAgent: "conformance",
  });
  const steps: StepResult[] = [];
  const step = async (name: string, body: () => Promise<string>) => {
    const t0 = Date.now();
    try {
      const detail = await body();
      steps.push({ step: name, ok: true, ms: Date.now() - t0, detail });
    } catch (error) {
      const e = error as Error;
      steps.push({ step: name, ok: false, ms: Date.now() - t0, detail: `${e?.name}: ${e?.message ?? String(error)}` });
    }
  };

  await step("typed call, 503 retried", async () => {
    const { data, error, response } = await client.GET("/v2/token");
    check(error === undefined && data !== undefined, `GET /v2/token failed: ${response.status}`);
    check(typeof data.email === "string" && data.email.includes("@"), "typed body has no email");
    const retried = logLines.some((line) => line.includes("GET /v2/token 503"));
    check(retried, `no 503 attempt logged before the success: ${JSON.stringify(logLines)}`);
    return `user ${data.email}, ${logLines.length} attempts`;
  });

  await step("typed paging", async () => {
    let count = 0;
    for await (const entry of sdk.paginate(client, "/v2/giftcards/audit-logs", { params: { query: { limit: 50 } } })) {
      check(typeof entry.id === "string", "an audit-log entry has no id");
      count++;
    }
    check(count > 50, `expected more than one page, got ${count} entries`);
    return `${count} entries`;
  });

  await step("export: start (503 retried, body replayed), poll, download", async () => {
    const { taskId } = await startExport(sdk, client, { format: "csv" });
    const done = await waitForExport(sdk, client, taskId, { minDelayMs: 10, maxDelayMs: 50, maxWaitMs: 20_000 });
    check(new URL(done.downloadUrl).origin !== new URL(apiUrl).origin, "the download URL is not on the storage origin");
    const response = await sdk.download(client, done.downloadUrl);
    const text = await response.text();
    check(text.startsWith("id,"), `unexpected file start ${JSON.stringify(text.slice(0, 20))}`);
    const rows = text.trim().split("\n").length;
    return `task ${taskId}, ${rows} lines from ${new URL(done.downloadUrl).host}`;
  });

  await step("NotFoundError by instanceof", async () => {
    try {
      await waitForExport(sdk, client, "00000000-0000-4000-8000-000000000000", { maxWaitMs: 5_000 });
    } catch (error) {
      check(error instanceof sdk.NotFoundError, `got ${(error as Error)?.name}, not a NotFoundError`);
      check(error instanceof sdk.APIError && error.status === 404, "not an APIError with status 404");
      return `${(error as Error).name} ${error.status} request_id=${error.requestId}`;
    }
    throw new Error("waiting on an unknown task did not throw");
  });

  await step("abort mid-wait", async () => {
    const { taskId } = await startExport(sdk, client, { format: "csv" });
    const controller = new AbortController();
    const reason = new Error("conformance abort");
    let polls = 0;
    const t0 = Date.now();
    // Aborted while the poller sleeps a long delay: the sleep's timer must be cleared and the wait end at once.
    const waiting = waitForExport(sdk, client, taskId, {
      signal: controller.signal,
      minDelayMs: 60_000,
      maxDelayMs: 60_000,
      onProgress: () => {
        polls++;
        setTimeout(() => controller.abort(reason), 50);
      },
    });
    const outcome = await waiting.then(
      () => "resolved",
      (error: unknown) => error,
    );
    check(outcome === reason, `the wait ended with ${String(outcome)}, not the abort reason`);
    const ms = Date.now() - t0;
    check(ms < 10_000, `the abort took ${ms} ms to end the wait`);
    return `aborted after ${polls} poll(s), ${ms} ms`;
  });

  await step("data: URL download", async () => {
    const response = await sdk.download(client, "data:text/csv;base64,aWQsYQoxLGIK");
    const text = await response.text();
    check(text === "id,a\n1,b\n", `decoded ${JSON.stringify(text)}`);
    return `${text.length} bytes`;
  });

  await step("cross-origin redirect drops credentials", async () => {
    // The API origin is another origin from the redirector's point of view: the hop must arrive without
    // Authorization, so the simulator answers 401. (The harness checks the headers that arrived.)
    const other = sdk.createLoyaltyDogClient({ token, merchantToken: "merchant-secret", baseUrl: redirectUrl });
    const { data, response } = await other.GET("/v2/token");
    check(data === undefined && response.status === 401, `expected 401 after the hop, got ${response.status}`);
    return `${response.status} from ${new URL(response.url || apiUrl).host} after the hop`;
  });

  const g = globalThis as Record<string, unknown>;
  const timer = setTimeout(() => {}, 0);
  clearTimeout(timer);
  const environment = {
    process: typeof g.process,
    timerHandle: typeof timer,
    unref: typeof (timer as { unref?: unknown }).unref,
    randomUUID: typeof globalThis.crypto?.randomUUID,
    readableStream: typeof globalThis.ReadableStream,
    userAgent: typeof g.navigator === "object" ? String((g.navigator as { userAgent?: string }).userAgent) : "",
  };
  return { ok: steps.every((s) => s.ok), ms: Date.now() - started, steps, environment };
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
