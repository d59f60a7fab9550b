import { setupServer } from "msw/node";
import { createOpenApiHttp } from "openapi-msw";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { type AuditLogEntry, createLoyaltyDogClient, NotFoundError, type paths } from "../../src/index.js";
import { pages, paginate } from "../../src/paginate.js";

const http = createOpenApiHttp<paths>({ baseUrl: "https://api.loyalty.dog" });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const entry = (i: number) =>
  ({
    id: `log-${i}`,
    action: "pii_access",
    resourceType: "gift_card",
    timestamp: "2026-01-01T00:00:00Z",
  }) as unknown as AuditLogEntry;

/** Serves `total` entries; `meta` decides which end markers the server includes. */
function auditLogs(total: number, meta: { pages?: boolean; total?: boolean } = { pages: true, total: true }) {
  const requested: number[] = [];
  server.use(
    http.get("/v2/giftcards/audit-logs", ({ query, response }) => {
      const page = Number(query.get("page") ?? 1);
      const limit = Number(query.get("limit") ?? 50);
      requested.push(page);
      const items = Array.from({ length: Math.max(0, Math.min(limit, total - (page - 1) * limit)) }, (_, i) =>
        entry((page - 1) * limit + i),
      );
      const body = {
        items,
        page,
        limit,
        total: meta.total ? total : (undefined as unknown as number),
        pages: meta.pages ? Math.ceil(total / limit) : (undefined as unknown as number),
      };
      return response(200).json(body);
    }),
  );
  return requested;
}

const client = () => createLoyaltyDogClient({ token: "t", maxRetries: 0 });

describe("paginate", () => {
  it("yields every item across pages and stops at `pages`", async () => {
    const requested = auditLogs(450);
    const ids: string[] = [];
    for await (const item of paginate(client(), "/v2/giftcards/audit-logs", { params: { query: { limit: 200 } } })) {
      expectTypeOf(item).toEqualTypeOf<AuditLogEntry>();
      ids.push((item as unknown as { id: string }).id);
    }
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    expect(requested).toEqual([1, 2, 3]);
  });

  it("stops on `total` when `pages` is missing, and on a short page when both are", async () => {
    const byTotal = auditLogs(400, { total: true });
    let n = 0;
    for await (const _ of paginate(client(), "/v2/giftcards/audit-logs", { params: { query: { limit: 200 } } })) n++;
    expect(n).toBe(400);
    expect(byTotal).toEqual([1, 2]); // exactly full pages: `total` saves the empty third request

    server.resetHandlers();
    const byShortPage = auditLogs(250, {});
    n = 0;
    for await (const _ of paginate(client(), "/v2/giftcards/audit-logs", { params: { query: { limit: 200 } } })) n++;
    expect(n).toBe(250);
    expect(byShortPage).toEqual([1, 2]);
  });

  it("stops on an empty page, and starts from a given page", async () => {
    const requested = auditLogs(0, {});
    const walked = [];
    for await (const page of pages(client(), "/v2/giftcards/audit-logs", { params: { query: { page: 1 } } })) {
      walked.push(page);
    }
    expect(walked).toHaveLength(1);
    expect(requested).toEqual([1]);

    server.resetHandlers();
    const from3 = auditLogs(1000);
    const seen = [];
    for await (const page of pages(client(), "/v2/giftcards/audit-logs", {
      params: { query: { page: 3, limit: 200 } },
      maxPages: 2,
    })) {
      seen.push(page.page);
      expect(page.total).toBe(1000);
    }
    expect(seen).toEqual([3, 4]);
    expect(from3).toEqual([3, 4]);
  });

  it("throws a typed error from the page that failed", async () => {
    server.use(
      http.get("/v2/giftcards/audit-logs", ({ query, response }) => {
        if (query.get("page") === "2") return response.untyped(Response.json({ detail: "gone" }, { status: 404 }));
        return response(200).json({ items: [entry(0)], page: 1, pages: 5, total: 5, limit: 1 });
      }),
    );
    const got: unknown[] = [];
    const walk = async () => {
      for await (const item of paginate(client(), "/v2/giftcards/audit-logs", { params: { query: { limit: 1 } } })) {
        got.push(item);
      }
    };
    await expect(walk()).rejects.toBeInstanceOf(NotFoundError);
    expect(got).toHaveLength(1);
  });

  it("walks page/pageSize lists", async () => {
    const requested: string[] = [];
    server.use(
      http.get("/v2/giftcards/programs/{programId}/reports/scheduled", ({ query, response }) => {
        requested.push(`${query.get("page")}/${query.get("pageSize")}`);
        const page = Number(query.get("page"));
        // The spec declares this 200 as untyped `{}`: the items come back as `unknown`.
        return response.untyped(Response.json({ items: page < 3 ? [1, 2] : [3], page }));
      }),
    );
    const items = [];
    for await (const item of paginate(client(), "/v2/giftcards/programs/{programId}/reports/scheduled", {
      params: { path: { programId: "p" }, query: { pageSize: 2 } },
    })) {
      items.push(item);
    }
    expect(items).toEqual([1, 2, 1, 2, 3]);
    expect(requested).toEqual(["1/2", "2/2", "3/2"]);
  });
});
