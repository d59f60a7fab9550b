// A call per operation of the pinned spec, through MSW with as many handlers, takes seconds here: `npm run test:slow`.
import { setupServer } from "msw/node";
import { safeParse } from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { operationValidators } from "../../generated/validators.js";
import { createLoyaltyDogClient } from "../../src/index.js";
import { allHandlers, sampleAnswer } from "../../src/testing/index.js";
import { sampleOf, seededRandom } from "../../src/testing/schema-sample.js";

const server = setupServer(...allHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

type Call = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown; response: Response }>;

/** Path ids, required query values and a JSON body that the spec's own validators would accept. */
function requestFor(operation: string, pathParams: readonly string[]): Record<string, unknown> {
  const validators = operationValidators[operation];
  const random = seededRandom(7);
  const path = Object.fromEntries(pathParams.map((name) => [name, `${name}-1`]));
  const query = validators?.query ? sampleOf(validators.query, random) : undefined;
  const body = validators?.requestBody ? sampleOf(validators.requestBody, random) : undefined;
  return { params: { path, ...(query ? { query } : {}) }, ...(body === undefined ? {} : { body }) };
}

describe("allHandlers, every operation", () => {
  it("answers every operation in the spec through the client, typed answers valid against the spec", async () => {
    const client = createLoyaltyDogClient({ token: "ld_test_all_operations" });
    let typed = 0;
    for (const op of operations) {
      const operation = `${op.method} ${op.path}`;
      const call = (client as unknown as Record<string, Call>)[op.method] as Call;
      const { data, response } = await call(op.path, requestFor(operation, op.pathParams));
      const status = String(response.status);
      expect(op.successCodes, operation).toContain(status);
      const schema = operationValidators[operation]?.responses?.[status];
      if (schema) {
        typed++;
        const result = safeParse(schema, data);
        expect(result.issues, operation).toBeUndefined();
        expect(data, operation).toEqual(sampleAnswer(operation).body);
      } else {
        expect(data, operation).toEqual({});
      }
    }
    // Whether the pinned spec leaves any answer untyped is the spec's business; that typed ones exist is this test's.
    expect(typed).toBeGreaterThan(0);
    expect(operations.length).toBeGreaterThan(0);
  });
});
