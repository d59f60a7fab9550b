import { setupServer } from "msw/node";
import { createOpenApiHttp } from "openapi-msw";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it, vi } from "vitest";
import { createLoyaltyDogClient, type ExportStatusResponse, type paths } from "../../src/index.js";

const http = createOpenApiHttp<paths>({ baseUrl: "https://api.loyalty.dog" });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("typed client", () => {
  it("calls GET /v2/giftcards/audit-logs/export/{task_id} with auth and a typed result", async () => {
    const seen: { auth: string | null; taskId: string }[] = [];
    server.use(
      http.get("/v2/giftcards/audit-logs/export/{task_id}", ({ params, request, response }) => {
        seen.push({ auth: request.headers.get("authorization"), taskId: params.task_id });
        return response(200).json({
          taskId: params.task_id,
          status: "success",
          downloadUrl: "https://s3.example/x.csv",
        });
      }),
    );
    const client = createLoyaltyDogClient({ token: "ld_test_abc" });
    const { data, error } = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
      params: { path: { task_id: "task-1" } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ taskId: "task-1", status: "success", downloadUrl: "https://s3.example/x.csv" });
    expectTypeOf(data).toEqualTypeOf<ExportStatusResponse | undefined>();
    expect(seen).toEqual([{ auth: "Bearer ld_test_abc", taskId: "task-1" }]);
  });

  it("refuses to start without a token (none passed, none in the environment)", () => {
    vi.stubEnv("LOYALTYDOG_TOKEN", "");
    try {
      expect(() => createLoyaltyDogClient({})).toThrow(/token/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
