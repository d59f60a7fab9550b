import type { Clock } from "./clock.js";
import { APIConnectionError, APIConnectionTimeoutError, describeBody } from "./errors.js";
import { type IdempotencyPolicy, newIdempotencyKey, type OperationMatcher } from "./idempotency.js";
import type { LogFn } from "./logger.js";
import { isSecretHeader, redactUrl } from "./redact.js";
import { retryAfterMs } from "./retry-after.js";
import { isReplaySafe, isRetryableStatus, type RetryPolicy, retryDelayMs } from "./retry-policy.js";
import { requestInfo } from "./unwrap.js";

/** A credential as the caller gives it: a value, or a function asked once per request (so rotation works). */
export type CredentialSource = string | (() => string | Promise<string>);

export interface TransportOptions {
  /** Undefined: use `globalThis.fetch` as it is at call time, so interceptors installed later (MSW) still apply. */
  fetch: typeof fetch | undefined;
  retry: RetryPolicy;
  timeoutMs: number;
  clock: Clock;
  random: () => number;
  /** Header name (lower-case) → credential; set on a request only when the caller did not set that header. */
  credentials: ReadonlyArray<readonly [string, CredentialSource, (value: string) => string]>;
  idempotency: IdempotencyPolicy;
  isKeyedOperation: OperationMatcher;
  userAgent: string;
  /** Send an `X-Request-Id` per call (the API echoes it; a storage host has no use for it). */
  requestIds: boolean;
  log: LogFn | undefined;
}

/**
 * The `fetch` that openapi-fetch calls: everything that must hold per
 * logical call and across its attempts lives here, beneath the middleware
 * chain (middleware cannot re-send a request). Per call: credentials, an
 * `X-Request-Id`, an automatic `Idempotency-Key` where the spec declares
 * one. Per attempt: a timeout joined with the caller's signal (it covers the
 * connection and the response head, as in openai-node; the body is then read
 * by openapi-fetch, so buffering it here would double the per-request cost),
 * and the retry decision from retry-policy.ts.
 */
export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  const { retry, timeoutMs, clock, random, log } = options;

  return async function send(request: Request): Promise<Response> {
    const method = request.method;
    const headers = request.headers;
    for (const [name, source, format] of options.credentials) {
      if (headers.has(name)) continue;
      const value = typeof source === "function" ? await source() : source;
      if (value) headers.set(name, format(value));
    }
    if (options.requestIds && !headers.has("x-request-id")) headers.set("x-request-id", crypto.randomUUID());
    if (options.idempotency !== "off" && method !== "GET" && !headers.has("idempotency-key")) {
      const everyPost = options.idempotency === "all-posts" && method === "POST";
      if (everyPost || options.isKeyedOperation(method, new URL(request.url).pathname)) {
        headers.set("idempotency-key", newIdempotencyKey());
      }
    }
    if (!headers.has("user-agent")) headers.set("user-agent", options.userAgent);

    const callerSignal = request.signal;
    // A body stream can be read once: keep the bytes so every attempt sends the same body.
    const body = request.body === null ? null : await request.arrayBuffer();
    const replaySafe = isReplaySafe(method, headers);
    const fetchImpl = options.fetch ?? globalThis.fetch;

    for (let attempt = 1; ; attempt++) {
      if (callerSignal.aborted) throw callerSignal.reason;
      const started = log ? clock.now() : 0;
      const controller = new AbortController();
      const onCallerAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", onCallerAbort, { once: true });
      const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
      let response: Response;
      try {
        response = await fetchFollowingRedirects(fetchImpl, request, body, controller.signal);
        requestInfo.set(response, { method, url: request.url });
      } catch (cause) {
        if (callerSignal.aborted) throw callerSignal.reason;
        if (cause instanceof APIConnectionError) throw cause;
        const error =
          controller.signal.reason === TIMED_OUT
            ? new APIConnectionTimeoutError(`no complete answer within ${timeoutMs} ms`, {
                cause,
                method,
                url: request.url,
              })
            : new APIConnectionError(`connection failed: ${causeText(cause)}`, { cause, method, url: request.url });
        const delay =
          replaySafe && attempt <= retry.maxRetries ? retryDelayMs(attempt - 1, undefined, retry, random) : undefined;
        log?.(
          delay === undefined ? "error" : "warn",
          line(method, request.url, error.name, started, clock, attempt, headers),
          {
            retryInMs: delay,
          },
        );
        if (delay === undefined) throw error;
        await clock.sleep(delay, callerSignal);
        continue;
      } finally {
        clearTimeout(timer);
        callerSignal.removeEventListener("abort", onCallerAbort);
      }

      const delay =
        replaySafe && attempt <= retry.maxRetries && (await shouldRetryResponse(response))
          ? retryDelayMs(attempt - 1, retryAfterMs(response.headers, clock.now()), retry, random)
          : undefined;
      if (log) {
        const level = response.ok ? "info" : delay === undefined ? "error" : "warn";
        log(level, line(method, request.url, String(response.status), started, clock, attempt, headers, response), {
          retryInMs: delay,
        });
      }
      if (delay === undefined) return response;
      await clock.sleep(delay, callerSignal);
    }
  };
}

