import { describe, expect, it } from "vitest";
import { APIConnectionError, createLoyaltyDogClient } from "../../src/index.js";

// A browser answers `redirect: "manual"` with an opaque redirect: no status, no Location. The SDK then lets the
// browser follow, and must not hand it the X-Eposn-* tokens, which the browser would forward to any origin
// (the runtime matrix saw Chromium do it). Node cannot make an opaque redirect, so a stub fetch plays the browser.
describe("following a browser's opaque redirect", () => {
  it("re-sends a replay-safe request with redirect: follow, the same body, and no X-Eposn-* tokens", async () => {
    const calls: { request: Request; init: RequestInit | undefined; body: string }[] = [];
    const browserFetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = input as Request;
      calls.push({ request, init, body: await request.clone().text() });
      if (calls.length === 1) {
        // What a browser returns: type "opaqueredirect" (its status is 0, which a Response here cannot have).
        return Object.defineProperty(new Response(null), "type", { value: "opaqueredirect" });
      }
      return Response.json({ taskId: "t1", status: "pending" }, { status: 202 });
    };
    const client = createLoyaltyDogClient({
      token: "ld_test_SECRET",
      merchantToken: "m-SECRET",
      customerToken: "c-SECRET",
      baseUrl: "https://api.example.test",
      fetch: browserFetch as typeof fetch,
    });
    // With a key the call is replay-safe, so its body is kept and can follow the browser.
    const { data } = await client.POST("/v2/giftcards/audit-logs/export", {
      body: { format: "csv" },
      idempotencyKey: "k-1",
    });
    expect(data?.taskId).toBe("t1");
    expect(calls).toHaveLength(2);
    const [first, followed] = calls;
    expect(first?.init?.redirect).toBe("manual");
    expect(first?.request.headers.get("x-eposn-merchant-token")).toBe("m-SECRET");
    expect(followed?.init?.redirect).toBe("follow");
    expect(followed?.request.method).toBe("POST");
    expect(followed?.body).toBe(first?.body);
    expect(followed?.request.headers.get("x-eposn-merchant-token")).toBeNull();
    expect(followed?.request.headers.get("x-eposn-customer-token")).toBeNull();
    // The browser itself drops Authorization on a cross-origin hop and keeps it on a same-origin one.
    expect(followed?.request.headers.get("authorization")).toBe("Bearer ld_test_SECRET");
  });

  it("refuses, typed, when the body was streamed (not replay-safe): a hidden 307 would need it again", async () => {
    let calls = 0;
    const browserFetch = async (): Promise<Response> => {
      calls++;
      return Object.defineProperty(new Response(null), "type", { value: "opaqueredirect" });
    };
    const client = createLoyaltyDogClient({
      token: "ld_test_SECRET",
      baseUrl: "https://api.example.test",
      fetch: browserFetch as typeof fetch,
    });
    const error = await client
      .POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain("the body was streamed");
    expect(calls).toBe(1);
  });
});
