import { Deadline } from "./abort.js";
import { type BodyLimits, guardBody, readBody } from "./body-reader.js";
import { bufferedResponse } from "./buffered-response.js";
import type { Clock } from "./clock.js";
import { APIConnectionError, APIConnectionTimeoutError, describeBody, LoyaltyDogError } from "./errors.js";
import { type IdempotencyPolicy, newIdempotencyKey, type OperationMatcher } from "./idempotency.js";
import { InvalidArgumentError } from "./invalid-argument.js";
import type { LogFn } from "./logger.js";
import { followRedirects, isRedirect } from "./redirects.js";
import { REQUEST_ID } from "./request-id.js";
import { attemptLine } from "./request-log.js";
import { checkIdempotencyKey, checkMaxBytes, checkMaxRetries, checkTimer, type PerCall } from "./request-options.js";
import { recordOrigin } from "./response-origin.js";
import { retryAfterMs } from "./retry-after.js";
import { isReplaySafe, isRetryableStatus, type RetryPolicy, retryDelayMs } from "./retry-policy.js";
import { bodyCutError, ResponseBodyTimeoutError } from "./wire-errors.js";

/** A credential as the caller gives it: a value, or a function asked once per request (so rotation works). */
export type CredentialSource = string | (() => string | Promise<string>);

