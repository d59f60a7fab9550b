/**
 * One way a live answer differs from the pinned spec, in words that are safe to print: the operation, where
 * (the status line, the media type, a header, or a JSON pointer into the body) and what the spec expects there.
 * Never a value from the answer: answers may hold personal data. `received` is a kind (`string`, `missing`,
 * `201`, `text/csv`), never content.
 */

export type DeviationPlace = "status" | "content-type" | "header" | "body";

export interface Deviation {
  /** `METHOD /path/template`, as the spec writes it. */
  operation: string;
  place: DeviationPlace;
  /** The header's name (`X-Request-Id`) or the RFC 6901 pointer into the body (`""` is the body itself). */
  at: string;
  /** What the spec (or the API's documentation, for headers) asks for there. */
  expected: string;
  /** What came instead, as a kind: a type, `missing`, a status code or a media type; never the value. */
  received: string;
}

/** `GET /v2/token body /emailVerified: expected string (date-time), got string`: one line, no value. */
export function deviationLine({ operation, place, at, expected, received }: Deviation): string {
  const where = place === "body" ? `body ${at || "(whole body)"}` : place === "header" ? `header ${at}` : place;
  return `${operation} ${where}: expected ${expected}, got ${received}`;
}
