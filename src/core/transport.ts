import type { Clock } from "./clock.js";
import { APIConnectionError, APIConnectionTimeoutError, describeBody } from "./errors.js";
import { type IdempotencyPolicy, newIdempotencyKey, type OperationMatcher } from "./idempotency.js";
import { InvalidArgumentError } from "./invalid-argument.js";
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
 *
 * This runs on every request, so it is kept cheap (bench/request-overhead.ts):
 * a request made by the client's own `Request` (see `CallerSignalRequest`)
 * tells us whether the caller passed a signal, so the common call without one
 * needs no listener and no controller of its own, only a shared coarse timeout
 * (`TimeoutWindows`). Requests made elsewhere (downloads) get the exact
 * per-attempt timer and a listener on `request.signal`.
 */
export function createTransport(options: TransportOptions): (request: Request) => Promise<Response> {
  const { retry, timeoutMs, clock, random, log } = options;
  const windows = new TimeoutWindows(timeoutMs);

  return async function send(request: Request): Promise<Response> {
    const method = request.method;
    const headers = request.headers;
    for (const [name, source, format] of options.credentials) {
      if (headers.has(name)) continue;
      const value = typeof source === "function" ? await source() : source;
      if (value) headers.set(name, format(value));
    }
    if (options.requestIds) {
      const own = headers.get("x-request-id");
      if (own === null) headers.set("x-request-id", crypto.randomUUID());
      // The API accepts 1–128 of A-Za-z0-9._- and echoes it; anything else is the caller's bug, caught before sending.
      else if (!REQUEST_ID.test(own)) throw new InvalidArgumentError(`X-Request-Id must be 1-128 of A-Za-z0-9._-`);
    }
    if (options.idempotency !== "off" && method !== "GET" && !headers.has("idempotency-key")) {
      const everyPost = options.idempotency === "all-posts" && method === "POST";
      if (everyPost || options.isKeyedOperation(method, new URL(request.url).pathname)) {
        headers.set("idempotency-key", newIdempotencyKey());
      }
    }
    if (!headers.has("user-agent")) headers.set("user-agent", options.userAgent);

    // Our own Request records the caller's signal (null: none); any other request may carry one in `.signal`.
    const recorded = (request as RecordedRequest)[CALLER_SIGNAL];
    const coarse = recorded !== undefined;
    const callerSignal: AbortSignal | undefined = coarse ? (recorded ?? undefined) : request.signal;
    // A body stream can be read once: keep the bytes so every attempt sends the same body.
    const body = request.body === null ? null : await request.arrayBuffer();
    const replaySafe = isReplaySafe(method, headers);
    const fetchImpl = options.fetch ?? globalThis.fetch;

    for (let attempt = 1; ; attempt++) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const started = log ? clock.now() : 0;
      const deadline = coarse ? windows.enter() : undefined;
      let controller: AbortController | undefined;
      let onCallerAbort: (() => void) | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let init: RequestInit;
      if (deadline && !callerSignal) {
        init = deadline.init; // the common case: no allocation, no listener, no timer of its own
      } else {
        controller = new AbortController();
        const own = controller;
        if (callerSignal) {
          onCallerAbort = () => own.abort(callerSignal.reason);
          callerSignal.addEventListener("abort", onCallerAbort, { once: true });
        }
        if (deadline) deadline.controllers.add(own);
        else timer = setTimeout(() => own.abort(TIMED_OUT), timeoutMs);
        init = { signal: own.signal, redirect: "manual" };
      }
      let response: Response;
      try {
        const first = body === null ? request : new Request(request.url, { method, headers: request.headers, body });
        response = await fetchImpl(first, init);
        // The usual answer goes straight on: no extra async frame, no URL parsing.
        if (response.type === "opaqueredirect" || isRedirect(response.status)) {
          response = await followRedirects(fetchImpl, first, request, body, init, response);
        }
        // The request itself has `method` and `url`: no object per call, and the URL is serialised only for an error.
        requestInfo.set(response, request);
      } catch (cause) {
        if (callerSignal?.aborted) throw callerSignal.reason;
        if (cause instanceof APIConnectionError) throw cause;
        const timedOut = deadline ? deadline.fired : controller?.signal.reason === TIMED_OUT;
        const error = timedOut
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
        if (deadline) windows.leave(deadline, controller);
        if (timer !== undefined) clearTimeout(timer);
        if (onCallerAbort) callerSignal?.removeEventListener("abort", onCallerAbort);
      }

      const delay =
        replaySafe &&
        attempt <= retry.maxRetries &&
        isRetryableStatus(response.status) && // checked first: a 2xx costs no extra await
        (await shouldRetryResponse(response))
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

const CALLER_SIGNAL = Symbol("loyaltydog.callerSignal");
type RecordedRequest = Request & { [CALLER_SIGNAL]?: AbortSignal | null };

/**
 * The `Request` constructor given to openapi-fetch: a plain `Request` that
 * also records the signal the caller passed (or null). openapi-fetch hands
 * that signal to `new Request`, whose own `.signal` is then a follower that
 * always exists, so from `.signal` alone the transport cannot tell "no
 * signal" and would have to listen on every request. Returning an object
 * from a constructor makes `new` yield it, so this is a real `Request`.
 */
export const CallerSignalRequest = function CallerSignalRequest(input: string | URL | Request, init?: RequestInit) {
  const request = new Request(input, init) as RecordedRequest;
  request[CALLER_SIGNAL] = init?.signal ?? null;
  return request;
} as unknown as typeof Request;

/** One shared deadline: every attempt started in one window of time. */
interface Deadline {
  readonly init: RequestInit;
  readonly controller: AbortController;
  /** Attempts started with a caller's signal have their own controller; the deadline aborts them too. */
  readonly controllers: Set<AbortController>;
  readonly closesAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  pending: number;
  fired: boolean;
}

/**
 * Coarse per-attempt timeouts. A timer and an AbortController per attempt
 * cost more than openapi-fetch's whole call (bench/request-overhead.ts), so
 * attempts started within the same window of `timeoutMs / 8` share one
 * controller and one timer, set to fire at window end + `timeoutMs`. When it
 * fires, every attempt of that window has run for at least `timeoutMs`, so
 * each attempt times out after between `timeoutMs` and `timeoutMs × 1.125`:
 * that imprecision is the documented price. The timer aborts only if some
 * attempt of its window is still waiting for its response head, and it never
 * keeps the process alive by itself (a request in flight holds a socket that
 * does; a custom `fetch` that never settles and holds nothing would let the
 * process exit instead of timing out); a response body still streaming from the same window when another attempt of
 * it times out is aborted with it (API bodies are small JSON read at once;
 * downloads do not use the shared windows).
 */
class TimeoutWindows {
  private current: Deadline | undefined;
  private readonly width: number;

  constructor(private readonly timeoutMs: number) {
    this.width = Math.max(1, timeoutMs / 8);
  }

  enter(): Deadline {
    const now = Date.now();
    let deadline = this.current;
    if (!deadline || deadline.fired || now >= deadline.closesAt) {
      const controller = new AbortController();
      deadline = {
        init: { signal: controller.signal, redirect: "manual" },
        controller,
        controllers: new Set(),
        closesAt: now + this.width,
        timer: undefined,
        pending: 0,
        fired: false,
      };
      const d = deadline;
      d.timer = setTimeout(() => this.fire(d), this.width + this.timeoutMs);
      // Never keeps the process alive by itself: an attempt in flight on a socket does that already, and
      // toggling ref/unref per call costs two native calls on this hot path.
      unrefTimer(d.timer);
      this.current = deadline;
    }
    deadline.pending++;
    return deadline;
  }

  leave(deadline: Deadline, own: AbortController | undefined): void {
    if (own) deadline.controllers.delete(own);
    deadline.pending--; // at 0 the timer, if it fires, aborts nothing
  }

  private fire(deadline: Deadline): void {
    if (this.current === deadline) this.current = undefined;
    if (deadline.pending === 0) return;
    deadline.fired = true;
    deadline.controller.abort(TIMED_OUT);
    for (const own of deadline.controllers) own.abort(TIMED_OUT);
  }
}

/** Node's timers can stop keeping the process alive; a browser's timer id is a number and has no such switch. */
function unrefTimer(timer: ReturnType<typeof setTimeout>): void {
  if (typeof timer === "object" && timer !== null) timer.unref();
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const TIMED_OUT = Symbol("attempt timed out");
const MAX_REDIRECTS = 5;

/**
 * Follows redirects by hand so that credentials never reach another origin:
 * fetch itself drops `Authorization` on a cross-origin hop but would forward
 * the `X-Eposn-*` session tokens. A hop from https to plain http is refused.
 * Where fetch cannot show redirects (browsers answer "opaqueredirect"), the
 * browser follows, without the X-Eposn-* tokens (it drops `Authorization`
 * itself on a cross-origin hop, but would forward those).
 */
async function followRedirects(
  fetchImpl: typeof fetch,
  first: Request,
  request: Request,
  body: ArrayBuffer | null,
  init: RequestInit,
  response: Response,
): Promise<Response> {
  if (response.type === "opaqueredirect") {
    // A browser hides where it redirects and drops only `Authorization` on a cross-origin hop
    // (test/runtimes: Chromium forwarded X-Eposn-Merchant-Token): follow without the session tokens.
    const headers = new Headers(first.headers);
    for (const name of [...headers.keys()]) if (isSecretHeader(name) && name !== "authorization") headers.delete(name);
    const again = new Request(first.url, { method: first.method, headers, body });
    return fetchImpl(again, { signal: init.signal ?? null, redirect: "follow" });
  }
  const signal = init.signal ?? null;
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
