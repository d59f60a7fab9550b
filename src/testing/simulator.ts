/**
 * An in-memory LoyaltyDog: the background-task flows (audit-log export, bulk
 * issuance, GDPR and analytics exports), the audit-log listing and the token
 * endpoint, with auth, request ids, rate limits, idempotency, deterministic
 * faults and an S3-like storage origin for presigned downloads.
 *
 * One core, `simulator.fetch(request)`, turns a WHATWG Request into a Response.
 * `handlers()` mounts it in MSW and `listen()` on real 127.0.0.1 sockets; both
 * are thin adapters, so behaviour cannot differ between them.
 */
import type { HttpHandler } from "msw";
import type { Clock } from "../core/clock.js";
import type {
  AuditLogEntry,
  BulkIssuanceSyncResponse,
  BulkIssuanceTaskStatus,
  BulkIssuedCardSummary,
  ExportStatusResponse,
  GDPRExportResponse,
  UserRead,
} from "../types.js";
import { apiErrorResponse, bearerToken, type CredentialKind, credentialKind } from "./api-errors.js";
import { type CorsOptions, withCors } from "./cors.js";
import { auditLogExportStream, csvField, type ExportFormat } from "./export-stream.js";
import { type FaultOptions, FaultSchedule, type PlannedFault } from "./fault-schedule.js";
import { fixtures, taskUuid } from "./fixtures.js";
import { IdempotencyStore } from "./idempotency-store.js";
import { DEFAULT_CLOCK_START } from "./manual-clock.js";
import { mswHandlersFor } from "./msw-adapter.js";
import { presignUrl } from "./presigned-url.js";
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from "./rate-limiter.js";
import { StorageOrigin, type StorageRequestRecord } from "./storage-origin.js";
import { AUDIT_EXPORT_STATES, BULK_ISSUANCE_STATES, type TaskBehaviour, TaskProgress } from "./task-progress.js";

export const DEFAULT_SIMULATOR_TOKEN = "ld_test_simulator";
export const DEFAULT_STORAGE_URL = "https://loyaltydog-exports.s3.amazonaws.com";

export interface LoyaltyDogSimulatorOptions {
  /** API origin the MSW handlers answer for (default `https://api.loyalty.dog`). */
  baseUrl?: string;
  /** Storage origin presigned URLs point at under MSW (default an S3 bucket host). */
  storageUrl?: string;
  /** Accepted bearer secrets (default `["ld_test_simulator"]`). */
  tokens?: readonly string[];
  /** Time source for task progress, URL expiry, rate limits (default: a clock frozen at 2025-01-01, moved by nothing). */
  clock?: Pick<Clock, "now">;
  /** Audit-log entries served and exported (default: `fixtures.auditLogEntries(auditLogCount)`). */
  auditLogEntries?: readonly AuditLogEntry[];
  /** How many entries to generate when `auditLogEntries` is not given (default 120). */
  auditLogCount?: number;
  /** Default behaviour of every background task; `nextTask()` overrides it per task. */
  tasks?: TaskBehaviour;
  /** Make every audit-log export at least this large (streamed, never held in memory). */
  exportSizeBytes?: number;
  /** Lifetime of presigned URLs (default 3600 s, as upstream). */
  presignedUrlTtlSeconds?: number;
  bulk?: {
    /** Largest batch issued synchronously (default 50). */
    syncThreshold?: number;
    /** Status of the async acceptance (default 202, as documented; the spec declares 201). */
    asyncStatus?: 201 | 202;
    /** Cards that fail in each async batch (partial failure; default 0). */
    failedCount?: number;
    /** Refuse bulk issuance without an `Idempotency-Key` (422; default false, as the spec marks it optional). */
    requireIdempotencyKey?: boolean;
  };
  /** `presigned` (default) answers analytics exports with a storage URL, `data-uri` with an inline `data:` URI. */
  analyticsExport?: "presigned" | "data-uri";
  /** Per-token burst window (default 60 / 60 s); `false` turns it off. */
  rateLimit?: RateLimitOptions | false;
  /** Overrides for the `GET /v2/token` answer. */
  user?: Partial<UserRead>;
}

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  /** Every request header, lower-cased names. */
  headers: Record<string, string>;
  requestId: string;
  idempotencyKey: string | undefined;
  /** Set once answered. */
  status: number;
}

