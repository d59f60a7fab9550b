import { InvalidArgumentError } from "../errors/invalid-argument.js";

/**
 * LoyaltyDog's request budgets (API-NOTES.md, "Rate limits"), as data: the
 * client-side limiter keeps inside them and the testing kit's simulator
 * enforces them, from this one table. A budget is `limit` requests per
 * window; the window is a duration, or the calendar UTC month.
 */
export interface RateLimitBudget {
  /** Names the budget in snapshots and errors: `burst`, `hourly`, `monthly`, `edge`. */
  name: string;
  limit: number;
  /** Milliseconds, or `"utc-month"` (resets when the UTC month rolls over). */
  window: number | "utc-month";
  /**
   * `key` (default): per API key, shared by every worker on that key. `ip`: per client address (the edge's
   * 300 / 10 s), shared by the processes of one machine.
   */
  scope?: "key" | "ip";
  /** Spent means stop until the window resets (the monthly quota): calls fail at once rather than wait. */
  hardStop?: boolean;
}

const HOUR = 3_600_000;

export const DEFAULT_RATE_LIMIT_BUDGETS: readonly RateLimitBudget[] = Object.freeze([
  { name: "burst", limit: 60, window: 60_000 },
  { name: "hourly", limit: 1_000, window: HOUR },
  { name: "monthly", limit: 10_000, window: "utc-month", hardStop: true },
  { name: "edge", limit: 300, window: 10_000, scope: "ip" },
]);

/** A calendar month in ms when time is scaled (a scaled month has no calendar): 30 days. */
const SCALED_MONTH_MS = 30 * 24 * HOUR;

/**
 * The same budgets with every window divided by `timeScale` (60 s at 30 → 2 s), so a test sees hours pass in
 * seconds. A scaled `utc-month` becomes a plain 30-day window, scaled.
 */
export function scaleBudgets(budgets: readonly RateLimitBudget[], timeScale: number): RateLimitBudget[] {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new InvalidArgumentError(`timeScale must be a finite number > 0, got ${timeScale}`);
  }
  if (timeScale === 1) return budgets.map((budget) => ({ ...budget }));
  return budgets.map((budget) => ({
    ...budget,
    window: (budget.window === "utc-month" ? SCALED_MONTH_MS : budget.window) / timeScale,
  }));
}

/**
 * Each worker's own part of the budgets when the shared store is out of reach: `limit / workers`, rounded
 * down, at least 1 (so a worker is slow, never stuck). Summed over the workers this stays inside the budget.
 */
export function shareOf(budgets: readonly RateLimitBudget[], workers: number): RateLimitBudget[] {
  return budgets.map((budget) => ({ ...budget, limit: Math.max(1, Math.floor(budget.limit / workers)) }));
}

/** Budgets as given, checked: a name, a whole limit ≥ 1, a window > 0 ms; names unique. */
export function checkBudgets(where: string, budgets: unknown): RateLimitBudget[] {
  if (!Array.isArray(budgets) || budgets.length === 0) {
    throw new InvalidArgumentError(`${where}: budgets must be a non-empty array`);
  }
  const names = new Set<string>();
  return budgets.map((budget: Partial<RateLimitBudget> | null, index) => {
    const at = `${where}: budgets[${index}]`;
    if (typeof budget?.name !== "string" || budget.name === "" || names.has(budget.name)) {
      throw new InvalidArgumentError(`${at}.name must be a unique non-empty string`);
    }
    names.add(budget.name);
    if (!Number.isSafeInteger(budget.limit) || (budget.limit as number) < 1) {
      throw new InvalidArgumentError(`${at}.limit must be a whole number ≥ 1, got ${String(budget.limit)}`);
    }
    const { window } = budget;
    if (window !== "utc-month" && (typeof window !== "number" || !(window > 0) || !Number.isFinite(window))) {
      throw new InvalidArgumentError(`${at}.window must be a number of ms > 0 or "utc-month", got ${String(window)}`);
    }
    if (budget.scope !== undefined && budget.scope !== "key" && budget.scope !== "ip") {
      throw new InvalidArgumentError(`${at}.scope must be "key" or "ip"`);
    }
    return { ...budget } as RateLimitBudget;
  });
}

/** The budgets a limiter's options ask for: given or LoyaltyDog's, checked, windows scaled by `timeScale`. */
export function resolveBudgets(
  where: string,
  options: { budgets?: readonly RateLimitBudget[]; timeScale?: number },
): RateLimitBudget[] {
  return scaleBudgets(checkBudgets(where, options.budgets ?? DEFAULT_RATE_LIMIT_BUDGETS), options.timeScale ?? 1);
}

/** Epoch ms at which the UTC month holding `now` ends. */
export function nextUtcMonthStart(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
