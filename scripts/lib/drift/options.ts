/**
 * Policy the classifier applies where oasdiff's checker has options: how long a deprecated operation,
 * parameter or property must stay before its sunset date (`--deprecation-days-beta`/`-stable`, 0 by default),
 * the lowest `x-stability-level` whose changes are reported (`--stability-level`, "beta" by default, as in oasdiff: draft and alpha operations may change freely), and
 * the day sunset dates are measured from (injected, so a check is deterministic).
 */
export type StabilityLevel = "draft" | "alpha" | "beta" | "stable";

export const STABILITY_LEVELS: readonly StabilityLevel[] = ["draft", "alpha", "beta", "stable"];

export interface DriftOptions {
  deprecationDaysBeta: number;
  deprecationDaysStable: number;
  stabilityLevel: StabilityLevel;
  /** `YYYY-MM-DD`: the day a sunset date is counted from. */
  today: string;
}

export function driftOptions(partial: Partial<DriftOptions> = {}): DriftOptions {
  return {
    deprecationDaysBeta: 0,
    deprecationDaysStable: 0,
    stabilityLevel: "beta",
    today: new Date().toISOString().slice(0, 10),
    ...partial,
  };
}
