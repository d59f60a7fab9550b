/**
 * The response headers LoyaltyDog documents outside the spec (API-NOTES, the README's "Rate limits"): the spec
 * declares none, yet the SDK relies on these. `X-Request-Id` on every answer, 1 to 128 of `A-Za-z0-9._-`; the
 * `X-RateLimit-Limit` / `-Remaining` / `-Reset` trio, when an answer carries any of it, complete and numeric
 * (Reset in epoch seconds), because the rate limiter reads them together. (The spec declares no response header.)
 */
import { REQUEST_ID } from "../core/http/request-id.js";
import type { Deviation } from "./deviation.js";

const RATE_LIMIT = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"] as const;
const WHOLE = /^\d+$/;
const EPOCH_SECONDS = /^\d+(\.\d+)?$/;

export function checkDocumentedHeaders(operation: string, headers: Headers): Deviation[] {
  const deviations: Deviation[] = [];
  const deviate = (at: string, expected: string, received: string) =>
    deviations.push({ operation, place: "header", at, expected, received });

  const requestId = headers.get("x-request-id");
  if (requestId === null) deviate("X-Request-Id", "present on every answer", "missing");
  else if (!REQUEST_ID.test(requestId)) deviate("X-Request-Id", "1 to 128 of A-Za-z0-9._-", "other characters");

  if (RATE_LIMIT.some((name) => headers.has(name))) {
    for (const name of RATE_LIMIT) {
      const value = headers.get(name);
      const format = name === "X-RateLimit-Reset" ? EPOCH_SECONDS : WHOLE;
      const shape = name === "X-RateLimit-Reset" ? "epoch seconds" : "a whole number";
      if (value === null) deviate(name, `present with the rest of the X-RateLimit-* trio (${shape})`, "missing");
      else if (!format.test(value.trim())) deviate(name, shape, "not a number");
    }
  }
  return deviations;
}