export interface SimulatorStats {
  /** Cards actually issued (replays do not count). */
  cardsIssued: number;
  /** Bulk issuance operations actually run (replays do not count). */
  bulkIssuances: number;
  /** Bytes of export files produced so far, across downloads. */
  exportBytesProduced: number;
}

export interface ListeningSimulator {
  /** `http://127.0.0.1:<port>`: pass as `baseUrl`. */
  apiUrl: string;
  /** `http://127.0.0.1:<other port>`: where presigned URLs handed out by `apiUrl` point. */
  storageUrl: string;
  close(): Promise<void>;
}

interface Endpoint {
  api: string;
  storage: string;
}

interface AuditExportTask {
  kind: "audit-export";
  taskId: string;
  progress: TaskProgress;
  format: ExportFormat;
  storageKey: string;
}

interface BulkTask {
  kind: "bulk";
  taskId: string;
  progress: TaskProgress;
  programId: string;
  count: number;
  firstCard: number;
}

interface RouteContext {
  request: Request;
  url: URL;
  params: string[];
  kind: CredentialKind;
  token: string;
  requestId: string;
  now: number;
  endpoint: Endpoint;
}

type RouteHandler = (ctx: RouteContext) => Promise<Response> | Response;

interface Route {
  method: string;
  pattern: RegExp;
  handle: RouteHandler;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const GATEWAY_PAGE = (status: number) =>
  `<html><head><title>${status}</title></head><body><center><h1>${status} Service Temporarily Unavailable</h1></center></body></html>`;

export class LoyaltyDogSimulator {
  readonly baseUrl: string;
  readonly storageUrl: string;
  readonly clock: Pick<Clock, "now">;
  /** Every API request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  readonly stats: SimulatorStats = { cardsIssued: 0, bulkIssuances: 0, exportBytesProduced: 0 };
  readonly auditLogEntries: readonly AuditLogEntry[];

  private readonly options: LoyaltyDogSimulatorOptions;
  private readonly tokens: ReadonlySet<string>;
  private readonly endpoints: Endpoint[];
  private readonly storage: StorageOrigin;
  private readonly faults = new FaultSchedule();
  private readonly rateLimiter: RateLimiter;
  private readonly idempotency = new IdempotencyStore();
  private readonly tasks = new Map<string, AuditExportTask | BulkTask>();
  private readonly queuedBehaviours: TaskBehaviour[] = [];
  private readonly routes: Route[];
  private counters = { request: 0, task: 0, card: 0, gdpr: 0, analytics: 0, sync: 0 };

  constructor(options: LoyaltyDogSimulatorOptions = {}) {
    this.options = options;
    this.baseUrl = new URL(options.baseUrl ?? "https://api.loyalty.dog").origin;
    this.storageUrl = new URL(options.storageUrl ?? DEFAULT_STORAGE_URL).origin;
    this.clock = options.clock ?? { now: () => DEFAULT_CLOCK_START };
    this.tokens = new Set(options.tokens ?? [DEFAULT_SIMULATOR_TOKEN]);
    this.endpoints = [{ api: this.baseUrl, storage: this.storageUrl }];
    this.storage = new StorageOrigin("simulator-presign-secret");
    this.rateLimiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
    this.auditLogEntries = options.auditLogEntries ?? fixtures.auditLogEntries(options.auditLogCount ?? 120);
    this.routes = [
      { method: "GET", pattern: /^\/v2\/token$/, handle: () => Response.json(fixtures.userRead(options.user)) },
      { method: "GET", pattern: /^\/v2\/giftcards\/audit-logs$/, handle: (ctx) => this.listAuditLogs(ctx) },
      { method: "POST", pattern: /^\/v2\/giftcards\/audit-logs\/export$/, handle: (ctx) => this.startAuditExport(ctx) },
      {
        method: "GET",
        pattern: /^\/v2\/giftcards\/audit-logs\/export\/([^/]+)$/,
        handle: (ctx) => this.auditExportStatus(ctx),
      },
      {
        method: "POST",
        pattern: /^\/v2\/giftcards\/programs\/([^/]+)\/cards\/bulk$/,
        handle: (ctx) => this.idempotent(ctx, () => this.bulkIssue(ctx)),
      },
      {
        method: "GET",
        pattern: /^\/v2\/giftcards\/programs\/([^/]+)\/cards\/bulk\/([^/]+)$/,
        handle: (ctx) => this.bulkStatus(ctx),
      },
      { method: "POST", pattern: /^\/v2\/giftcards\/gdpr\/export$/, handle: (ctx) => this.gdprExport(ctx) },
      { method: "GET", pattern: /^\/v2\/giftcards\/gdpr\/download$/, handle: (ctx) => this.gdprDownload(ctx) },
      {
        method: "POST",
        pattern: /^\/v2\/giftcards\/programs\/([^/]+)\/analytics\/export$/,
        handle: (ctx) => this.analyticsExport(ctx),
      },
    ];
  }

  /** The core: answers any request for the API or storage origins. Usable directly as a `fetch` replacement. */
  readonly fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const api = this.endpoints.find((endpoint) => endpoint.api === url.origin);
    if (api) return this.handleApi(request, url, api);
    if (this.endpoints.some((endpoint) => endpoint.storage === url.origin)) {
      return this.storage.handle(request, this.clock.now());
    }
    return new Response(`LoyaltyDog simulator does not serve ${url.origin}`, { status: 502 });
  };

