/**
 * The string formats the spec uses, checked the way JSON Schema validators
 * with format assertion (ajv-formats, Prism) check them, so `validate: "throw"`
 * sees a date that drifted from RFC 3339 and the testing kit's samples pass an
 * independent validator. Kept to a few regexes: these ship in the
 * `/validate` entry, and a full URI or e-mail grammar would cost more bytes
 * than the whole validator table.
 *
 * - `date-time`: RFC 3339 `date-time` (an offset or `Z` is required; `T`, `t`
 *   or a space between date and time; a leap second `:60` is allowed).
 * - `date`: RFC 3339 `full-date`, with the day checked against its month.
 * - `email`: the dot-atom address ajv-formats' "full" mode accepts (quoted
 *   local parts and IP-literal domains are not).
 * - `uri`: an absolute URI (a scheme, then no whitespace, controls or
 *   characters RFC 3986 never allows); looser than RFC 3986 on purpose: a
 *   false alarm on a URL the server produced would break a working integration.
 *
 * `phone` (used by the spec without a pattern) names no standard rule, so it
 * is not checked; neither is any other format name.
 */
import { check } from "valibot";

export type StringFormat = "date-time" | "date" | "email" | "uri";

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: controls are what it refuses
const URI = /^[a-z][a-z0-9+.-]*:[^\s\u0000-\u001f\u007f"<>\\^`{|}]*$/i;

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/** Whether `text` is in `format`. */
export const STRING_FORMATS: Readonly<Record<StringFormat, (text: string) => boolean>> = {
  "date-time": (text) => isDate(text.slice(0, 10)) && /^[Tt ]$/.test(text.charAt(10)) && TIME.test(text.slice(11)),
  date: isDate,
  email: (text) => EMAIL.test(text),
  uri: (text) => URI.test(text),
};

/** Whether the generated validators check `format` (the rest are annotations to them). */
export function isCheckedFormat(format: unknown): format is StringFormat {
  return typeof format === "string" && Object.hasOwn(STRING_FORMATS, format);
}

/**
 * The valibot action the generated validators put in a string's pipe: a `check` whose issue says
 * `type: "format"` and `expected: <format name>`, so what reports it (schema-mismatch.ts, the simulator's 422)
 * can name the format without quoting the value.
 */
/* @__NO_SIDE_EFFECTS__ */
export function stringFormat(format: StringFormat) {
  return { ...check<string>(STRING_FORMATS[format]), type: "format" as const, expects: format };
}
