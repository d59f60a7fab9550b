import type { RateLimitBudget } from "./budgets.js";

/** The answer of a shared store to "may one more request of this key go?". */
export type SharedTake =
  | { granted: true; budgets?: Record<string, { remaining: number; resetAt: number }> }
  /** Not now: retry after `waitMs`; `hardStop` names a spent hard-stop budget (then `waitMs` runs to its reset). */
  | { granted: false; waitMs: number; hardStop?: string };

/**
 * Where workers in several processes (or machines) count one key's budgets
 * together: Redis in `@loyaltydog/sdk/rate-limit-redis`. Every method may
 * throw when the store is out of reach; the limiter then falls back to this
 * worker's own share of the budgets (see key-lane.ts), and tries the store
 * again on the next request.
 */
export interface SharedBudgetStore {
  /**
   * Undefined when the store can take requests now; else a wait for it to become so (bounded: it rejects when the
   * store is still out of reach, and the limiter falls back). The limiter calls it before every `take`.
   */
  ready?(): Promise<void> | undefined;
  /** Takes one request from every budget of `keyHash` atomically per budget, or none (a refusal refunds). */
  take(keyHash: string, budgets: readonly RateLimitBudget[], now: number): Promise<SharedTake>;
  /** Gives back one request taken for a call that was then not sent (aborted while being admitted). */
  refund(keyHash: string, budgets: readonly RateLimitBudget[], now: number): Promise<void>;
  /**
   * The server said its window of `budget` ends at `serverResetAt`: make ours end no sooner (plus the margin),
   * so no request of the next window of ours lands in that one of the server's, however late it began.
   */
  follow(keyHash: string, budget: RateLimitBudget, serverResetAt: number, now: number): Promise<void>;
  /** Records, for every worker, that `budget` is spent until `until` (a `monthly_quota_exceeded` answer). */
  stop(keyHash: string, budget: RateLimitBudget, until: number, now: number): Promise<void>;
}

/** The store's error, for the snapshot: its name and message, cut short (a driver's message, never our values). */
export function storeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
