import { describeBody, parseErrorBody } from "../errors/error-body.js";
import { APIConnectionTimeoutError } from "../errors/errors.js";
import { recordOrigin } from "../errors/response-origin.js";
import { retryAfterMs } from "../errors/retry-after.js";
import { Deadline } from "../platform/abort.js";
import type { Clock } from "../platform/clock.js";
import type { LogFn } from "../platform/logger.js";
import { type BodyContext, type BodyLimits, readBody } from "./body-reader.js";
import { bufferedResponse } from "./buffered-response.js";
import { callerSignalOf } from "./call-request.js";
import { followRedirects, isRedirect } from "./redirects.js";
import { type HeaderPolicy, setCallHeaders, setCredentials } from "./request-headers.js";
import { attemptLine } from "./request-log.js";
import { type CallDefaults, callSettings, type PerCall } from "./request-options.js";
import { isReplaySafe, isRetryableStatus, type RetryPolicy, retryDelayMs } from "./retry-policy.js";
import { isTransient, originOf, transportError } from "./wire-errors.js";

export type { CredentialSource } from "./request-headers.js";

export interface TransportOptions extends HeaderPolicy, CallDefaults {
  /** Undefined: use `globalThis.fetch` as it is at call time, so interceptors installed later (MSW) still apply. */
  fetch: typeof fetch | undefined;
  retry: RetryPolicy;
  clock: Clock;
  random: () => number;
  log: LogFn | undefined;
}

/**
 * Downloads take a 2xx body as a stream, read at the caller's pace: the
 * transport hands over the head (its deadline done) with what a guard on the
 * body needs (body-reader.ts's `guardBody`), so the API's own calls, which
 * never stream, do not carry the guard.
 */
export interface StreamBody {
  take(response: Response, head: StreamedHead): Response;
}

export interface StreamedHead {
  context: BodyContext;
  /** The call's signal: it ends the body too. */
  signal: AbortSignal;
  /** The call's idle timeout for a body (`bodyIdleTimeoutMs`). */
  bodyIdleTimeoutMs: number;
  /** A failure while the body streams, as an error of the SDK's hierarchy. */
  toError(cause: unknown): unknown;
}

export type Transport = (request: Request, init?: StreamBody) => Promise<Response>;

/**
 * The `fetch` that openapi-fetch calls: everything that must hold per logical
 * call and across its attempts lives here, beneath the middleware chain
 * (middleware cannot re-send a request).
 *
 * Per call: the headers of request-headers.ts and the options of
 * request-options.ts. Per attempt: its own deadline (abort.ts), so an attempt
 * ends exactly `timeoutMs` after it started unless its complete answer is in:
 * the head, and the body read whole within the size limit, so a body that
 * breaks off is an attempt that failed, retried when replay-safe. Whether to
 * try again is retry-policy.ts's decision; redirects are redirects.ts's.
 */
