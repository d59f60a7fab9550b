import type { Client } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { Clock } from "../core/clock.js";
import type { PollOptions } from "../core/poller.js";
import { retryAfterMs } from "../core/retry-after.js";
import { type FetchResult, unwrap } from "../core/unwrap.js";

/** What a feature helper needs from its client: the typed calls and the client's clock and jitter source. */
export interface FeatureContext {
  api: Client<paths>;
  clock: Clock;
  random: () => number;
}

/** The options a `waitFor…` helper takes: the poller's, less what the client supplies. */
export type WaitOptions<S> = Omit<PollOptions<S>, "clock" | "random">;

export function pollOptions<S>(ctx: FeatureContext, options: WaitOptions<S> = {}): PollOptions<S> {
  return { ...options, clock: ctx.clock, random: ctx.random };
}

/** A status answer as the poller wants it: the body (or the typed error) and the server's `Retry-After` hint. */
export function statusWithHint<D, E>(
  ctx: FeatureContext,
  result: FetchResult<D, E>,
): { status: D; retryAfterMs: number | undefined } {
  return { status: unwrap(result), retryAfterMs: retryAfterMs(result.response.headers, ctx.clock.now()) };
}
