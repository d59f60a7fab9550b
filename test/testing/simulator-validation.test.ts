import { safeParse } from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationValidators } from "../../generated/validators.js";
import { createLoyaltyDogClient, UnprocessableEntityError } from "../../src/index.js";
import { DEFAULT_SIMULATOR_TOKEN } from "../../src/testing/index.js";
import { SIMULATED_INPUTS } from "../../src/testing/simulator/simulated-inputs.js";
import { type JsonResponse, listenMsw, mswServer, type Running, start, type Transport } from "./transports.js";

beforeAll(() => listenMsw());
afterAll(() => mswServer.close());

// A JWT app key gets FastAPI's `detail` list; a hashed `ld_*` key the envelope.
const JWT = "eyJhbGciOiJIUzI1NiJ9.simulator.signature";
const jwt = { authorization: `Bearer ${JWT}` };

/** The body matches the spec's own 422 schema for that operation, checked with the generated validator. */
function expectSpecShaped422(operation: string, body: unknown): void {
  const schema = operationValidators[operation]?.responses?.["422"];
  expect(schema, `${operation} declares a 422`).toBeDefined();
  expect(safeParse(schema!, body).issues).toBeUndefined();
}

describe.each<Transport>(["msw", "http"])("simulator refuses requests that break the spec, over %s", (transport) => {
  let run: Running;
  beforeAll(async () => {
    run = await start(transport, { tokens: [DEFAULT_SIMULATOR_TOKEN, JWT] });
  });
  afterAll(async () => run?.close());

  it("answers a bad query with FastAPI's detail list, every parameter reported", async () => {
    const response = await run.call("GET", "/v2/giftcards/audit-logs?page=abc&limit=500&action=a&action=b", {
      headers: jwt,
    });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body).toEqual({
      detail: [
        {
          type: "int_parsing",
          loc: ["query", "page"],
          msg: "Input should be a valid integer, unable to parse string as an integer",
          input: "abc",
        },
        {
          type: "less_than_equal",
          loc: ["query", "limit"],
          msg: "Input should be less than or equal to 200",
          input: "500",
          ctx: { le: 200 },
        },
      ],
    });
    expectSpecShaped422("GET /v2/giftcards/audit-logs", body);
  });

  it("answers 422 on every simulated route whose body properties break the spec, whatever the route", async () => {
    // From the tables, not today's spec: every body property the simulator knows of, given a value no schema of
    // a string, number, boolean or list of those accepts. Each route must answer the validators' 422, whether its
    // flow reads its own inputs or not.
    const withBodies = Object.entries(SIMULATED_INPUTS).filter(
      ([op, inputs]) => inputs.body && Object.keys(inputs.body).length > 0 && operationValidators[op]?.requestBody,
    );
    expect(withBodies.length).toBeGreaterThan(0);
    for (const [operation, inputs] of withBodies) {
      const [method, template] = operation.split(" ") as [string, string];
      const path = template.replace(/\{[^}]+\}/g, "sim-id");
      const body = Object.fromEntries(Object.keys(inputs.body ?? {}).map((name) => [name, [[[]]]]));
      const response = await run.call(method, path, { headers: jwt, body });
      expect(response.status, operation).toBe(422);
      const answer = await response.json();
      expectSpecShaped422(operation, answer);
      expect(
        (answer as { detail: { loc: unknown[] }[] }).detail.some((issue) => issue.loc[0] === "body"),
        operation,
      ).toBe(true);
    }
  });

  it("answers a bad JSON body field by field, and malformed JSON as json_invalid", async () => {
    const bad = await run.call("POST", "/v2/giftcards/gdpr/export", {
      headers: jwt,
      body: { format: "xml", customerEmail: 42 },
    });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.detail).toEqual([
      { type: "string_type", loc: ["body", "customerEmail"], msg: "Input should be a valid string", input: 42 },
      {
        type: "string_pattern_mismatch",
        loc: ["body", "format"],
        msg: "String should match pattern '^(json|csv)$'",
        input: "xml",
      },
    ]);
    expectSpecShaped422("POST /v2/giftcards/gdpr/export", body);

    const missing = await run.call("POST", "/v2/giftcards/gdpr/export", { headers: jwt, body: {} });
    expect((await missing.json()).detail).toEqual([
      { type: "missing", loc: ["body", "format"], msg: "Field required", input: null },
    ]);

    const malformed: JsonResponse = await fetch(`${run.apiUrl}/v2/giftcards/gdpr/export`, {
      method: "POST",
      headers: { ...jwt, "content-type": "application/json" },
      body: '{"format": "csv",',
    });
    expect(malformed.status).toBe(422);
    expect((await malformed.json()).detail).toEqual([
      { type: "json_invalid", loc: ["body", expect.any(Number)], msg: "JSON decode error", input: {} },
    ]);
  });

  it("refuses what the spec refuses: a string format, and a number where the spec types a string", async () => {
    const email = await run.call("POST", "/v2/giftcards/gdpr/export", {
      headers: jwt,
      body: { format: "json", customerEmail: "not-an-email" },
    });
    expect(email.status).toBe(422);
    const emailBody = await email.json();
    expect(emailBody.detail).toEqual([
      {
        type: "value_error",
        loc: ["body", "customerEmail"],
        msg: "value is not a valid email address: An email address must have an @-sign.",
        input: "not-an-email",
      },
    ]);
    expectSpecShaped422("POST /v2/giftcards/gdpr/export", emailBody);

    // A route that reads its own inputs (dates) still refuses a number for a string field, with every problem.
    const analytics = "POST /v2/giftcards/programs/{programId}/analytics/export";
    const number = await run.call("POST", "/v2/giftcards/programs/p1/analytics/export", {
      headers: jwt,
      body: { period: "custom", from: 5, to: "2025-01-31" },
    });
    expect(number.status).toBe(422);
    const numberBody = await number.json();
    expect(numberBody.detail).toEqual([
      { type: "string_type", loc: ["body", "from"], msg: "Input should be a valid string", input: 5 },
    ]);
    expectSpecShaped422(analytics, numberBody);

    // Hashed keys: the same refusals in the envelope.
    const envelope = await run.call("POST", "/v2/giftcards/gdpr/export", {
      body: { format: "json", customerEmail: "a@b" },
    });
    expect(envelope.status).toBe(422);
    expect(await envelope.json()).toEqual({
      code: "validation_error",
      message: "body.customerEmail: value is not a valid email address: The part after the @-sign is not valid.",
      request_id: envelope.headers.get("x-request-id"),
    });

    // What the spec accepts still goes through.
    const fine = await run.call("POST", "/v2/giftcards/gdpr/export", {
      headers: jwt,
      body: { format: "json", customerEmail: "ada@example.com" },
    });
    expect(fine.status).toBe(200);
  });

  it("gives hashed keys the envelope, with the request id", async () => {
    const response = await run.call("GET", "/v2/giftcards/audit-logs?limit=0");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      code: "validation_error",
      message: "query.limit: Input should be greater than or equal to 1",
      request_id: response.headers.get("x-request-id"),
    });
  });

  it("lets a request the spec accepts through to the route", async () => {
    const ok = await run.call("GET", "/v2/giftcards/audit-logs?page=2&limit=10", { headers: jwt });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ page: 2, limit: 10 });
  });

  it("fails a consumer's call the way the real API would: a typed 422 with the issues", async () => {
    const client = createLoyaltyDogClient({ token: JWT, baseUrl: run.apiUrl, throwOnError: true, maxRetries: 0 });
    const error = await client
      .POST("/v2/giftcards/gdpr/export", { body: { format: "pdf" as "csv" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).issues).toEqual([
      expect.objectContaining({ loc: ["body", "format"], type: "string_pattern_mismatch" }),
    ]);
  });
});