  /** MSW handlers for `baseUrl` and `storageUrl`: `setupServer(...simulator.handlers())`. */
  handlers(): HttpHandler[] {
    return mswHandlersFor([this.baseUrl, this.storageUrl], this.fetch);
  }

  /** Starts the API and the storage origin on two real 127.0.0.1 ports; `cors` lets a browser page call both. */
  async listen(options: { cors?: CorsOptions | boolean } = {}): Promise<ListeningSimulator> {
    // Loaded lazily so MSW-only users (and bundlers) never touch node:http.
    const { serveOnLoopback } = await import("./node-http-adapter.js");
    const handle = options.cors ? withCors(this.fetch, options.cors === true ? {} : options.cors) : this.fetch;
    const api = await serveOnLoopback(handle);
    const storage = await serveOnLoopback(handle);
    const endpoint = { api: api.url, storage: storage.url };
    this.endpoints.push(endpoint);
    return {
      apiUrl: api.url,
      storageUrl: storage.url,
      close: async () => {
        this.endpoints.splice(this.endpoints.indexOf(endpoint), 1);
        await Promise.all([api.close(), storage.close()]);
      },
    };
  }

  /** The next background task created (export or bulk) behaves like this; queue several for several tasks. */
  nextTask(behaviour: TaskBehaviour): this {
    this.queuedBehaviours.push(behaviour);
    return this;
  }

  /**
   * The next `count` API requests (matching `options.method`/`path`, after
   * skipping `options.after`) fail with `status`: 429 with `Retry-After`, 503
   * with a gateway HTML page, others with the error body of the caller's key.
   */
  failNext(count: number, status: number, options: FaultOptions = {}): this {
    this.faults.add(count, status, options);
    return this;
  }

  /** Faults queued but not fired yet. */
  get pendingFaults(): number {
    return this.faults.pending;
  }

  /** Every request the storage origin saw, with all its headers. */
  get storageRequests(): readonly StorageRequestRecord[] {
    return this.storage.requests;
  }

