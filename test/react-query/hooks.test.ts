// @vitest-environment happy-dom
// The TanStack Query adapter (`@loyaltydog/sdk/react-query`) through real hooks (@testing-library/react) against MSW
// handlers from the testing kit. The DOM environment is for this file only.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { hashKey, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { setupServer } from "msw/node";
import { createElement, type ReactNode, Suspense } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createLoyaltyDogClient, InternalServerError, type LoyaltyDogError, NotFoundError } from "../../src/index.js";
import { createQueryHooks } from "../../src/react-query.js";
import { createLoyaltyDogHttp, createManualClock, defaultHandlers, fixtures } from "../../src/testing/index.js";
import type { BulkIssuanceAsyncResponse, BulkIssuanceSyncResponse, UserRead } from "../../src/types.js";
import { useBulkIssue, useExportStatus } from "./readme-example.js";

const server = setupServer(...defaultHandlers());
const loyaltyDog = createLoyaltyDogHttp();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const TASK = "3f0c2a4e-0000-4000-8000-000000000001";
const PROGRAM = "prog_1";
const BULK = "/v2/giftcards/programs/{programId}/cards/bulk";

/** A client whose backoff sleeps take no real time. */
function setup(queryClient = new QueryClient()) {
  const client = createLoyaltyDogClient({ token: "ld_test_abc", clock: createManualClock({ autoAdvance: true }) });
  const api = createQueryHooks(client);
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(QueryClientProvider, { client: queryClient }, children);
  return { client, api, queryClient, wrapper };
}

/** Counts the requests that reach `path` and the Idempotency-Key each carried. */
function record(): { keys: (string | null)[] } {
  const seen = { keys: [] as (string | null)[] };
  server.events.on("request:start", ({ request }) => {
    if (new URL(request.url).pathname.endsWith("/cards/bulk")) seen.keys.push(request.headers.get("idempotency-key"));
  });
  return seen;
}
afterEach(() => server.events.removeAllListeners());