export function createTransport(options: TransportOptions): Transport {
  const { retry, clock, random, log } = options;

  return async function send(request: Request, init?: StreamBody): Promise<Response> {
    const { method, headers, url } = request;
    const call = callSettings(request as Request & PerCall, method, options);
    const credentials = setCredentials(options, headers);
    if (credentials) await credentials;
    setCallHeaders(options, request, (request as Request & PerCall).idempotencyKey);
    const retries = isReplaySafe(method, headers) ? call.maxRetries : 0;
    // A body stream can be read once: keep the bytes only when a second attempt may need them.
    const body = request.body === null ? null : retries > 0 ? await request.arrayBuffer() : undefined;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const signal = request.signal;
    const follow = callerSignalOf(request);
    const context = { method, url };
    const timedOut = () =>
      new APIConnectionTimeoutError(`no complete answer from ${originOf(url)} within ${call.timeoutMs} ms`, context);
    // Inside the attempt's deadline the body needs an idle timer of its own only when that is shorter.
    const limits: BodyLimits = {
      maxBytes: call.maxResponseBytes,
      idleTimeoutMs: call.bodyIdleTimeoutMs < call.timeoutMs ? call.bodyIdleTimeoutMs : undefined,
    };

    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw signal.reason;
      const started = log ? clock.now() : 0;
      const canRetry = attempt <= retries;
      const deadline = new Deadline(follow, call.timeoutMs, timedOut);
      let reading = false;
      let answer: Response;
      let retryInMs: number | undefined;
      try {
        const outgoing = body ? new Request(url, { method, headers, body }) : request;
        let response = await fetchImpl(outgoing, { signal: deadline.signal, redirect: "manual" });
        if (isRedirect(response)) response = await followRedirects(fetchImpl, request, body, deadline.signal, response);
        reading = true;
        if (init && response.ok) {
          // Streamed: the deadline covered the head; the body is the caller's, with the idle timeout and typed errors.
          deadline.dispose();
          return init.take(response, {
            context: { ...context, status: response.status },
            signal,
            bodyIdleTimeoutMs: call.bodyIdleTimeoutMs,
            toError: (cause) => transportError(cause, true, context),
          });
        }
        let bytes: Uint8Array | undefined;
        if (canRetry && isRetryableStatus(response.status)) {
          [retryInMs, bytes] = await retryWait(response, attempt, limits, context);
        }
        if (retryInMs === undefined) {
          bytes ??= await readBody(response.body, limits, { method, url, status: response.status });
          response = bufferedResponse(bytes, response, request);
          if (!response.ok) recordOrigin(response, request);
        }
        answer = response;
      } catch (cause) {
        if (signal.aborted) throw signal.reason;
        const error = deadline.expired ? (deadline.signal.reason as Error) : transportError(cause, reading, context);
        const wait =
          canRetry && (deadline.expired || isTransient(cause))
            ? retryDelayMs(attempt - 1, undefined, retry, random)
            : undefined;
        // With logging off, `?.` skips building the line too.
        log?.(
          wait === undefined ? "error" : "warn",
          attemptLine(method, url, error.name, clock.now() - started, attempt, headers.get("x-request-id")),
          { retryInMs: wait },
        );
        if (wait === undefined) throw error;
        await clock.sleep(wait, signal);
        continue;
      } finally {
        deadline.dispose();
      }
      // One place per answer: its log line. (The rate limiter sees every attempt and answer beneath this loop, as
      // the fetch it is given: rate-limit/, wired in client.ts.)
      log?.(
        answer.ok ? "info" : retryInMs === undefined ? "error" : "warn",
        attemptLine(
          method,
          url,
          String(answer.status),
          clock.now() - started,
          attempt,
          answer.headers.get("x-request-id") ?? headers.get("x-request-id"),
        ),
        { retryInMs },
      );
      if (retryInMs === undefined) return answer;
      await clock.sleep(retryInMs, signal);
    }
  };

  /**
   * A retryable status on an attempt that may be retried: the wait before the
   * next one (the body discarded), or undefined to give up (a Retry-After
   * over the cap, a spent monthly quota) with the body read if it was.
   */
  async function retryWait(
    response: Response,
    attempt: number,
    limits: BodyLimits,
    context: { method: string; url: string },
  ): Promise<[number | undefined, Uint8Array?]> {
    const { status, headers } = response;
    if (status === 429) {
      // monthly_quota_exceeded is a hard stop until the month rolls over: retrying only burns time.
      const bytes = await readBody(response.body, limits, { ...context, status });
      const quotaSpent =
        describeBody(parseErrorBody(new TextDecoder().decode(bytes))).code === "monthly_quota_exceeded";
      return [
        quotaSpent ? undefined : retryDelayMs(attempt - 1, retryAfterMs(headers, clock.now()), retry, random),
        bytes,
      ];
    }
    const wait = retryDelayMs(attempt - 1, retryAfterMs(headers, clock.now()), retry, random);
    if (wait !== undefined) void response.body?.cancel().catch(() => {}); // not awaited: a tee'd body settles late
    return [wait];
  }
}