  private async handleApi(request: Request, url: URL, endpoint: Endpoint): Promise<Response> {
    const now = this.clock.now();
    const incomingId = request.headers.get("x-request-id");
    this.counters.request += 1;
    const requestId =
      incomingId && REQUEST_ID.test(incomingId)
        ? incomingId
        : `req_sim_${String(this.counters.request).padStart(8, "0")}`;
    const record: RecordedRequest = {
      method: request.method,
      url: url.toString(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(request.headers),
      requestId,
      idempotencyKey: request.headers.get("idempotency-key") ?? undefined,
      status: 0,
    };
    this.requests.push(record);
    const response = await this.answerApi(request, url, endpoint, requestId, now);
    response.headers.set("x-request-id", requestId);
    record.status = response.status;
    return response;
  }

  private async answerApi(
    request: Request,
    url: URL,
    endpoint: Endpoint,
    requestId: string,
    now: number,
  ): Promise<Response> {
    const authorization = request.headers.get("authorization");
    const kind = credentialKind(authorization);
    // Faults model the edge (gateway, limiter), which answers before the app checks auth.
    const fault = this.faults.take(request.method, url.pathname);
    if (fault) return faultResponse(fault, kind, requestId, now);

    const token = bearerToken(authorization);
    if (token === undefined || !this.tokens.has(token)) {
      const message = token === undefined ? "Not authenticated" : "Invalid or revoked API key";
      return apiErrorResponse({
        status: 401,
        message,
        requestId,
        kind,
        headers: { "www-authenticate": "Bearer" },
      });
    }

    const limit = this.rateLimiter.take(token, now);
    const response = limit.allowed
      ? await this.route({ request, url, params: [], kind, token, requestId, now, endpoint })
      : apiErrorResponse({
          status: 429,
          message: "Rate limit exceeded",
          requestId,
          kind,
          headers: { "retry-after": String(limit.retryAfterSeconds) },
        });
    for (const [name, value] of Object.entries(limit.headers)) response.headers.set(name, value);
    return response;
  }

  private async route(ctx: RouteContext): Promise<Response> {
    let pathKnown = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(ctx.url.pathname);
      if (!match) continue;
      pathKnown = true;
      if (route.method !== ctx.request.method) continue;
      return route.handle({ ...ctx, params: match.slice(1).map(decodeURIComponent) });
    }
    return pathKnown
      ? apiErrorResponse({ status: 405, message: "Method Not Allowed", requestId: ctx.requestId, kind: ctx.kind })
      : apiErrorResponse({ status: 404, message: "Not Found", requestId: ctx.requestId, kind: ctx.kind });
  }

  // ---- flows -------------------------------------------------------------------------------