const TIMED_OUT = Symbol("attempt timed out");
const MAX_REDIRECTS = 5;

/**
 * Follows redirects by hand so that credentials never reach another origin:
 * fetch itself drops `Authorization` on a cross-origin hop but would forward
 * the `X-Eposn-*` session tokens. A hop from https to plain http is refused.
 * Where fetch cannot show redirects (browsers answer "opaqueredirect"), the
 * browser's own CORS rules guard the headers and we let it follow.
 */
async function fetchFollowingRedirects(
  fetchImpl: typeof fetch,
  request: Request,
  body: ArrayBuffer | null,
  signal: AbortSignal,
): Promise<Response> {
  const first =
    body === null ? request : new Request(request.url, { method: request.method, headers: request.headers, body });
  let response = await fetchImpl(first, { signal, redirect: "manual" });
  if (response.type === "opaqueredirect") return fetchImpl(first, { signal, redirect: "follow" });
  let url = new URL(request.url);
  let { method } = request;
  let headers = request.headers;
  for (let hop = 0; isRedirect(response.status); hop++) {
    const location = response.headers.get("location");
    if (!location) return response;
    await response.body?.cancel().catch(() => {});
    const next = new URL(location, url);
    // Thrown as final errors: the same request would meet the same redirect again.
    if (hop >= MAX_REDIRECTS) {
      throw new APIConnectionError(`more than ${MAX_REDIRECTS} redirects`, { method, url: request.url });
    }
    if (url.protocol === "https:" && next.protocol !== "https:") {
      throw new APIConnectionError(`refused a redirect from https to ${next.protocol}`, { method, url: request.url });
    }
    if (next.origin !== url.origin) headers = withoutSecrets(headers);
    const keepBody = response.status === 307 || response.status === 308;
    if (!keepBody && method !== "GET" && method !== "HEAD") method = "GET";
    url = next;
    response = await fetchImpl(new Request(url, { method, headers, body: keepBody ? body : null }), {
      signal,
      redirect: "manual",
    });
  }
  return response;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function withoutSecrets(headers: Headers): Headers {
  const out = new Headers();
  for (const [name, value] of headers) if (!isSecretHeader(name)) out.set(name, value);
  return out;
}

async function shouldRetryResponse(response: Response): Promise<boolean> {
  if (!isRetryableStatus(response.status)) return false;
  if (response.status !== 429) return true;
  // monthly_quota_exceeded is a hard stop until the month rolls over: retrying only burns time.
  const body = await response
    .clone()
    .json()
    .catch(() => undefined);
  return describeBody(body).code !== "monthly_quota_exceeded";
}

function line(
  method: string,
  url: string,
  outcome: string,
  started: number,
  clock: Clock,
  attempt: number,
  headers: Headers,
  response?: Response,
): string {
  const requestId = response?.headers.get("x-request-id") ?? headers.get("x-request-id");
  const u = new URL(redactUrl(url));
  return `loyaltydog ${method} ${u.pathname}${u.search} ${outcome} ${Math.round(clock.now() - started)}ms attempt=${attempt} request_id=${requestId}`;
}

function causeText(cause: unknown): string {
  const c = cause as { cause?: { code?: string; message?: string }; code?: string; message?: string };
  return c?.cause?.code ?? c?.code ?? c?.cause?.message ?? c?.message ?? String(cause);
}
