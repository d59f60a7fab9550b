import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import * as sdk from "../../src/index.js";
import { json, scriptedFetch } from "../support/stub-fetch.js";

const { createLoyaltyDogClient, unwrap } = sdk;
const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;

async function errorFor(response: Response, options: { token?: string } = {}) {
  const stub = scriptedFetch([response]);
  const client = createLoyaltyDogClient({ token: options.token ?? "ld_test_secret", fetch: stub.fetch, maxRetries: 0 });
  const result = await client.GET(STATUS, { params: { path: { task_id: "t" } } });
  try {
    unwrap(result);
  } catch (error) {
    return error as sdk.APIError;
  }
  throw new Error("expected an error");
}

describe("typed errors", () => {
  it.each([
    [400, sdk.BadRequestError, "bad_request"],
    [401, sdk.AuthenticationError, "unauthorized"],
    [402, sdk.SubscriptionInactiveError, "api_subscription_inactive"],
    [403, sdk.PermissionDeniedError, "forbidden"],
    [404, sdk.NotFoundError, "not_found"],
    [409, sdk.ConflictError, "conflict"],
    [422, sdk.UnprocessableEntityError, "validation_error"],
    [429, sdk.RateLimitError, "rate_limited"],
    [500, sdk.InternalServerError, "internal_error"],
    [503, sdk.InternalServerError, "unavailable"],
    [418, sdk.APIError, "teapot"],
  ])("maps %i with the envelope body to %o", async (status, Class, code) => {
    const error = await errorFor(json(status, { code, message: `it was ${code}`, request_id: "req_env" }));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(sdk.APIError);
    expect(error).toBeInstanceOf(sdk.LoyaltyDogError);
    expect(error).toMatchObject({ status, code, requestId: "req_env", method: "GET" });
    expect(error.message).toBe(`${status} ${code}: it was ${code} (GET /v2/giftcards/audit-logs/export/t)`);
  });

  it("reads FastAPI bodies: detail string and the 422 detail list", async () => {
    const notFound = await errorFor(json(404, { detail: "Export task not found" }, { "x-request-id": "req_hdr" }));
    expect(notFound).toBeInstanceOf(sdk.NotFoundError);
    expect(notFound.message).toMatch(/404: Export task not found/);
    expect(notFound.requestId).toBe("req_hdr");
    expect(notFound.code).toBeUndefined();

    const detail = [{ loc: ["body", "format"], msg: "Input should be 'csv' or 'json'", type: "literal_error" }];
    const invalid = (await errorFor(json(422, { detail }))) as sdk.UnprocessableEntityError;
    expect(invalid.issues).toEqual(detail);
    expect(invalid.message).toMatch(/body\.format: Input should be 'csv' or 'json'/);
  });

  it("names the missing scope on 403", async () => {
    const error = (await errorFor(
      json(403, { code: "forbidden", message: "Missing scope: giftcards:export", request_id: "r" }),
    )) as sdk.PermissionDeniedError;
    expect(error.missingScope).toBe("giftcards:export");
  });

  it("still gives a useful error for HTML, text and empty bodies", async () => {
    const html = await errorFor(
      new Response("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", {
        status: 502,
        headers: { "content-type": "text/html" },
      }),
    );
    expect(html).toBeInstanceOf(sdk.InternalServerError);
    expect(html.message).toMatch(/^502: 502 Bad Gateway \(HTML error page\)/);
    const text = await errorFor(new Response("upstream connect error", { status: 503 }));
    expect(text.message).toMatch(/^503: upstream connect error/);
    const empty = await errorFor(new Response(null, { status: 404 }));
    expect(empty).toBeInstanceOf(sdk.NotFoundError);
    expect(empty.message).toMatch(/^404: Not Found/);
  });

  it("exposes RateLimitError fields", async () => {
    const error = (await errorFor(
      json(429, { code: "rate_limited", message: "slow down" }, { "retry-after": "7" }),
    )) as sdk.RateLimitError;
    expect(error.retryAfterMs).toBe(7000);
    expect(error.quotaExhausted).toBe(false);
  });

  it("makes raw calls throw with throwOnError", async () => {
    const stub = scriptedFetch([json(404, { detail: "nope" })]);
    const client = createLoyaltyDogClient({ token: "t", fetch: stub.fetch, throwOnError: true });
    await expect(client.GET(STATUS, { params: { path: { task_id: "t" } } })).rejects.toBeInstanceOf(sdk.NotFoundError);
  });

  it("exports every error class from the package root", () => {
    for (const name of [
      "LoyaltyDogError",
      "APIError",
      "BadRequestError",
      "AuthenticationError",
      "SubscriptionInactiveError",
      "PermissionDeniedError",
      "NotFoundError",
      "ConflictError",
      "UnprocessableEntityError",
      "RateLimitError",
      "InternalServerError",
      "APIConnectionError",
      "APIConnectionTimeoutError",
      "InvalidArgumentError",
    ]) {
      expect(typeof (sdk as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});

describe("secrets stay out of errors and logs", () => {
  const TOKEN = "ld_live_SUPERSECRET123";
  const MERCHANT = "merchant-session-SECRET";

  it("an error from a call that carried tokens does not contain them, however it is printed", async () => {
    const stub = scriptedFetch([json(401, { detail: "bad token" })]);
    const lines: string[] = [];
    const logger = {
      error: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      warn: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      info: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
      debug: (m: string, f?: object) => lines.push(m + JSON.stringify(f)),
    };
    const client = createLoyaltyDogClient({
      token: TOKEN,
      merchantToken: MERCHANT,
      fetch: stub.fetch,
      logger,
      logLevel: "debug",
    });
    const result = await client.GET(STATUS, { params: { path: { task_id: "t" } } });
    expect(stub.seen[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    const error = (() => {
      try {
        unwrap(result);
      } catch (e) {
        return e as sdk.APIError;
      }
    })();
    expect(error).toBeInstanceOf(sdk.AuthenticationError);
    const renderings = [String(error), error?.stack, JSON.stringify(error), inspect(error, { depth: 10 }), ...lines];
    for (const text of renderings) {
      expect(text).not.toContain("SUPERSECRET");
      expect(text).not.toContain("merchant-session");
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^loyaltydog GET \/v2\/giftcards\/audit-logs\/export\/t 401 \d+ms attempt=1 request_id=/);
  });

  it("redacts presigned-URL signatures in connection errors", async () => {
    const stub = scriptedFetch([new TypeError("fetch failed")]);
    const client = createLoyaltyDogClient({
      token: TOKEN,
      fetch: stub.fetch,
      maxRetries: 0,
      baseUrl: "https://api.loyalty.dog",
    });
    const error = (await client
      // A signature in the query, as a presigned URL carries one: it must not survive into the error.
      .GET("/v2/giftcards/audit-logs", {
        params: { query: { merchantId: "m", "X-Amz-Signature": "SUPERSECRET_SIG" } as never },
      })
      .catch((e: unknown) => e)) as sdk.APIConnectionError;
    expect(stub.seen[0]?.url).toContain("SUPERSECRET_SIG");
    expect(error).toBeInstanceOf(sdk.APIConnectionError);
    expect(error.url).toContain("X-Amz-Signature=[redacted]");
    expect(inspect(error)).not.toContain("SUPERSECRET");
    expect(JSON.stringify(error)).not.toContain("SUPERSECRET");
  });
});