  private listAuditLogs(ctx: RouteContext): Response {
    const page = Number(ctx.url.searchParams.get("page") ?? "1");
    const limit = Number(ctx.url.searchParams.get("limit") ?? "50");
    if (!Number.isInteger(page) || page < 1)
      return this.invalid(ctx, "Input should be greater than or equal to 1", ["query", "page"]);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      return this.invalid(ctx, "Input should be less than or equal to 200", ["query", "limit"]);
    }
    const actions = ctx.url.searchParams.getAll("action");
    const entries =
      actions.length > 0 ? this.auditLogEntries.filter((e) => actions.includes(e.action)) : this.auditLogEntries;
    return Response.json(fixtures.auditLogPage(entries, page, limit));
  }

  private async startAuditExport(ctx: RouteContext): Promise<Response> {
    const body = await readJson(ctx.request);
    if (!isRecord(body)) return this.invalid(ctx, "Input should be a valid dictionary", ["body"]);
    const format = body.format ?? "csv";
    if (format !== "csv" && format !== "json")
      return this.invalid(ctx, "format must be csv or json", ["body", "format"]);
    const taskId = this.newTaskId();
    const actions = Array.isArray(body.actions) ? body.actions : undefined;
    const entries = actions ? this.auditLogEntries.filter((e) => actions.includes(e.action)) : this.auditLogEntries;
    const storageKey = `exports/audit-logs/${taskId}.${format}`;
    this.storage.put(storageKey, {
      contentType: format === "csv" ? "text/csv" : "application/json",
      body: () =>
        auditLogExportStream({
          entries,
          format,
          minBytes: this.options.exportSizeBytes,
          onChunk: (bytes) => {
            this.stats.exportBytesProduced += bytes;
          },
        }),
    });
    const progress = new TaskProgress(this.takeBehaviour(), AUDIT_EXPORT_STATES, ctx.now);
    this.tasks.set(taskId, { kind: "audit-export", taskId, progress, format, storageKey });
    const accepted: ExportStatusResponse = { taskId, status: progress.peek(ctx.now).state };
    return Response.json(accepted, { status: 202 });
  }

  private auditExportStatus(ctx: RouteContext): Response {
    const task = this.tasks.get(ctx.params[0] ?? "");
    if (task?.kind !== "audit-export") return this.notFound(ctx, "Export task not found");
    const snapshot = task.progress.poll(ctx.now);
    const status: ExportStatusResponse = { taskId: task.taskId, status: snapshot.state };
    if (snapshot.succeeded) status.downloadUrl = this.presign(ctx, task.storageKey);
    if (snapshot.failed) status.error = task.progress.behaviour.error ?? "Task failed";
    return Response.json(status, { headers: retryAfterWhileRunning(task.progress.behaviour, snapshot.terminal) });
  }

  private async bulkIssue(ctx: RouteContext): Promise<Response> {
    const programId = ctx.params[0] ?? "";
    const body = await readJson(ctx.request);
    if (!isRecord(body)) return this.invalid(ctx, "Input should be a valid dictionary", ["body"]);
    if (body.initialValue === undefined || body.initialValue === null) {
      return this.invalid(ctx, "Field required", ["body", "initialValue"]);
    }
    const count =
      typeof body.count === "number" ? body.count : Array.isArray(body.recipients) ? body.recipients.length : 0;
    if (!Number.isInteger(count) || count < 1 || count > 10_000) {
      return this.invalid(ctx, "count must be between 1 and 10000 (or give recipients)", ["body", "count"]);
    }
    const firstCard = this.counters.card;
    this.counters.card += count;
    this.stats.bulkIssuances += 1;
    const syncThreshold = this.options.bulk?.syncThreshold ?? 50;
    if (count <= syncThreshold) {
      this.stats.cardsIssued += count;
      const cards = this.cards(firstCard, count);
      this.counters.sync += 1;
      const key = `bulk/${programId}/sync-${this.counters.sync}.csv`;
      this.putCardsCsv(key, cards);
      const sync: BulkIssuanceSyncResponse = {
        cards,
        issuedCount: count,
        failedCount: 0,
        csvDownloadUrl: this.presign(ctx, key),
      };
      return Response.json(sync, { status: 201 });
    }
    const taskId = this.newTaskId();
    const progress = new TaskProgress(this.takeBehaviour(), BULK_ISSUANCE_STATES, ctx.now);
    this.tasks.set(taskId, { kind: "bulk", taskId, progress, programId, count, firstCard });
    const failed =
      progress.behaviour.outcome === "failure" ? count : Math.min(count, this.options.bulk?.failedCount ?? 0);
    this.stats.cardsIssued += count - failed;
    return Response.json(
      { taskId, status: progress.peek(ctx.now).state },
      { status: this.options.bulk?.asyncStatus ?? 202 },
    );
  }

  private bulkStatus(ctx: RouteContext): Response {
    const [programId, taskId] = ctx.params;
    const task = this.tasks.get(taskId ?? "");
    if (task?.kind !== "bulk" || task.programId !== programId)
      return this.notFound(ctx, "Bulk issuance task not found");
    const snapshot = task.progress.poll(ctx.now);
    const status: BulkIssuanceTaskStatus = { taskId: task.taskId, status: snapshot.state };
    if (snapshot.succeeded) {
      const failedCount = Math.min(task.count, this.options.bulk?.failedCount ?? 0);
      const cards = this.cards(task.firstCard, task.count - failedCount);
      const key = `bulk/${task.programId}/${task.taskId}.csv`;
      this.putCardsCsv(key, cards);
      Object.assign(status, {
        issuedCount: cards.length,
        failedCount,
        cards,
        csvDownloadUrl: this.presign(ctx, key),
        completedAt: new Date(ctx.now).toISOString(),
      });
      if (failedCount > 0) status.error = `${failedCount} card(s) could not be issued`;
    }
    if (snapshot.failed) {
      Object.assign(status, {
        issuedCount: 0,
        failedCount: task.count,
        error: task.progress.behaviour.error ?? "Task failed",
      });
    }
    return Response.json(status, { headers: retryAfterWhileRunning(task.progress.behaviour, snapshot.terminal) });
  }

  private async gdprExport(ctx: RouteContext): Promise<Response> {
    const body = await readJson(ctx.request);
    if (!isRecord(body) || (body.format !== "json" && body.format !== "csv")) {
      return this.invalid(ctx, "format must be json or csv", ["body", "format"]);
    }
    if (!body.customerId && !body.customerEmail) {
      return this.invalid(ctx, "customerId or customerEmail is required", ["body"]);
    }
    this.counters.gdpr += 1;
    const exportId = `gdpr_${String(this.counters.gdpr).padStart(6, "0")}`;
    const format = body.format;
    const content = gdprDocument(exportId, format, body.customerId, body.customerEmail);
    this.storage.put(`gdpr/${exportId}.${format}`, { contentType: content.contentType, body: () => content.text });
    const ttl = this.options.presignedUrlTtlSeconds ?? 3600;
    const result: GDPRExportResponse = {
      exportId,
      status: "completed",
      format,
      downloadUrl: this.presign(ctx, `gdpr/${exportId}.${format}`),
      requestedAt: new Date(ctx.now).toISOString(),
      expiresAt: new Date(ctx.now + ttl * 1000).toISOString(),
    };
    return Response.json(result);
  }

  private gdprDownload(ctx: RouteContext): Response {
    const exportId = ctx.url.searchParams.get("exportId");
    const format = ctx.url.searchParams.get("format");
    if (!exportId) return this.invalid(ctx, "Field required", ["query", "exportId"]);
    if (!format) return this.invalid(ctx, "Field required", ["query", "format"]);
    if (!/^gdpr_\d+$/.test(exportId) || Number(exportId.slice(5)) > this.counters.gdpr) {
      return this.notFound(ctx, "Export not found");
    }
    if (format !== "json" && format !== "csv")
      return this.invalid(ctx, "format must be json or csv", ["query", "format"]);
    const content = gdprDocument(exportId, format, undefined, undefined);
    return new Response(content.text, {
      headers: {
        "content-type": content.contentType,
        "content-disposition": `attachment; filename="${exportId}.${format}"`,
      },
    });
  }

  private async analyticsExport(ctx: RouteContext): Promise<Response> {
    const programId = ctx.params[0] ?? "";
    const body = await readJson(ctx.request);
    if (!isRecord(body)) return this.invalid(ctx, "Input should be a valid dictionary", ["body"]);
    const metrics =
      Array.isArray(body.metrics) && body.metrics.length > 0 ? body.metrics.map(String) : ["issued", "redeemed"];
    const rows = Array.from({ length: 7 }, (_, day) => {
      const date = new Date(DEFAULT_CLOCK_START + day * 86_400_000).toISOString().slice(0, 10);
      return [date, ...metrics.map((_, m) => String((day + 1) * (m + 3)))].join(",");
    });
    const csv = `date,${metrics.map(csvField).join(",")}\n${rows.join("\n")}\n`;
    if (this.options.analyticsExport === "data-uri") {
      return Response.json({ downloadUrl: `data:text/csv;base64,${btoa(csv)}` });
    }
    this.counters.analytics += 1;
    const key = `analytics/${programId}/${this.counters.analytics}.csv`;
    this.storage.put(key, { contentType: "text/csv", body: () => csv });
    return Response.json({ downloadUrl: this.presign(ctx, key) });
  }

  /** Runs `operation` once per (credential, operation, Idempotency-Key); replays or refuses repeats. */
  private async idempotent(ctx: RouteContext, operation: () => Promise<Response>): Promise<Response> {
    const key = ctx.request.headers.get("idempotency-key");
    if (!key) {
      if (this.options.bulk?.requireIdempotencyKey) {
        return this.invalid(ctx, "Idempotency-Key header is required", ["header", "idempotency-key"]);
      }
      return operation();
    }
    const bodyText = await ctx.request.clone().text();
    const scope = `${ctx.token}\n${ctx.request.method} ${ctx.url.pathname}`;
    const found = this.idempotency.lookup(scope, key, bodyText, ctx.now);
    if (found.kind === "replay") {
      const headers = new Headers(found.response.headers);
      headers.set("idempotent-replayed", "true");
      return new Response(found.response.body, { status: found.response.status, headers });
    }
    if (found.kind === "conflict") {
      return this.invalid(ctx, "Idempotency-Key was already used with a different request body", [
        "header",
        "idempotency-key",
      ]);
    }
    const response = await operation();
    if (response.status < 500) {
      const stored = { status: response.status, headers: [...response.headers], body: await response.clone().text() };
      this.idempotency.save(scope, key, bodyText, stored, ctx.now);
    }
    return response;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private takeBehaviour(): TaskBehaviour {
    return { ...this.options.tasks, ...this.queuedBehaviours.shift() };
  }

  private newTaskId(): string {
    this.counters.task += 1;
    return taskUuid(this.counters.task);
  }

  private presign(ctx: RouteContext, key: string): string {
    return presignUrl({
      origin: ctx.endpoint.storage,
      key,
      now: ctx.now,
      expiresInSeconds: this.options.presignedUrlTtlSeconds ?? 3600,
      secret: "simulator-presign-secret",
    });
  }

  private cards(first: number, count: number): BulkIssuedCardSummary[] {
    return Array.from({ length: count }, (_, i) => fixtures.bulkIssuedCard(first + i));
  }

  private putCardsCsv(key: string, cards: BulkIssuedCardSummary[]): void {
    const csv = `id,cardNumber,lastFourDigits\n${cards.map((c) => `${c.id},${c.cardNumber},${c.lastFourDigits}\n`).join("")}`;
    this.storage.put(key, { contentType: "text/csv", body: () => csv });
  }

  private invalid(ctx: RouteContext, message: string, loc: (string | number)[]): Response {
    return apiErrorResponse({ status: 422, message, loc, requestId: ctx.requestId, kind: ctx.kind });
  }

  private notFound(ctx: RouteContext, message: string): Response {
    return apiErrorResponse({ status: 404, message, requestId: ctx.requestId, kind: ctx.kind });
  }
}