describe("queries", () => {
  it("useQuery resolves with the typed data", async () => {
    const { api, wrapper } = setup();
    const { result } = renderHook(() => api.useQuery("get", "/v2/token"), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expectTypeOf(result.current.data).toEqualTypeOf<UserRead | undefined>();
    expect(result.current.data).toEqual(fixtures.userRead());
  });

  it("keys carry the method, path and params, not the transport options, and are stable across key order", () => {
    const { api } = setup();
    const key = api.queryKey("get", "/v2/giftcards/audit-logs", {
      params: { query: { page: 2, limit: 10 } },
      timeoutMs: 5_000,
      maxRetries: 0,
    });
    expect(key).toEqual([
      "loyaltydog",
      "get",
      "/v2/giftcards/audit-logs",
      { params: { query: { page: 2, limit: 10 } } },
    ]);
    const reordered = api.queryKey("get", "/v2/giftcards/audit-logs", { params: { query: { limit: 10, page: 2 } } });
    expect(hashKey(reordered)).toBe(hashKey(key));
    const other = api.queryKey("get", "/v2/giftcards/audit-logs", { params: { query: { page: 3, limit: 10 } } });
    expect(hashKey(other)).not.toBe(hashKey(key));
    expect(api.queryKey("get", "/v2/token", { timeoutMs: 1 })).toEqual(["loyaltydog", "get", "/v2/token"]);
    expect(
      createQueryHooks(createLoyaltyDogClient({ token: "t" }), { keyPrefix: "merchant-2" }).queryKey(
        "get",
        "/v2/token",
      ),
    ).toEqual(["merchant-2", "get", "/v2/token"]);
  });

  it("two hooks with the same params share one request; other params are another entry", async () => {
    const { api, wrapper, queryClient } = setup();
    const statuses: string[] = [];
    server.events.on("request:start", ({ request }) => statuses.push(new URL(request.url).pathname));
    const init = (task_id: string) => ({ params: { path: { task_id } } });
    const path = "/v2/giftcards/audit-logs/export/{task_id}" as const;
    const { result } = renderHook(
      () => [
        api.useQuery("get", path, init(TASK)),
        api.useQuery("get", path, init(TASK)),
        api.useQuery("get", path, init("other")),
      ],
      { wrapper },
    );
    await waitFor(() => expect(result.current.every((q) => q.isSuccess)).toBe(true));
    expect(result.current.map((q) => q.data?.taskId)).toEqual([TASK, TASK, "other"]);
    expect(statuses.sort()).toEqual(
      [`/v2/giftcards/audit-logs/export/${TASK}`, "/v2/giftcards/audit-logs/export/other"].sort(),
    );
    expect(queryClient.getQueryData(api.queryKey("get", path, init(TASK)))?.taskId).toBe(TASK);
  });

  it("a failed call is the SDK's typed error, and TanStack does not retry on top of the client", async () => {
    const { api, wrapper } = setup();
    let calls = 0;
    server.use(
      loyaltyDog.get("/v2/giftcards/audit-logs/export/{task_id}", ({ response }) => {
        calls++;
        return response.untyped(Response.json({ detail: "Task not found" }, { status: 404 }));
      }),
    );
    const { result } = renderHook(
      () => api.useQuery("get", "/v2/giftcards/audit-logs/export/{task_id}", { params: { path: { task_id: TASK } } }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.isError).toBe(true));
    expectTypeOf(result.current.error).toEqualTypeOf<LoyaltyDogError | null>();
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(result.current.error).toMatchObject({ status: 404, message: expect.stringContaining("Task not found") });
    expect(calls).toBe(1);
  });

  it("transient failures are retried by the client (per-call maxRetries), not by TanStack", async () => {
    const { api, wrapper } = setup();
    let calls = 0;
    server.use(
      loyaltyDog.get("/v2/token", ({ response }) => {
        calls++;
        return response.untyped(Response.json({ detail: "down" }, { status: 503 }));
      }),
    );
    const { result } = renderHook(() => api.useQuery("get", "/v2/token", { maxRetries: 1 }), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(InternalServerError);
    expect(calls).toBe(2);
  });

  it("useSuspenseQuery suspends, then renders with the data", async () => {
    const { api, queryClient } = setup();
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(
        QueryClientProvider,
        { client: queryClient },
        createElement(Suspense, { fallback: null }, children),
      );
    const { result } = renderHook(() => api.useSuspenseQuery("get", "/v2/token", { timeoutMs: 5_000 }), { wrapper });
    await waitFor(() => expect(result.current?.data).toEqual(fixtures.userRead()));
    expectTypeOf(result.current.data).toEqualTypeOf<UserRead>();
  });

  it("works with a throwOnError client, and queryOptions feeds fetchQuery", async () => {
    const client = createLoyaltyDogClient({ token: "ld_test_abc", throwOnError: true });
    const api = createQueryHooks(client);
    const queryClient = new QueryClient();
    const me = await queryClient.fetchQuery(api.queryOptions("get", "/v2/token"));
    expectTypeOf(me).toEqualTypeOf<UserRead>();
    expect(me.name).toBe(fixtures.userRead().name);
    server.use(
      loyaltyDog.get("/v2/token", ({ response }) =>
        response.untyped(Response.json({ detail: "gone" }, { status: 404 })),
      ),
    );
    await expect(
      queryClient.fetchQuery(api.queryOptions("get", "/v2/token", { timeoutMs: 1_000 })),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("cancelling the query aborts the request", async () => {
    const { api, wrapper, queryClient } = setup();
    let aborted: Promise<unknown> | undefined;
    server.use(
      loyaltyDog.get("/v2/token", ({ request }) => {
        aborted = new Promise((resolve) => request.signal.addEventListener("abort", resolve));
        return new Promise(() => {}); // never answers
      }),
    );
    renderHook(() => api.useQuery("get", "/v2/token"), { wrapper });
    await waitFor(() => expect(aborted).toBeDefined());
    await queryClient.cancelQueries({ queryKey: api.queryKey("get", "/v2/token") });
    await expect(aborted).resolves.toBeDefined();
  });
});

describe("mutations", () => {
  const body = { initialValue: 25, count: 3 };

  it("one mutate is one Idempotency-Key, reused across the client's retries; the next mutate gets a new one", async () => {
    const { api, wrapper } = setup();
    const seen = record();
    let failures = 1;
    server.use(
      loyaltyDog.post(BULK, ({ response }) =>
        failures-- > 0
          ? response.untyped(Response.json({}, { status: 503 }))
          : response(201).json(fixtures.bulkIssuanceSync(3)),
      ),
    );
    const { result } = renderHook(() => api.useMutation("post", BULK), { wrapper });
    const first = await act(() => result.current.mutateAsync({ params: { path: { programId: PROGRAM } }, body }));
    expectTypeOf(first).toEqualTypeOf<BulkIssuanceSyncResponse | BulkIssuanceAsyncResponse>();
    expect(first).toMatchObject({ issuedCount: 3 });
    await act(() => result.current.mutateAsync({ params: { path: { programId: PROGRAM } }, body }));
    expect(seen.keys).toHaveLength(3);
    expect(seen.keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.keys[1]).toBe(seen.keys[0]);
    expect(seen.keys[2]).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.keys[2]).not.toBe(seen.keys[0]);
  });

  it("a QueryClient's default mutation retry does not re-send with a new key; the error is typed", async () => {
    const { api, wrapper } = setup(new QueryClient({ defaultOptions: { mutations: { retry: 3, retryDelay: 0 } } }));
    const seen = record();
    server.use(loyaltyDog.post(BULK, ({ response }) => response.untyped(Response.json({}, { status: 503 }))));
    const { result } = renderHook(() => api.useMutation("post", BULK), { wrapper });
    act(() => result.current.mutate({ params: { path: { programId: PROGRAM } }, body, maxRetries: 2 }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(InternalServerError);
    expect(seen.keys).toHaveLength(3);
    expect(new Set(seen.keys).size).toBe(1);
  });

  it("a caller's idempotencyKey is sent as given", async () => {
    const { api, wrapper } = setup();
    const seen = record();
    server.use(loyaltyDog.post(BULK, ({ response }) => response(201).json(fixtures.bulkIssuanceSync(1))));
    const { result } = renderHook(() => api.useMutation("post", BULK), { wrapper });
    await act(() =>
      result.current.mutateAsync({ params: { path: { programId: PROGRAM } }, body, idempotencyKey: "order-77" }),
    );
    expect(seen.keys).toEqual(["order-77"]);
  });
});

describe("types", () => {
  it("inits are closed and typed like the client's calls", () => {
    const { api } = setup();
    // Compile-time only: the hooks are never called here.
    const typeOnly = (check: () => void) => expectTypeOf(check).toBeFunction();
    typeOnly(() => {
      // @ts-expect-error a misspelled key in params does not compile
      api.useQuery("get", "/v2/giftcards/audit-logs", { params: { query: { limt: 5 } } });
      // @ts-expect-error nor one at the init's top level
      api.useQuery("get", "/v2/token", { timeout: 5 });
      // @ts-expect-error a required path param is required
      api.useQuery("get", "/v2/giftcards/audit-logs/export/{task_id}");
      // @ts-expect-error a path the method does not have
      api.useQuery("get", "/v2/giftcards/audit-logs/export");
      // @ts-expect-error TanStack's retry is not offered for mutations (it would re-send with a new key)
      api.useMutation("post", BULK, { retry: 3 });
      const mutation = api.useMutation("post", BULK);
      // @ts-expect-error a misspelled body key in mutate does not compile
      mutation.mutate({ params: { path: { programId: "p" } }, body: { initialValue: 1, cuont: 2 } });
    });
  });
});

describe("the README's TanStack Query example (test/react-query/readme-example.ts)", () => {
  const SOURCES: Record<string, string> = {
    "@loyaltydog/sdk": "../../src/index.js",
    "@loyaltydog/sdk/react-query": "../../src/react-query.js",
  };
  /** Import lines (as a sorted list, sources mapped to the package) and the code after them. */
  const parts = (code: string) => {
    const lines = code.trim().split("\n");
    const imports = lines.filter((l) => l.startsWith("import "));
    const rest = lines
      .filter((l) => !l.startsWith("import ") && !l.startsWith("//"))
      .join("\n")
      .trim();
    const unmapped = imports.map((l) =>
      Object.entries(SOURCES).reduce((line, [name, source]) => line.replace(`"${source}"`, `"${name}"`), l),
    );
    return { imports: unmapped.sort(), rest };
  };

  it("is the README's snippet", () => {
    const readme = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## TanStack Query"));
    const snippet = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const module = readFileSync(resolve(import.meta.dirname, "readme-example.ts"), "utf8");
    expect(snippet).toContain("createQueryHooks");
    expect(parts(snippet)).toEqual(parts(module));
  });

  it("polls an export's status and issues cards, invalidating the card list", async () => {
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(QueryClientProvider, { client: queryClient }, children);
    let issued = 0;
    server.use(loyaltyDog.post(BULK, ({ response }) => response(201).json(fixtures.bulkIssuanceSync(++issued))));
    const cardsKey = ["loyaltydog", "get", "/v2/giftcards/programs/{programId}/cards", {}];
    queryClient.setQueryData(cardsKey, []);
    const { result } = renderHook(() => ({ status: useExportStatus(TASK), bulk: useBulkIssue(PROGRAM) }), { wrapper });
    await waitFor(() => expect(result.current.status.data?.status).toBe("success"));
    act(() => result.current.bulk.issue(10));
    await waitFor(() => expect(queryClient.getQueryState(cardsKey)?.isInvalidated).toBe(true));
    expect(issued).toBe(1);
    expect(result.current.bulk.rateLimited).toBe(false);
  });
});
