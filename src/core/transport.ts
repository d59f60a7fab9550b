import { Deadline } from "./abort.js";
import { type BodyLimits, guardBody, readBody } from "./body-reader.js";
import { bufferedResponse } from "./buffered-response.js";
import type { Clock } from "./clock.js";
import { APIConnectionTimeoutError, describeBody } from "./errors.js";
import type { LogFn } from "./logger.js";
import { followRedirects, isRedirect } from "./redirects.js";
import { type HeaderPolicy, prepareHeaders } from "./request-headers.js";
import { attemptLine } from "./request-log.js";
import { type CallDefaults, callSettings, type PerCall } from "./request-options.js";
import { recordOrigin } from "./response-origin.js";
import { retryAfterMs } from "./retry-after.js";
import { isReplaySafe, isRetryableStatus, type RetryPolicy, retryDelayMs } from "./retry-policy.js";
import { isTransient, transportError } from "./wire-errors.js";

export type { CredentialSource } from "./request-headers.js";

export interface TransportOptions extends HeaderPolicy, CallDefaults {
  /** Undefined: use `globalThis.fetch` as it is at call time, so interceptors installed later (MSW) still apply. */
  fetch: typeof fetch | undefined;
  retry: RetryPolicy;
  clock: Clock;
  random: () => number;
  log: LogFn | undefined;
}

/** Downloads ask for the body as a stream (read at the caller's pace), with these limits on it. */
export interface StreamBody {
  stream: Partial<BodyLimits>;
}

export type Transport = (request: Request, init?: StreamBody) => Promise<Response>;

/** How an attempt that got an answer ended: return it, or (`retryInMs` set) wait and try again. */
interface Outcome {
  response: Response;
  retryInMs?: number;
}

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
    await prepareHeaders(options, request, (request as Request & PerCall).idempotencyKey);
    const retries = isReplaySafe(method, headers) ? call.maxRetries : 0;
    // A body stream can be read once: keep the bytes only when a second attempt may need them.
    const body = request.body === null ? null : retries > 0 ? await request.arrayBuffer() : undefined;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const signal = request.signal;
    const context = { method, url };
    const timedOut = () => new APIConnectionTimeoutError(`no complete answer within ${call.timeoutMs} ms`, context);
    // Inside the attempt's deadline the body needs an idle timer of its own only when that is shorter.
    const limits: BodyLimits = {
      maxBytes: call.maxResponseBytes,
      idleTimeoutMs: call.bodyIdleTimeoutMs < call.timeoutMs ? call.bodyIdleTimeoutMs : undefined,
    };

    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw signal.reason;
      const started = log ? clock.now() : 0;
      const canRetry = attempt <= retries;
      const deadline = new Deadline(signal, call.timeoutMs, timedOut);
      let reading = false;
      let outcome: Outcome;
      try {
        const outgoing = body ? new Request(url, { method, headers, body }) : request;
        let response = await fetchImpl(outgoing, { signal: deadline.signal, redirect: "manual" });
        if (isRedirect(response)) response = await followRedirects(fetchImpl, request, body, deadline.signal, response);
        reading = true;
        if (init && response.ok) {
          // Streamed: the deadline covered the head; the body gets the idle timeout, the caller's signal, typed errors.
          deadline.dispose();
          const idleTimeoutMs = init.stream.idleTimeoutMs ?? call.bodyIdleTimeoutMs;
          const streamLimits = { maxBytes: init.stream.maxBytes ?? Infinity, idleTimeoutMs };
          return guardBody(response, streamLimits, { ...context, status: response.status }, signal, (cause) =>
            transportError(cause, true, context),
          );
        }
        outcome = await settle(response, request, limits, canRetry ? attempt : 0);
      } catch (cause) {
        if (signal.aborted) throw signal.reason;
        const error = deadline.expired ? (deadline.signal.reason as Error) : transportError(cause, reading, context);
        const wait =
          canRetry && (deadline.expired || isTransient(cause))
            ? retryDelayMs(attempt - 1, undefined, retry, random)
            : undefined;
        log?.(wait === undefined ? "error" : "warn", line(error.name, headers, attempt, started), { retryInMs: wait });
        if (wait === undefined) throw error;
        await clock.sleep(wait, signal);
        continue;
      } finally {
        deadline.dispose();
      }
      // One place per answer (#14's rate limiter reads its headers here, and waits at the top of the loop).
      const { response, retryInMs } = outcome;
      if (log) {
        const level = response.ok ? "info" : retryInMs === undefined ? "error" : "warn";
        log(level, line(String(response.status), response.headers, attempt, started, headers), { retryInMs });
      }
      if (retryInMs === undefined) return response;
      await clock.sleep(retryInMs, signal);
    }

    function line(outcome: string, ids: Headers, attempt: number, started: number, fallback?: Headers): string {
      const requestId = ids.get("x-request-id") ?? fallback?.get("x-request-id") ?? null;
      return attemptLine(method, url, outcome, clock.now() - started, attempt, requestId);
    }
  };

  /**
   * An answer's body, read whole inside the attempt, and served from memory;
   * or, for a retryable status on an attempt that may be retried
   * (`retryAttempt` > 0), the wait before the next one, the body discarded.
   */
  async function settle(
    response: Response,
    request: Request,
    limits: BodyLimits,
    retryAttempt: number,
  ): Promise<Outcome> {
    const { status } = response;
    const context = { method: request.method, url: request.url, status };
    let bytes: Uint8Array | undefined;
    if (retryAttempt > 0 && isRetryableStatus(status)) {
      // monthly_quota_exceeded is a hard stop until the month rolls over: retrying only burns time.
      if (status === 429) bytes = await readBody(response.body, limits, context);
      if (bytes === undefined || describeBody(parseJson(bytes)).code !== "monthly_quota_exceeded") {
        const wait = retryDelayMs(retryAttempt - 1, retryAfterMs(response.headers, clock.now()), retry, random);
        if (wait !== undefined) {
          if (bytes === undefined) void response.body?.cancel().catch(() => {}); // not awaited: a tee'd body settles late
          return { response, retryInMs: wait };
        }
      }
    }
    bytes ??= await readBody(response.body, limits, context);
    const buffered = bufferedResponse(bytes, response, request);
    if (!response.ok) recordOrigin(buffered, request);
    return { response: buffered };
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
