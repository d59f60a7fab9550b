import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLoyaltyDogClient } from "../../src/index.js";
import { createManualClock, DEFAULT_SIMULATOR_TOKEN, type ManualClock } from "../../src/testing/index.js";
import { download, listenMsw, mswServer, type Running, start, type Transport } from "./transports.js";

beforeAll(() => listenMsw());
afterAll(() => mswServer.close());

describe.each<Transport>(["msw", "http"])("simulator over %s", (transport) => {
  let run: Running;
  let clock: ManualClock;
  const boot = async (options: Parameters<typeof start>[1] = {}) => {
    clock = createManualClock();
    run = await start(transport, { clock, ...options });
    return run;
  };
  afterEach(async () => {
    await run?.close();
  });

  describe("auth, request ids, rate limits", () => {
    it("answers GET /v2/token with request id and rate-limit headers", async () => {
      await boot();
      const response = await run.call("GET", "/v2/token", { headers: { "x-request-id": "my-req.1" } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ email: "merchant.admin@example.com", active: true });
      expect(response.headers.get("x-request-id")).toBe("my-req.1");
      expect(response.headers.get("x-ratelimit-limit")).toBe("60");
      expect(response.headers.get("x-ratelimit-remaining")).toBe("59");
      const second = await run.call("GET", "/v2/token", { headers: { "x-request-id": "bad id!" } });
      expect(second.headers.get("x-request-id")).toMatch(/^req_sim_\d{8}$/);
    });

    it("routes by the spec: 404 for a path it does not know, 405 for a known path with another method", async () => {
      await boot();
      const unknown = await run.call("GET", "/v2/giftcards/nowhere");
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ code: "not_found", message: "Not Found", request_id: expect.any(String) });
      expect((await run.call("DELETE", "/v2/token")).status).toBe(405);
      expect((await run.call("POST", "/v2/giftcards/audit-logs/export/some-task", { body: {} })).status).toBe(405);
      // Path parameters arrive decoded: a bulk task polled under another (encoded) program id is not found.
      const { taskId } = await (
        await run.call("POST", "/v2/giftcards/programs/p%201/cards/bulk", { body: { initialValue: 5, count: 60 } })
      ).json();
      expect((await run.call("GET", `/v2/giftcards/programs/p%201/cards/bulk/${taskId}`)).status).toBe(200);
      expect((await run.call("GET", `/v2/giftcards/programs/p%202/cards/bulk/${taskId}`)).status).toBe(404);
      expect(run.sim.storageRequests).toEqual([]);
    });

    it("401s with the envelope for ld_* keys and {detail} for JWTs", async () => {
      await boot();
      const hashed = await run.call("GET", "/v2/token", { headers: { authorization: "Bearer ld_live_wrong" } });
      expect(hashed.status).toBe(401);
      const envelope = await hashed.json();
      expect(envelope).toEqual({
        code: "unauthorized",
        message: expect.any(String),
        request_id: hashed.headers.get("x-request-id"),
      });
      const jwt = await run.call("GET", "/v2/token", { headers: { authorization: "Bearer eyJhbGciOi.x.y" } });
      expect(jwt.status).toBe(401);
      expect(await jwt.json()).toEqual({ detail: expect.any(String) });
      const missing = await download(`${run.apiUrl}/v2/token`);
      expect(missing.status).toBe(401);
      expect(run.sim.requests.map((r) => r.status)).toEqual([401, 401, 401]);
    });

    it("429s with Retry-After once the burst window is spent, and recovers when the clock moves", async () => {
      await boot({ rateLimit: { limit: 2, windowSeconds: 60 } });
      await run.call("GET", "/v2/token");
      await run.call("GET", "/v2/token");
      const limited = await run.call("GET", "/v2/token");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("60");
      expect(await limited.json()).toMatchObject({ code: "rate_limited" });
      clock.advance(60_000);
      expect((await run.call("GET", "/v2/token")).status).toBe(200);
    });

    it("works with the SDK client", async () => {
      await boot();
      const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, baseUrl: run.apiUrl });
      const { data } = await client.GET("/v2/giftcards/audit-logs", { params: { query: { page: 2, limit: 100 } } });
      expect(data).toMatchObject({ total: 120, page: 2, pages: 2, limit: 100 });
      expect(data?.items).toHaveLength(20);
      expect(run.sim.requests[0]).toMatchObject({
        method: "GET",
        path: "/v2/giftcards/audit-logs",
        query: { page: "2", limit: "100" },
        headers: expect.objectContaining({ authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}` }),
      });
    });
  });

  describe("audit-log listing", () => {
    it("refuses limit above 200 with a 422", async () => {
      await boot({ auditLogCount: 7 });
      const response = await run.call("GET", "/v2/giftcards/audit-logs?limit=201");
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ code: "validation_error" });
      const ok = await (await run.call("GET", "/v2/giftcards/audit-logs?limit=200")).json();
      expect(ok).toMatchObject({ total: 7, pages: 1, page: 1, limit: 200 });
    });
  });

  describe("audit-log export", () => {
    it("goes pending → processing → success and serves the CSV from the storage origin", async () => {
      await boot({ auditLogCount: 5 });
      const accepted = await run.call("POST", "/v2/giftcards/audit-logs/export", { body: { format: "csv" } });
      expect(accepted.status).toBe(202);
      const { taskId, status } = await accepted.json();
      expect(status).toBe("pending");
      const poll = async () => (await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).json();
      expect((await poll()).status).toBe("pending");
      expect((await poll()).status).toBe("processing");
      const done = await poll();
      expect(done).toMatchObject({ taskId, status: "success" });
      const url = new URL(done.downloadUrl);
      expect(url.origin).not.toBe(new URL(run.apiUrl).origin);
      expect(url.searchParams.get("X-Amz-Expires")).toBe("3600");
      expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);

      const file = await download(url);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("text/csv");
      const lines = (await file.text()).trimEnd().split("\n");
      expect(lines[0]).toMatch(/^id,timestamp,action,/);
      expect(lines).toHaveLength(6);
      expect(run.sim.storageRequests).toHaveLength(1);
      expect(run.sim.storageRequests[0]?.headers).not.toHaveProperty("authorization");
    });

    it("exports JSON when asked", async () => {
      await boot({ auditLogCount: 3, tasks: { pollsToComplete: 0 } });
      const { taskId } = await (
        await run.call("POST", "/v2/giftcards/audit-logs/export", { body: { format: "json" } })
      ).json();
      const done = await (await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).json();
      const entries = await (await download(done.downloadUrl)).json();
      expect(entries).toHaveLength(3);
      expect(entries[0]).toMatchObject({ id: run.sim.auditLogEntries[0]?.id });
    });

    it("rejects a download that carries Authorization (400, as S3) and records what it saw", async () => {
      await boot({ tasks: { pollsToComplete: 0 } });
      const { taskId } = await (await run.call("POST", "/v2/giftcards/audit-logs/export", { body: {} })).json();
      const { downloadUrl } = await (await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).json();
      const leaked = await download(downloadUrl, { headers: { authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}` } });
      expect(leaked.status).toBe(400);
      expect(await leaked.text()).toContain("<Code>InvalidArgument</Code>");
      expect(run.sim.storageRequests[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_SIMULATOR_TOKEN}`);
    });

    it("answers an expired URL with 403 and S3's XML, and a tampered one with 403", async () => {
      await boot({ tasks: { pollsToComplete: 0 } });
      const { taskId } = await (await run.call("POST", "/v2/giftcards/audit-logs/export", { body: {} })).json();
      const { downloadUrl } = await (await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).json();
      const tampered = new URL(downloadUrl);
      tampered.searchParams.set("X-Amz-Expires", "999999");
      expect((await download(tampered)).status).toBe(403);
      clock.advance(3600_000);
      const expired = await download(downloadUrl);
      expect(expired.status).toBe(403);
      expect(expired.headers.get("content-type")).toBe("application/xml");
      expect(await expired.text()).toContain(
        "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
      );
    });

    it("fails with error text, in Celery casing, after N polls", async () => {
      await boot();
      run.sim.nextTask({ casing: "celery", outcome: "failure", error: "S3 upload failed", pollsToComplete: 3 });
      const { taskId, status } = await (await run.call("POST", "/v2/giftcards/audit-logs/export", { body: {} })).json();
      expect(status).toBe("PENDING");
      const seen: unknown[] = [];
      for (let i = 0; i < 4; i++)
        seen.push(await (await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).json());
      expect(seen.map((s) => (s as { status: string }).status)).toEqual(["PENDING", "STARTED", "STARTED", "FAILURE"]);
      expect(seen[3]).toEqual({ taskId, status: "FAILURE", error: "S3 upload failed" });
    });

    it("progresses on clock time, passes unknown states through, and sends Retry-After while running", async () => {
      await boot();
      run.sim.nextTask({
        completeAfterMs: 30_000,
        states: ["queued", "RETRY", "weird", "SUCCESS"],
        retryAfterSeconds: 5,
      });
      const { taskId } = await (await run.call("POST", "/v2/giftcards/audit-logs/export", { body: {} })).json();
      const poll = () => run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`);
      const first = await poll();
      expect(first.headers.get("retry-after")).toBe("5");
      expect((await first.json()).status).toBe("queued");
      expect((await (await poll()).json()).status).toBe("queued"); // polls alone do not move a time-based task
      clock.advance(12_000);
      expect((await (await poll()).json()).status).toBe("RETRY");
      clock.advance(10_000);
      expect((await (await poll()).json()).status).toBe("weird");
      clock.advance(8_000);
      const done = await poll();
      expect(done.headers.get("retry-after")).toBeNull();
      expect(await done.json()).toMatchObject({
        status: "SUCCESS",
        downloadUrl: expect.stringContaining("X-Amz-Signature"),
      });
    });

    it("404s an unknown task", async () => {
      await boot();
      expect((await run.call("GET", "/v2/giftcards/audit-logs/export/nope")).status).toBe(404);
    });
  });

  describe("bulk issuance", () => {
    const bulkPath = "/v2/giftcards/programs/prog1/cards/bulk";

    it("issues up to the threshold synchronously (201)", async () => {
      await boot();
      const response = await run.call("POST", bulkPath, { body: { initialValue: 25, count: 50 } });
      expect(response.status).toBe(201);
      const body = await response.json();
      expect(body).toMatchObject({ issuedCount: 50, failedCount: 0 });
      expect(body.cards).toHaveLength(50);
      expect(body.cards[0]).toEqual({
        id: expect.any(String),
        cardNumber: expect.any(String),
        lastFourDigits: expect.any(String),
      });
      const csv = await (await download(body.csvDownloadUrl)).text();
      expect(csv.trimEnd().split("\n")).toHaveLength(51);
      expect(run.sim.stats.cardsIssued).toBe(50);
    });

    it("runs larger batches as a task, with partial failure", async () => {
      await boot({ bulk: { failedCount: 4 } });
      const accepted = await run.call("POST", bulkPath, { body: { initialValue: "10.00", count: 120 } });
      expect(accepted.status).toBe(202);
      const { taskId, status } = await accepted.json();
      expect(status).toBe("pending");
      const poll = async () => (await run.call("GET", `${bulkPath}/${taskId}`)).json();
      expect((await poll()).status).toBe("pending");
      expect((await poll()).status).toBe("processing");
      const done = await poll();
      expect(done).toMatchObject({ taskId, status: "completed", issuedCount: 116, failedCount: 4 });
      expect(done.cards).toHaveLength(116);
      expect((await download(done.csvDownloadUrl)).status).toBe(200);
      expect((await run.call("GET", `/v2/giftcards/programs/other/cards/bulk/${taskId}`)).status).toBe(404);
    });

    it("can answer the async acceptance with 201, as the spec declares", async () => {
      await boot({ bulk: { asyncStatus: 201, syncThreshold: 5 } });
      const response = await run.call("POST", bulkPath, {
        body: { initialValue: 5, recipients: new Array(6).fill({}) },
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ taskId: expect.any(String), status: "pending" });
    });

    it("reports a failed task", async () => {
      await boot();
      run.sim.nextTask({ outcome: "failure", error: "program inactive", pollsToComplete: 0 });
      const { taskId } = await (await run.call("POST", bulkPath, { body: { initialValue: 5, count: 60 } })).json();
      expect(await (await run.call("GET", `${bulkPath}/${taskId}`)).json()).toEqual({
        taskId,
        status: "failed",
        issuedCount: 0,
        failedCount: 60,
        error: "program inactive",
      });
    });

    it("replays the same Idempotency-Key + body without issuing again, and 422s a different body", async () => {
      await boot();
      const headers = { "idempotency-key": "5d9a8c1e-7f0b-4a57-9a43-1b2c3d4e5f60" };
      const first = await run.call("POST", bulkPath, { body: { initialValue: 5, count: 3 }, headers });
      // Same JSON, other key order: still the same request.
      const again = await run.call("POST", bulkPath, { body: { count: 3, initialValue: 5 }, headers });
      expect(again.status).toBe(first.status);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await again.json()).toEqual(await first.json());
      expect(run.sim.stats).toMatchObject({ cardsIssued: 3, bulkIssuances: 1 });

      const conflict = await run.call("POST", bulkPath, { body: { initialValue: 5, count: 4 }, headers });
      expect(conflict.status).toBe(422);
      expect(run.sim.stats.cardsIssued).toBe(3);
      expect(run.sim.requests.map((r) => r.idempotencyKey)).toEqual([
        headers["idempotency-key"],
        headers["idempotency-key"],
        headers["idempotency-key"],
      ]);

      const asyncKey = { "idempotency-key": "0e0c7c8a-2f8e-4c5b-8d1e-aaaaaaaaaaaa" };
      const task1 = await (
        await run.call("POST", bulkPath, { body: { initialValue: 5, count: 80 }, headers: asyncKey })
      ).json();
      const task2 = await (
        await run.call("POST", bulkPath, { body: { initialValue: 5, count: 80 }, headers: asyncKey })
      ).json();
      expect(task2.taskId).toBe(task1.taskId);
      expect(run.sim.stats).toMatchObject({ cardsIssued: 83, bulkIssuances: 2 });
    });

    it("can require the key", async () => {
      await boot({ bulk: { requireIdempotencyKey: true } });
      expect((await run.call("POST", bulkPath, { body: { initialValue: 5, count: 1 } })).status).toBe(422);
    });
  });

  describe("GDPR and analytics exports", () => {
    it("creates a GDPR export downloadable from storage and from the API", async () => {
      await boot();
      const response = await run.call("POST", "/v2/giftcards/gdpr/export", {
        body: { format: "json", customerEmail: "ada@example.com" },
      });
      expect(response.status).toBe(200);
      const created = await response.json();
      expect(created).toMatchObject({ exportId: "gdpr_000001", status: "completed", format: "json" });
      expect(Date.parse(created.expiresAt) - Date.parse(created.requestedAt)).toBe(3600_000);
      const fromStorage = await (await download(created.downloadUrl)).json();
      expect(fromStorage.customer.email).toBe("ada@example.com");
      const fromApi = await run.call("GET", "/v2/giftcards/gdpr/download?exportId=gdpr_000001&format=json");
      expect(fromApi.status).toBe(200);
      expect(await fromApi.json()).toMatchObject({ exportId: "gdpr_000001" });
      expect((await run.call("GET", "/v2/giftcards/gdpr/download?exportId=gdpr_000009&format=json")).status).toBe(404);
    });

    it("answers analytics exports with a presigned URL or a data: URI", async () => {
      await boot();
      const path = "/v2/giftcards/programs/prog1/analytics/export";
      const { downloadUrl } = await (await run.call("POST", path, { body: { metrics: ["issued"] } })).json();
      expect(await (await download(downloadUrl)).text()).toMatch(/^date,issued\n/);
      await run.close();
      await boot({ analyticsExport: "data-uri" });
      const inline = await (await run.call("POST", path, { body: {} })).json();
      expect(inline.downloadUrl).toMatch(/^data:text\/csv;base64,/);
      expect(atob(inline.downloadUrl.split(",")[1])).toMatch(/^date,issued,redeemed\n/);
    });
  });

  describe("faults", () => {
    it("follows a deterministic schedule: 503 gateway page, then 429 with Retry-After, then success", async () => {
      await boot();
      run.sim.failNext(1, 503).failNext(1, 429, { retryAfterSeconds: 7 });
      const gateway = await run.call("GET", "/v2/token");
      expect(gateway.status).toBe(503);
      expect(gateway.headers.get("content-type")).toBe("text/html");
      expect(gateway.headers.get("x-request-id")).toBeTruthy();
      const limited = await run.call("GET", "/v2/token");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("7");
      expect(await limited.json()).toMatchObject({ code: "rate_limited" });
      expect((await run.call("GET", "/v2/token")).status).toBe(200);
      expect(run.sim.pendingFaults).toBe(0);
    });

    it("targets a path after letting some requests through, and can send monthly_quota_exceeded", async () => {
      await boot({ tasks: { pollsToComplete: 5 } });
      const { taskId } = await (await run.call("POST", "/v2/giftcards/audit-logs/export", { body: {} })).json();
      run.sim.failNext(2, 503, { path: /\/audit-logs\/export\//, after: 1 });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await run.call("GET", `/v2/giftcards/audit-logs/export/${taskId}`)).status);
      expect(statuses).toEqual([200, 503, 503, 200]);

      run.sim.failNext(1, 429, { code: "monthly_quota_exceeded" });
      const quota = await run.call("GET", "/v2/token");
      expect(quota.status).toBe(429);
      expect(quota.headers.get("retry-after")).toBeNull();
      expect(quota.headers.get("x-ratelimit-reset")).toBe(String(Date.UTC(2025, 1, 1) / 1000));
      expect(await quota.json()).toMatchObject({ code: "monthly_quota_exceeded" });
    });
  });
});
