import { setupServer } from "msw/node";
import { safeParse } from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { operationValidators } from "../../generated/validators.js";
import { createLoyaltyDogClient } from "../../src/index.js";
import { allHandlers, createLoyaltyDogHttp, defaultHandlers, fixtures, sampleAnswer } from "../../src/testing/index.js";

const server = setupServer(...allHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("allHandlers", () => {
  it("is deterministic per seed, and another seed gives other data", () => {
    const typed = operations
      .map((op) => `${op.method} ${op.path}`)
      .filter((operation) => operationValidators[operation]?.responses?.["200"]);
    const some = typed.slice(0, 10);
    expect(some.map((o) => sampleAnswer(o, 1))).toEqual(some.map((o) => sampleAnswer(o, 1)));
    expect(some.map((o) => sampleAnswer(o, 2))).not.toEqual(some.map((o) => sampleAnswer(o, 1)));
    for (const operation of some) {
      const schema = operationValidators[operation]?.responses?.["200"];
      for (const seed of [2, 3, 99]) expect(safeParse(schema!, sampleAnswer(operation, seed).body).success).toBe(true);
    }
  });

  it("lets a test override one operation, as with defaultHandlers", async () => {
    const client = createLoyaltyDogClient({ token: "ld_test_all_operations" });
    const loyaltyDog = createLoyaltyDogHttp();
    server.use(
      loyaltyDog.get("/v2/token", ({ response }) => response(200).json(fixtures.userRead({ name: "Override" }))),
    );
    expect((await client.GET("/v2/token")).data?.name).toBe("Override");
    // Composed after defaultHandlers, the hand-written flows win and every other operation still answers.
    server.resetHandlers(...defaultHandlers(), ...allHandlers({ seed: 5 }));
    expect((await client.GET("/v2/token")).data).toEqual(fixtures.userRead());
    const other = await client.GET("/v2/giftcards/programs/{programId}/analytics/overview", {
      params: { path: { programId: "p1" } },
    });
    expect(other.response.status).toBe(200);
  });

  it("refuses a seed that is not an integer and an operation the spec lacks", () => {
    expect(() => allHandlers({ seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => sampleAnswer("GET /v2/nope")).toThrow(/no operation/);
  });
});
