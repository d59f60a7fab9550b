import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { type AuditLogPage, createLoyaltyDogClient, type UserRead } from "../../src/index.js";
import { createLoyaltyDogHttp, defaultHandlers, fixtures } from "../../src/testing/index.js";

// What a consuming team writes: their code under test uses the SDK client; the kit answers.
const server = setupServer(...defaultHandlers());
const loyaltyDog = createLoyaltyDogHttp();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createLoyaltyDogClient({ token: "ld_test_consumer" });

describe("defaultHandlers", () => {
  it("answers GET /v2/token with a UserRead", async () => {
    const { data, error } = await client.GET("/v2/token");
    expect(error).toBeUndefined();
    expect(data).toEqual(fixtures.userRead());
    expectTypeOf(data).toEqualTypeOf<UserRead | undefined>();
  });

  it("pages the audit log and refuses limit > 200", async () => {
    const page3 = await client.GET("/v2/giftcards/audit-logs", { params: { query: { page: 3, limit: 50 } } });
    expect(page3.data).toMatchObject({ total: 120, page: 3, pages: 3, limit: 50 });
    expect(page3.data?.items).toHaveLength(20);
    expectTypeOf(page3.data).toEqualTypeOf<AuditLogPage | undefined>();
    const tooMany = await client.GET("/v2/giftcards/audit-logs", { params: { query: { limit: 201 } } });
    expect(tooMany.response.status).toBe(422);
  });

  it("runs the export flow to a downloadable file on another origin", async () => {
    const started = await client.POST("/v2/giftcards/audit-logs/export", { body: {} });
    expect(started.response.status).toBe(202);
    const taskId = started.data?.taskId ?? "";
    const status = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
      params: { path: { task_id: taskId } },
    });
    expect(status.data?.status).toBe("success");
    const url = new URL(status.data?.downloadUrl ?? "");
    expect(url.origin).not.toBe("https://api.loyalty.dog");
    const file = await fetch(url);
    expect(await file.text()).toMatch(/^id,action\n/);
  });

  it("issues small batches synchronously and large ones as a task", async () => {
    const small = await client.POST("/v2/giftcards/programs/{programId}/cards/bulk", {
      params: { path: { programId: "p1" } },
      body: { initialValue: 25, count: 3 },
    });
    expect(small.response.status).toBe(201);
    expect(small.data).toMatchObject({ issuedCount: 3 });
    const large = await client.POST("/v2/giftcards/programs/{programId}/cards/bulk", {
      params: { path: { programId: "p1" } },
      body: { initialValue: 25, count: 500 },
    });
    expect(large.response.status).toBe(202);
    expect(large.data).toMatchObject({ status: "pending" });
  });

  it("lets a test override one call with a typed handler", async () => {
    server.use(
      loyaltyDog.get("/v2/giftcards/audit-logs/export/{task_id}", ({ params, response }) =>
        response(200).json({ taskId: params.task_id, status: "failure", error: "disk full" }),
      ),
    );
    const { data } = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
      params: { path: { task_id: "t-9" } },
    });
    expect(data).toEqual({ taskId: "t-9", status: "failure", error: "disk full" });
  });

  it("types paths, params and bodies from the spec", () => {
    // @ts-expect-error not a path in the spec
    loyaltyDog.get("/v2/nope", () => undefined);
    loyaltyDog.get("/v2/giftcards/audit-logs/export/{task_id}", ({ params, response }) => {
      expectTypeOf(params.task_id).toEqualTypeOf<string>();
      // @ts-expect-error `status` is required by ExportStatusResponse
      return response(200).json({ taskId: "x" });
    });
  });

  it("serves another base URL when asked", async () => {
    server.use(...defaultHandlers({ baseUrl: "https://sandbox.example" }));
    const sandbox = createLoyaltyDogClient({ token: "t", baseUrl: "https://sandbox.example" });
    const { data } = await sandbox.GET("/v2/token");
    expect(data?.email).toBe(fixtures.userRead().email);
  });
});
