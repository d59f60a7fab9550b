/**
 * Reading the filter and paging values the simulator acts on the way FastAPI (pydantic v2) reads them, so an
 * unparseable date or a page of 0 gets the 422 the real API sends instead of a silently wrong answer. Each reader
 * returns the value (or `undefined` when absent or refused) and records what it refused, so one answer can list
 * every problem, as FastAPI's does. Not a schema validator: only the fields a flow actually uses pass through here.
 */
import type { InputIssue } from "./input-errors.js";

type Loc = readonly (string | number)[];

export class InputReader {
  readonly issues: InputIssue[];

  /**
   * `seed`: what the spec's validators found (request-validation.ts). The reader is the authority for each value
   * it reads (it knows dates and pydantic's context), so reading a value drops the seeded issues at or under it;
   * the rest stay, so one answer still lists every problem.
   */
  constructor(seed: readonly InputIssue[] = []) {
    this.issues = [...seed];
  }

  /** Drops seeded issues at `loc` or inside it, before this reader judges the value there. */
  private claim(loc: Loc): void {
    const inside = (issue: InputIssue) => loc.every((part, i) => issue.loc[i] === part);
    for (let i = this.issues.length - 1; i >= 0; i--)
      if (inside(this.issues[i] as InputIssue)) this.issues.splice(i, 1);
  }

  /** An integer query value (`page`, `limit`): absent gives `fallback`; bounds as the spec's minimum/maximum. */
  integer(raw: string | undefined, loc: Loc, fallback: number, bounds: { ge?: number; le?: number } = {}): number {
    this.claim(loc);
    if (raw === undefined) return fallback;
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
      return this.refuse(
        fallback,
        "int_parsing",
        loc,
        "Input should be a valid integer, unable to parse string as an integer",
        raw,
      );
    }
    const value = Number(raw);
    if (bounds.ge !== undefined && value < bounds.ge) {
      return this.refuse(
        fallback,
        "greater_than_equal",
        loc,
        `Input should be greater than or equal to ${bounds.ge}`,
        raw,
        {
          ge: bounds.ge,
        },
      );
    }
    if (bounds.le !== undefined && value > bounds.le) {
      return this.refuse(fallback, "less_than_equal", loc, `Input should be less than or equal to ${bounds.le}`, raw, {
        le: bounds.le,
      });
    }
    return value;
  }

  /** An optional string (`anyOf: [string, null]`): null and absent are both "not given". */
  string(raw: unknown, loc: Loc, pattern?: RegExp): string | undefined {
    this.claim(loc);
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== "string")
      return this.refuse(undefined, "string_type", loc, "Input should be a valid string", raw);
    return pattern ? this.matching(raw, loc, pattern) : raw;
  }

  /** A required string query value, optionally held to the spec's `pattern`. */
  requiredString(raw: string | undefined, loc: Loc, pattern?: RegExp): string | undefined {
    this.claim(loc);
    if (raw === undefined) return this.refuse(undefined, "missing", loc, "Field required", null);
    return pattern ? this.matching(raw, loc, pattern) : raw;
  }

  private matching(raw: string, loc: Loc, pattern: RegExp): string | undefined {
    if (pattern.test(raw)) return raw;
    const message = `String should match pattern '${pattern.source}'`;
    return this.refuse(undefined, "string_pattern_mismatch", loc, message, raw, { pattern: pattern.source });
  }

  /** An optional list of strings (`anyOf: [array of string, null]`). */
  stringList(raw: unknown, loc: Loc): string[] | undefined {
    this.claim(loc);
    if (raw === undefined || raw === null) return undefined;
    if (!Array.isArray(raw)) return this.refuse(undefined, "list_type", loc, "Input should be a valid list", raw);
    const before = this.issues.length;
    const items = raw.map((item, index) => this.string(item, [...loc, index]) ?? "");
    return this.issues.length === before ? items : undefined;
  }

  /**
   * An optional `format: date-time` value, as epoch milliseconds. Accepts what pydantic accepts: an RFC 3339 /
   * ISO 8601 date-time (`T`, `t`, space or `_` between date and time; a time without an offset is taken as UTC,
   * the server's zone), a bare date (its midnight), or a Unix timestamp in text (seconds, or milliseconds past
   * 2e10): wider than RFC 3339, a departure listed in departures.ts. The spec types these fields as strings, so
   * a JSON number is refused as pydantic refuses one for a `str` field (`string_type`).
   */
  dateTime(raw: unknown, loc: Loc): number | undefined {
    this.claim(loc);
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== "string")
      return this.refuse(undefined, "string_type", loc, "Input should be a valid string", raw);
    const parsed = parseDateTime(raw);
    if (typeof parsed === "number") return parsed;
    const issue = dateTimeIssue(parsed);
    return this.refuse(undefined, issue.type, loc, issue.msg, raw, issue.ctx);
  }

  private refuse<T>(result: T, type: string, loc: Loc, msg: string, input: unknown, ctx?: Record<string, unknown>): T {
    this.issues.push({ type, loc: [...loc], msg, input, ...(ctx ? { ctx } : {}) });
    return result;
  }
}

