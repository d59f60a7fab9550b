import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type ApiErrorEnvelope,
  createLoyaltyDogClient,
  type FastApiErrorDetail,
  type HTTPValidationError,
  NotFoundError,
  type UserRead,
  unwrap,
} from "../../src/index.js";
import { createLoyaltyDogSimulator, DEFAULT_SIMULATOR_TOKEN } from "../../src/testing/index.js";

// The raw calls' `error` is typed as the API sends it: the spec's error schema, the `ld_*` keys' envelope,
// FastAPI's plain `{detail}`, or the text of a non-JSON body. Checked by `npm run typecheck` (tsc over test/) and run.

describe("raw calls type `error` as the API sends it", () => {
  it("is the union of the spec's error body, the ld_ envelope and FastAPI's detail", async () => {
    const sim = createLoyaltyDogSimulator();
    const client = createLoyaltyDogClient({
      token: "ld_test_not_a_known_key",
      baseUrl: sim.baseUrl,
      fetch: sim.fetch,
      maxRetries: 0,
    });
    const { data, error, response } = await client.GET("/v2/token");
    // Each shape the API sends is a possible `error`, and nothing else is.
    type Sent = HTTPValidationError | ApiErrorEnvelope | FastApiErrorDetail | undefined;
    expectTypeOf(error).toExtend<Sent>();
    expectTypeOf<ApiErrorEnvelope>().toExtend<typeof error>();
    expectTypeOf<FastApiErrorDetail>().toExtend<typeof error>();
    expectTypeOf<HTTPValidationError>().toExtend<typeof error>();
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    // The envelope's fields compile after narrowing, and hold what the simulator (as the API) sent.
    if (typeof error === "object" && "code" in error) {
      expectTypeOf(error.code).toEqualTypeOf<string>();
      expectTypeOf(error.message).toEqualTypeOf<string>();
      expectTypeOf(error.request_id).toEqualTypeOf<string>();
      expect(error.code).toBe("unauthorized");
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.request_id).toBe(response.headers.get("x-request-id"));
    } else {
      expect.unreachable(`expected the ld_ envelope, got ${JSON.stringify(error)}`);
    }

    // A JWT caller gets FastAPI's `{detail}`: the same union covers it.
    const jwt = createLoyaltyDogClient({
      token: "eyJhbGciOiJIUzI1NiJ9.unknown.sig",
      baseUrl: sim.baseUrl,
      fetch: sim.fetch,
      maxRetries: 0,
    });
    const denied = await jwt.GET("/v2/token");
    if (typeof denied.error === "object" && "detail" in denied.error && typeof denied.error.detail === "string") {
      expect(denied.error.detail.length).toBeGreaterThan(0);
    } else {
      expect.unreachable(`expected FastAPI's detail, got ${JSON.stringify(denied.error)}`);
    }
  });

  it("keeps openapi-fetch's `if (error) throw error` narrowing `data` (no falsy member in the union)", async () => {
    const sim = createLoyaltyDogSimulator();
    const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, baseUrl: sim.baseUrl, fetch: sim.fetch });
    const { data, error } = await client.GET("/v2/token");
    if (error) throw new Error("unexpected error");
    expectTypeOf(data).toEqualTypeOf<UserRead>();
    expect(typeof data.email).toBe("string");
  });

  it("leaves unwrap, the typed errors and throwOnError clients as they were", async () => {
    const sim = createLoyaltyDogSimulator();
    const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, baseUrl: sim.baseUrl, fetch: sim.fetch });
    expectTypeOf(unwrap(await client.GET("/v2/token"))).toEqualTypeOf<UserRead>();
    const missing = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
      params: { path: { task_id: "no-such-task" } },
    });
    expect(() => unwrap(missing)).toThrow(NotFoundError);
    const throwing = createLoyaltyDogClient({
      token: DEFAULT_SIMULATOR_TOKEN,
      baseUrl: sim.baseUrl,
      fetch: sim.fetch,
      throwOnError: true,
    });
    const result = await throwing.GET("/v2/token");
    expectTypeOf(result.error).toEqualTypeOf<undefined>();
    expectTypeOf(result.data).toEqualTypeOf<UserRead>();
  });
});
