import { type AnyLoyaltyDogClient, type ClientInternals, internalsOf } from "../core/client/client-internals.js";
import { retryAfterMs } from "../core/errors/retry-after.js";
import { type FetchResult, unwrap } from "../core/errors/unwrap.js";
import type { RequestOptions } from "../core/http/request-options.js";
import { type PollOptions, pollTask } from "../core/tasks/poller.js";
import { classifyTaskState } from "../core/tasks/task-state.js";

/** Options of a helper that makes one request: the raw calls' own per-call options (request-options.ts). */
export type CallOptions = RequestOptions;

/** Per-call options a `waitFor…` helper applies to every status request it makes (the wait's signal covers them all). */
export type StatusRequestOptions = Omit<RequestOptions, "signal" | "idempotencyKey">;

/** The options a `waitFor…` helper takes: the poller's, less what the client supplies, and those of each status request. */
export type WaitOptions<S> = Omit<PollOptions<S>, "clock" | "random"> & StatusRequestOptions;

/** The per-request part of a wait's options, for each status poll (and, with the wait's signal, for an …AndWait start). */
export function statusRequestOptions(options: StatusRequestOptions): StatusRequestOptions {
  const { maxRetries, timeoutMs, headers, maxResponseBytes, bodyIdleTimeoutMs } = options;
  return { maxRetries, timeoutMs, headers, maxResponseBytes, bodyIdleTimeoutMs };
}

/** A status route of one background task, as the `waitFor…` helpers poll it. */
export interface StatusRoute<S> {
  taskId: string;
  /** What the task is, for messages (`"audit-log export"`). */
  kind: string;
  /** One typed GET of the status route, passing `init` (the per-call options and the poll's signal) on. */
  get(api: ClientInternals["api"], init: RequestOptions & { signal: AbortSignal }): Promise<FetchResult<S, unknown>>;
}

/**
 * The task shape every `waitFor…` helper shares: GET the status route until
 * its `status` word is terminal (see task-state.ts), honouring the server's
 * `Retry-After`, on the client's clock and jitter source.
 */
export function waitForStatus<S extends { status?: unknown }>(
  client: AnyLoyaltyDogClient,
  route: StatusRoute<S>,
  options: WaitOptions<S> = {},
): Promise<S> {
  const { api, clock, random } = internalsOf(client);
  const perCall = statusRequestOptions(options);
  return pollTask<S>(
    {
      taskId: route.taskId,
      kind: route.kind,
      async fetchStatus(signal) {
        const result = await route.get(api, { ...perCall, signal });
        return { status: unwrap(result), retryAfterMs: retryAfterMs(result.response.headers, clock.now()) };
      },
      stateOf: (s) => classifyTaskState(s.status),
    },
    // The poller reads its own keys and ignores the per-request ones.
    { ...options, clock, random },
  );
}
