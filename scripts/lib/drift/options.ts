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

/** A policy flag with a value the check cannot use: said as such, never silently defaulted. */
export class DriftOptionsError extends Error {
  override name = "DriftOptionsError";
}

/**
 * The policy flags of `spec:check`, named as oasdiff names them: `--deprecation-days-beta N`,
 * `--deprecation-days-stable N`, `--stability-level draft|alpha|beta|stable`.
 */
export function driftOptionsFromFlags(read: (name: string) => string | undefined): DriftOptions {
  const days = (name: string): number | undefined => {
    const text = read(name);
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text)) throw new DriftOptionsError(`${name} takes a whole number of days, not \`${text}\``);
    return Number(text);
  };
  const level = read("--stability-level");
  if (level !== undefined && !STABILITY_LEVELS.includes(level as StabilityLevel)) {
    throw new DriftOptionsError(`--stability-level takes ${STABILITY_LEVELS.join(", ")}, not \`${level}\``);
  }
  const partial: Partial<DriftOptions> = {};
  const beta = days("--deprecation-days-beta");
  const stable = days("--deprecation-days-stable");
  if (beta !== undefined) partial.deprecationDaysBeta = beta;
  if (stable !== undefined) partial.deprecationDaysStable = stable;
  if (level !== undefined) partial.stabilityLevel = level as StabilityLevel;
  return driftOptions(partial);
}