export interface TransportOptions {
  /** Undefined: use `globalThis.fetch` as it is at call time, so interceptors installed later (MSW) still apply. */
  fetch: typeof fetch | undefined;
  retry: RetryPolicy;
  timeoutMs: number;
  bodyIdleTimeoutMs: number;
  maxResponseBytes: number;
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

/** Downloads ask for the body as a stream (read at the caller's pace), with these limits on it. */
export interface StreamBody {
  stream: Partial<BodyLimits>;
}

export type Transport = (request: Request, init?: StreamBody) => Promise<Response>;

/**
 * The `fetch` that openapi-fetch calls: everything that must hold per
 * logical call and across its attempts lives here, beneath the middleware
 * chain (middleware cannot re-send a request). Per call: credentials, an
 * `X-Request-Id`, an automatic `Idempotency-Key` where the spec declares one,
 * and the per-call options (request-options.ts). Per attempt: its own
 * AbortController and timer, so an attempt ends exactly `timeoutMs` after it
 * started unless its complete answer (head and body, read here within the
 * size limit) is in, and the retry decision from retry-policy.ts. A body that
 * breaks off is an attempt that failed: retried when replay-safe.
 */
export function createTransport(options: TransportOptions): Transport {
  const { retry, clock, random, log } = options;

  return async function send(request: Request, init?: StreamBody): Promise<Response> {
    const { method, headers, url } = request;
    const call = request as Request & PerCall;
    const maxRetries = call.maxRetries === undefined ? retry.maxRetries : checkMaxRetries(method, call.maxRetries);
    const timeoutMs =
      call.timeoutMs === undefined ? options.timeoutMs : checkTimer(method, "timeoutMs", call.timeoutMs);
    const limits: BodyLimits = {
      maxBytes:
        call.maxResponseBytes === undefined ? options.maxResponseBytes : checkMaxBytes(method, call.maxResponseBytes),
      idleTimeoutMs:
        call.bodyIdleTimeoutMs === undefined
          ? options.bodyIdleTimeoutMs
          : checkTimer(method, "bodyIdleTimeoutMs", call.bodyIdleTimeoutMs),
    };
    await prepareHeaders(options, request, call.idempotencyKey);
    const replaySafe = isReplaySafe(method, headers);
    // A body stream can be read once: keep the bytes only when a second attempt may need them.
    const body = request.body === null ? null : replaySafe && maxRetries > 0 ? await request.arrayBuffer() : undefined;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const callerSignal = request.signal;
    // Inside the attempt's own deadline the idle wait needs no timer of its own unless it is shorter.
    const bufferedLimits =
      limits.idleTimeoutMs! < timeoutMs ? limits : { maxBytes: limits.maxBytes, idleTimeoutMs: undefined };

    for (let attempt = 1; ; attempt++) {
      if (callerSignal.aborted) throw callerSignal.reason;
      const started = log ? clock.now() : 0;
      const deadline = new AttemptDeadline(callerSignal, timeoutMs, method, url);
      let reading = false;
      let response: Response;
      let delay: number | undefined;
      try {
        const outgoing = body ? new Request(url, { method, headers, body }) : request;
        response = await fetchImpl(outgoing, { signal: deadline.signal, redirect: "manual" });
        if (isRedirect(response)) response = await followRedirects(fetchImpl, request, body, deadline.signal, response);
        const { status } = response;
        reading = true;
        if (init && response.ok) {
          // Streamed: the deadline covered the head; the body gets the idle timeout, the caller's signal, typed errors.
          deadline.dispose();
          const context = { method, url, status };
          const streamLimits = {
            maxBytes: init.stream.maxBytes ?? Infinity,
            idleTimeoutMs: init.stream.idleTimeoutMs ?? limits.idleTimeoutMs,
          };
          return guardBody(response, streamLimits, context, callerSignal, (cause) =>
            classify(cause, undefined, true, method, url),
          );
        }
        let bytes: Uint8Array | undefined;
        if (replaySafe && attempt <= maxRetries && isRetryableStatus(status)) {
          let quotaSpent = false;
          if (status === 429) {
            // monthly_quota_exceeded is a hard stop until the month rolls over: retrying only burns time.
            bytes = await readBody(response.body, bufferedLimits, { method, url, status });
            quotaSpent = describeBody(parseJson(bytes)).code === "monthly_quota_exceeded";
          }
          if (!quotaSpent)
            delay = retryDelayMs(attempt - 1, retryAfterMs(response.headers, clock.now()), retry, random);
        }
        if (delay === undefined) {
          bytes ??= await readBody(response.body, bufferedLimits, { method, url, status });
          response = bufferedResponse(bytes, response, request);
          if (!response.ok) recordOrigin(response, request);
        } else if (bytes === undefined) {
          void response.body?.cancel().catch(() => {}); // not awaited: a tee'd body settles only when both branches do
        }
      } catch (cause) {
        if (callerSignal.aborted) throw callerSignal.reason;
        const timedOut = deadline.expired ? (deadline.signal.reason as APIConnectionTimeoutError) : undefined;
        const error = classify(cause, timedOut, reading, method, url);
        // Our own refusals (size limit, redirects, bad input) are final; timeouts and broken connections are not.
        const transient =
          timedOut !== undefined || error instanceof ResponseBodyTimeoutError || !(cause instanceof LoyaltyDogError);
        const wait =
          transient && replaySafe && attempt <= maxRetries
            ? retryDelayMs(attempt - 1, undefined, retry, random)
            : undefined;
        const requestId = headers.get("x-request-id");
        log?.(
          wait === undefined ? "error" : "warn",
          attemptLine(method, url, error.name, clock.now() - started, attempt, requestId),
          {
            retryInMs: wait,
          },
        );
        if (wait === undefined) throw error;
        await clock.sleep(wait, callerSignal);
        continue;
      } finally {
        deadline.dispose();
      }
      if (log) {
        const level = response.ok ? "info" : delay === undefined ? "error" : "warn";
        const requestId = response.headers.get("x-request-id") ?? headers.get("x-request-id");
        log(level, attemptLine(method, url, String(response.status), clock.now() - started, attempt, requestId), {
          retryInMs: delay,
        });
      }
      if (delay === undefined) return response;
      await clock.sleep(delay, callerSignal);
    }
  };
}

/** One attempt's deadline: its timeout is an APIConnectionTimeoutError naming the request. */
class AttemptDeadline extends Deadline {
  constructor(
    parent: AbortSignal,
    private readonly timeoutMs: number,
    private readonly method: string,
    private readonly url: string,
  ) {
    super(parent, timeoutMs);
  }
  override expiredReason(): unknown {
    return new APIConnectionTimeoutError(`no complete answer within ${this.timeoutMs} ms`, {
      method: this.method,
      url: this.url,
    });
  }
}

/** Credentials, request id, idempotency key and User-Agent: set once per call, kept across its attempts. */
async function prepareHeaders(
  options: TransportOptions,
  request: Request,
  idempotencyKey: string | undefined,
): Promise<void> {
  const { headers, method } = request;
  for (const [name, source, format] of options.credentials) {
    if (headers.has(name)) continue;
    const value = typeof source === "function" ? await source() : source;
    if (value) setHeader(headers, name, format(value));
  }
  if (options.requestIds) {
    const own = headers.get("x-request-id");
    if (own === null) headers.set("x-request-id", crypto.randomUUID());
    // The API accepts 1–128 of A-Za-z0-9._- and echoes it; anything else is the caller's bug, caught before sending.
    else if (!REQUEST_ID.test(own)) throw new InvalidArgumentError(`X-Request-Id must be 1-128 of A-Za-z0-9._-`);
  }
  if (idempotencyKey !== undefined) headers.set("idempotency-key", checkIdempotencyKey(method, idempotencyKey));
  else if (options.idempotency !== "off" && method !== "GET" && !headers.has("idempotency-key")) {
    const everyPost = options.idempotency === "all-posts" && method === "POST";
    if (everyPost || options.isKeyedOperation(method, new URL(request.url).pathname)) {
      headers.set("idempotency-key", newIdempotencyKey());
    }
  }
  if (!headers.has("user-agent")) headers.set("user-agent", options.userAgent);
}

/** A credential with a CR/LF or other byte a header cannot hold: say which header, never the value. */
function setHeader(headers: Headers, name: string, value: string): void {
  try {
    headers.set(name, value);
  } catch {
    throw new InvalidArgumentError(`the value for ${name} is not a valid header value (control characters?)`);
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/** Every failure as an error of the SDK's hierarchy; our own (limits, redirects, timeouts) pass through. */
function classify(
  cause: unknown,
  timedOut: APIConnectionTimeoutError | undefined,
  reading: boolean,
  method: string,
  url: string,
): LoyaltyDogError {
  if (timedOut) return timedOut;
  if (cause instanceof LoyaltyDogError) return cause;
  if (reading) return bodyCutError(cause, { method, url });
  return new APIConnectionError(`connection failed: ${causeText(cause)}`, { cause, method, url });
}

function causeText(cause: unknown): string {
  const c = cause as { cause?: { code?: string; message?: string }; code?: string; message?: string };
  return c?.cause?.code ?? c?.code ?? c?.cause?.message ?? c?.message ?? String(cause);
}
