import { type DriftOptions, STABILITY_LEVELS, type StabilityLevel } from "./options.js";

type Json = Record<string, unknown>;

/**
 * Deprecation, sunset and stability as oasdiff reads them: `deprecated: true`, an `x-sunset` date (a full
 * date, or an RFC 3339 date-time), and an `x-stability-level` of draft, alpha, beta or stable (stable when
 * absent). A deprecated beta operation must keep `--deprecation-days-beta` days before its sunset, a stable
 * one `--deprecation-days-stable`; draft and alpha ones none.
 */
export type Sunset = { kind: "none" } | { kind: "invalid"; text: string } | { kind: "date"; date: string };

export function sunsetOf(node: Json): Sunset {
  const raw = node["x-sunset"];
  if (raw === undefined) return { kind: "none" };
  if (typeof raw !== "string") return { kind: "invalid", text: JSON.stringify(raw) };
  const date =
    /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) ?? /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+(Z|[+-]\d{2}:\d{2})$/i.exec(raw);
  if (!date) return { kind: "invalid", text: raw };
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return { kind: "invalid", text: raw };
  return { kind: "date", date: `${date[1]}-${date[2]}-${date[3]}` };
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The stability an object declares; undefined when `x-stability-level` is not one of the four. */
export function stabilityOf(node: Json): StabilityLevel | undefined | "invalid" {
  const raw = node["x-stability-level"];
  if (raw === undefined) return undefined;
  return STABILITY_LEVELS.includes(raw as StabilityLevel) ? (raw as StabilityLevel) : "invalid";
}

/** Draft 0 … stable 3; an operation or property that declares none is stable. */
export function stabilityRank(stability: StabilityLevel | undefined): number {
  return STABILITY_LEVELS.indexOf(stability ?? "stable");
}

/** Days a deprecation must last before the sunset, for an operation of this stability. */
export function deprecationDays(options: DriftOptions, stability: StabilityLevel | undefined | "invalid"): number {
  if (stability === "draft" || stability === "alpha") return 0;
  return stability === "beta" ? options.deprecationDaysBeta : options.deprecationDaysStable;
}

/** Below the reporting threshold (`--stability-level`): changes to it are not reported. */
export function belowStability(options: DriftOptions, stability: StabilityLevel | undefined | "invalid"): boolean {
  if (stability === undefined || stability === "invalid") return false;
  return STABILITY_LEVELS.indexOf(stability) < STABILITY_LEVELS.indexOf(options.stabilityLevel);
}

/**
 * Which deprecation rule a newly deprecated object gets: with a sunset date far enough away, without one
 * where the policy asks for one, an unreadable date, or a date too close. `null`: plain deprecated.
 */
export function deprecationVerdict(
  node: Json,
  options: DriftOptions,
  days: number,
): "with-sunset" | "sunset-missing" | "sunset-invalid" | "sunset-too-small" | null {
  const sunset = sunsetOf(node);
  if (sunset.kind === "none") return days > 0 ? "sunset-missing" : null;
  if (sunset.kind === "invalid") return "sunset-invalid";
  return daysBetween(options.today, sunset.date) < days ? "sunset-too-small" : "with-sunset";
}
