import { describe, expect, expectTypeOf, it } from "vitest";
import { createLoyaltyDogClient, type LoyaltyDogClient } from "../../src/index.js";
import { scriptedFetch } from "../support/stub-fetch.js";

// Checked by `npm run typecheck` (tsc over test/) and run by vitest: `withOptions` takes its type from what it is given.
const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;

describe("withOptions derives the client's type from its overrides", () => {
  const throwing = createLoyaltyDogClient({ token: "t", throwOnError: true });

  it("throwOnError: false on a throwing client gives the non-throwing type, and the calls return { error }", async () => {
    const stub = scriptedFetch([new Response(JSON.stringify({ detail: "nope" }), { status: 404 })]);
    const relaxed = throwing.withOptions({ throwOnError: false, fetch: stub.fetch });
    expectTypeOf(relaxed).toEqualTypeOf<LoyaltyDogClient<false>>();
    const result = await relaxed.GET(STATUS, { params: { path: { task_id: "t" } } });
    // Never called: the line is for the compiler. `data` may be undefined on a non-throwing client (the bug: this
    // compiled, and threw a TypeError at run time).
    // @ts-expect-error 'result.data' is possibly 'undefined'
    const readsWithoutCheck = () => result.data.status;
    expect(typeof readsWithoutCheck).toBe("function");
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ detail: "nope" });
  });

  it("throwOnError: true on a default client gives the throwing type", () => {
    expectTypeOf(createLoyaltyDogClient({ token: "t" }).withOptions({ throwOnError: true })).toEqualTypeOf<
      LoyaltyDogClient<true>
    >();
  });

  it("overrides that leave throwOnError out keep the client's type; undefined is the default (false)", () => {
    expectTypeOf(throwing.withOptions({ timeoutMs: 5_000 })).toEqualTypeOf<LoyaltyDogClient<true>>();
    expectTypeOf(throwing.withOptions({})).toEqualTypeOf<LoyaltyDogClient<true>>();
    expectTypeOf(throwing.withOptions({ throwOnError: undefined })).toEqualTypeOf<LoyaltyDogClient<false>>();
  });

  it("a boolean known only at run time gives a client that may do either", () => {
    const flag = Math.random() > 2;
    expectTypeOf(throwing.withOptions({ throwOnError: flag })).toEqualTypeOf<LoyaltyDogClient<boolean>>();
  });
});