export function createLoyaltyDogSimulator(options: LoyaltyDogSimulatorOptions = {}): LoyaltyDogSimulator {
  return new LoyaltyDogSimulator(options);
}

function faultResponse(fault: PlannedFault, kind: CredentialKind, requestId: string, now: number): Response {
  const { status, options } = fault;
  const headers: Record<string, string> = {};
  const quota = options.code === "monthly_quota_exceeded";
  const retryAfter = options.retryAfterSeconds ?? (status === 429 && !quota ? 1 : status === 503 ? 1 : undefined);
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  if (status === 429) {
    headers["x-ratelimit-remaining"] = "0";
    if (quota) {
      // The monthly quota resets when the UTC month rolls over.
      const date = new Date(now);
      headers["x-ratelimit-reset"] = String(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000);
    }
  }
  const raw =
    options.rawBody ??
    (status >= 502 && status <= 504 ? { body: GATEWAY_PAGE(status), contentType: "text/html" } : undefined);
  if (raw) return new Response(raw.body, { status, headers: { ...headers, "content-type": raw.contentType } });
  const message =
    options.message ??
    (quota ? "Monthly request quota exceeded" : status === 429 ? "Rate limit exceeded" : `Simulated ${status}`);
  return apiErrorResponse({
    status,
    message,
    requestId,
    kind,
    headers,
    ...(options.code ? { code: options.code } : {}),
  });
}

function retryAfterWhileRunning(behaviour: TaskBehaviour, terminal: boolean): Record<string, string> {
  return !terminal && behaviour.retryAfterSeconds !== undefined
    ? { "retry-after": String(behaviour.retryAfterSeconds) }
    : {};
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function gdprDocument(
  exportId: string,
  format: "json" | "csv",
  customerId: unknown,
  customerEmail: unknown,
): { text: string; contentType: string } {
  const customer = {
    id: typeof customerId === "string" ? customerId : "cust_000001",
    email: typeof customerEmail === "string" ? customerEmail : "customer@example.com",
  };
  const giftCards = [fixtures.bulkIssuedCard(0), fixtures.bulkIssuedCard(1)];
  if (format === "json") {
    return { text: JSON.stringify({ exportId, customer, giftCards }), contentType: "application/json" };
  }
  const rows = giftCards.map((c) => `${customer.id},${customer.email},${c.id},${c.lastFourDigits}`);
  return { text: `customerId,customerEmail,cardId,lastFourDigits\n${rows.join("\n")}\n`, contentType: "text/csv" };
}
