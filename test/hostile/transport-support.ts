import { expect } from "vitest";
import { LoyaltyDogError } from "../../src/index.js";
import { rejectionOf, renderings } from "./support.js";

export { rejectionOf as rejection };

export const TOKEN = "ld_test_HOSTILE_SECRET_TOKEN";
export const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;
export const params = { path: { task_id: "t1" } };

/** A typed error of the SDK's hierarchy, with no secret (or any other text given) in any rendering. */
export function expectTypedAndClean(
  error: unknown,
  Class: abstract new (...args: never[]) => Error,
  ...secrets: string[]
) {
  expect(error).toBeInstanceOf(Class);
  expect(error).toBeInstanceOf(LoyaltyDogError);
  for (const text of renderings(error)) for (const secret of [TOKEN, ...secrets]) expect(text).not.toContain(secret);
}