function fromTimestamp(value: number): number {
  return Math.abs(value) > 2e10 ? value : value * 1000;
}

/** pydantic's words for a date-time it could not parse. */
function dateTimeIssue(parsed: DateTimeError): Pick<InputIssue, "type" | "msg" | "ctx"> {
  const [type, lead] = parsed.inDate
    ? ["datetime_from_date_parsing", "Input should be a valid datetime or date"]
    : ["datetime_parsing", "Input should be a valid datetime"];
  return { type, msg: `${lead}, ${parsed.error}`, ctx: { error: parsed.error } };
}

/**
 * The 422 entry for text the spec's `date-time` format (RFC 3339) refuses: pydantic's words where its parser
 * refuses it too, else the RFC's rule (an offset and seconds are required).
 */
export function dateTimeFormatIssue(text: string): Pick<InputIssue, "type" | "msg" | "ctx"> {
  const parsed = parseDateTime(text);
  if (typeof parsed !== "number") return dateTimeIssue(parsed);
  const error = "an RFC 3339 date-time with seconds and an offset is required";
  return { type: "datetime_parsing", msg: `Input should be a valid datetime, ${error}`, ctx: { error } };
}

interface DateTimeError {
  error: string;
  /** The problem is in the date part (pydantic then says "datetime or date"). */
  inDate: boolean;
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([zZ])|([+-])(\d{2}):?(\d{2}))?$/;

/** speedate's rules, with its error texts for the common mistakes. */
function parseDateTime(text: string): number | DateTimeError {
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return fromTimestamp(Number(text));
  const dateError = (error: string): DateTimeError => ({ error, inDate: true });
  if (text.length < 10) return dateError("input is too short");
  if (!/^\d{4}/.test(text)) return dateError("invalid character in year");
  if (text[4] !== "-") return dateError("invalid date separator, expected `-`");
  if (!/^\d{2}$/.test(text.slice(5, 7))) return dateError("invalid character in month");
  if (text[7] !== "-") return dateError("invalid date separator, expected `-`");
  if (!/^\d{2}$/.test(text.slice(8, 10))) return dateError("invalid character in day");
  const [year, month, day] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
  if (month < 1 || month > 12) return dateError("month value is outside expected range of 1-12");
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    return dateError("day value is outside expected range");
  }
  const midnight = Date.UTC(year, month - 1, day);
  if (text.length === 10) return midnight;
  if (!"Tt _".includes(text[10] as string)) return dateError("unexpected extra characters at the end of the input");
  const time = TIME.exec(text.slice(11));
  const timeError = (error: string): DateTimeError => ({ error, inDate: false });
  if (!time) return timeError(text.length < 16 ? "input is too short" : "invalid time or timezone");
  const [, hh, mm, ss, fraction, zulu, sign, offsetHours, offsetMinutes] = time;
  if (Number(hh) > 23) return timeError("hour value is outside expected range of 0-23");
  if (Number(mm) > 59) return timeError("minute value is outside expected range of 0-59");
  if (Number(ss ?? 0) > 59) return timeError("second value is outside expected range of 0-59");
  const offset =
    sign && !zulu ? (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000 : 0;
  const millis = Number(`0.${fraction ?? "0"}`) * 1000;
  return midnight + ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss ?? 0)) * 1000 + millis - offset;
}
