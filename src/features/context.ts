import { type AnyLoyaltyDogClient, type ClientInternals, internalsOf } from "../core/client-internals.js";
import { type PollOptions, pollTask } from "../core/poller.js";
import { retryAfterMs } from "../core/retry-after.js";
import { classifyTaskState } from "../core/task-state.js";
import { type FetchResult, unwrap } from "../core/unwrap.js";

/** The options a `waitFor…` helper takes: the poller's, less what the client supplies. */
export type WaitOptions<S> = Omit<PollOptions<S>, "clock" | "random">;

/** Options of a helper that makes one request. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** A status route of one background task, as the `waitFor…` helpers poll it. */
export interface StatusRoute<S> {
  taskId: string;
  /** What the task is, for messages (`"audit-log export"`). */
  kind: string;
  /** One typed GET of the status route, passing `signal` on. */
  get(api: ClientInternals["api"], signal: AbortSignal): Promise<FetchResult<S, unknown>>;
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
  return pollTask<S>(
    {
      taskId: route.taskId,
      kind: route.kind,
      async fetchStatus(signal) {
        const result = await route.get(api, signal);
        return { status: unwrap(result), retryAfterMs: retryAfterMs(result.response.headers, clock.now()) };
      },
      stateOf: (s) => classifyTaskState(s.status),
    },
    { ...options, clock, random },
  );
}
