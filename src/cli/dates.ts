import { UsageError } from "./exit-codes.js";

// ISO 8601 as the API takes it: a date, or a date-time with an optional offset.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Checks an `--from`/`--to` value and returns it unchanged (the server parses it); throws a UsageError otherwise. */
export function parseIsoDate(flag: string, value: string): string {
  const match = ISO.exec(value);
  // Date.parse alone accepts 2026-02-30 (rolls over to March): check the calendar too.
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const realDay = calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  if (!match || !realDay || Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `${flag} must be an ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z), got "${value}"`,
    );
  }
  return value;
}

/** Both ends given: the range must not run backwards. */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from && to && Date.parse(from) > Date.parse(to)) {
    throw new UsageError(`--from (${from}) is after --to (${to})`);
  }
}
