import { describe, expect, expectTypeOf, it } from "vitest";
import { createLoyaltyDogClient, type ExportStatusResponse, type LoyaltyDogClient } from "../../src/index.js";
import { scriptedFetch } from "../support/stub-fetch.js";

// Checked by `npm run typecheck` (tsc over test/): every `@ts-expect-error` below must be an error, or the
// type-check fails ("unused directive"). The calls never run (the function is only referenced), so nothing is sent.
const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;

function misspelledKeys(client: LoyaltyDogClient) {
  return [
    // @ts-expect-error `bogus` is not a query parameter of the audit-log list
    client.GET("/v2/giftcards/audit-logs", { params: { query: { limit: 5, bogus: 1 } } }),
    // @ts-expect-error `bogus` is not a field of ExportRequest
    client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv", bogus: 1 } }),
    // @ts-expect-error `extra` is not a path parameter of the status route
    client.GET(STATUS, { params: { path: { task_id: "t", extra: 1 } } }),
    // @ts-expect-error a header the operation does not declare
    client.GET(STATUS, { params: { path: { task_id: "t" }, header: { "x-bogus": "1" } } }),
    // @ts-expect-error `parms` is not an init key (a typo of `params`)
    client.GET(STATUS, { parms: { path: { task_id: "t" } } }),
    // @ts-expect-error the same holds through `request`
    client.request("get", "/v2/giftcards/audit-logs", { params: { query: { limit: 5, bogus: 1 } } }),
    // @ts-expect-error a required path parameter is still required
    client.GET(STATUS, { params: { path: {} } }),
    // @ts-expect-error a route without that method
    client.DELETE("/v2/giftcards/audit-logs/export", {}),
    // Declared keys still compile, and so do the init's fetch keys and a variable holding extra keys (no freshness).
    client.GET("/v2/giftcards/audit-logs", {
      params: { query: { limit: 5, page: 2 } },
      signal: AbortSignal.timeout(1),
    }),
    client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } }),
    client.GET(STATUS, { params: { path: { task_id: "t" } }, headers: { "x-trace": "1" } }),
  ];
}

describe("raw calls reject misspelled keys at compile time", () => {
  it("is a type-level test (see the @ts-expect-error lines)", () => {
    expect(typeof misspelledKeys).toBe("function");
  });
});

describe("the result type follows throwOnError", () => {
  it("without it: data may be undefined and error may be set", () => {
    const client = createLoyaltyDogClient({ token: "t" });
    type Result = Awaited<ReturnType<typeof client.GET<typeof STATUS>>>;
    expectTypeOf<Result["data"]>().toEqualTypeOf<ExportStatusResponse | undefined>();
    expectTypeOf<Result["error"]>().not.toEqualTypeOf<undefined>();
    expectTypeOf(client).toEqualTypeOf<LoyaltyDogClient<false>>();
  });

  it("with it: data is always set and error is never, and the call throws instead", async () => {
    const stub = scriptedFetch([new Response(JSON.stringify({ detail: "nope" }), { status: 404 })]);
    const client = createLoyaltyDogClient({ token: "t", fetch: stub.fetch, throwOnError: true });
    expectTypeOf(client).toEqualTypeOf<LoyaltyDogClient<true>>();
    type Result = Awaited<ReturnType<typeof client.GET<typeof STATUS>>>;
    expectTypeOf<Result["data"]>().toEqualTypeOf<ExportStatusResponse>();
    expectTypeOf<Result["error"]>().toEqualTypeOf<undefined>();
    await expect(client.GET(STATUS, { params: { path: { task_id: "t" } } })).rejects.toMatchObject({ status: 404 });
  });

  it("a boolean only known at run time keeps the careful type", () => {
    const flag = Math.random() > 2;
    const client = createLoyaltyDogClient({ token: "t", throwOnError: flag });
    type Result = Awaited<ReturnType<typeof client.GET<typeof STATUS>>>;
    expectTypeOf<Result["data"]>().toEqualTypeOf<ExportStatusResponse | undefined>();
  });

  it("parseAs still picks the response type", () => {
    const client = createLoyaltyDogClient({ token: "t", throwOnError: true });
    type Text = Awaited<ReturnType<typeof client.GET<typeof STATUS, "text">>>;
    expectTypeOf<Text["data"]>().toEqualTypeOf<string>();
    const call = () => client.GET(STATUS, { params: { path: { task_id: "t" } }, parseAs: "text" });
    expectTypeOf<Awaited<ReturnType<typeof call>>["data"]>().toEqualTypeOf<string>();
  });
});
