import { inspect } from "node:util";
import { expect } from "vitest";
import { LoyaltyDogError } from "../../src/index.js";

export const TOKEN = "ld_test_HOSTILE_SECRET_TOKEN";
export const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;
export const params = { path: { task_id: "t1" } };

/** Every way an error gets printed: none may throw, none may hold a secret. */
export function renderings(error: unknown): string[] {
  const e = error as Error;
  return [String(error), `${error}`, e.message, e.stack ?? "", JSON.stringify(error), inspect(error, { depth: 8 })];
}

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

export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
