import { HttpResponse, http, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLoyaltyDogClient, InvalidArgumentError, type Logger, LoyaltyDogError } from "../../src/index.js";
import { exportAuditLogsAndWait } from "../../src/tasks.js";
import { fixtures } from "../../src/testing/index.js";
import { ResponseValidationError, validateResponses } from "../../src/validate.js";

const BASE = "https://api.loyalty.dog";
const TOKEN = "ld_test_validation_secret_0123456789";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** `GET /v2/token` answers `body` (the spec types it as UserRead). */
function tokenAnswers(body: JsonBodyType, status = 200) {
  server.use(
    http.get(`${BASE}/v2/token`, () => HttpResponse.json(body, { status, headers: { "x-request-id": "req-1" } })),
  );
}

function recordingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> | undefined }[] = [];
  const at =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, fields });
    };
  const logger: Logger = { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
  return { logger, warnings: () => lines.filter((l) => l.level === "warn") };
}

describe('validate: "throw"', () => {
  it("passes a body that matches the spec through untouched", async () => {
    tokenAnswers(fixtures.userRead());
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    const { data } = await client.GET("/v2/token");
    expect(data).toEqual(fixtures.userRead());
  });

  it("rejects a drifted body with a typed error naming operation, pointer, expected and received type", async () => {
    const { email: _dropped, ...withoutEmail } = fixtures.userRead();
    tokenAnswers({ ...withoutEmail, admin: "no" });
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    const error = await client.GET("/v2/token").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(LoyaltyDogError);
    const e = error as ResponseValidationError;
    expect(e).toMatchObject({
      name: "ResponseValidationError",
      operation: "GET /v2/token",
      operationId: "get_token_info_v2_token_get",
      status: 200,
      requestId: "req-1",
      mismatchCount: 2,
    });
    expect(e.mismatches).toEqual([
      { pointer: "/admin", expected: "boolean", received: "string", rule: "/admin boolean" },
      { pointer: "/email", expected: "string", received: "missing", rule: "/email string" },
    ]);
    expect([e.pointer, e.expected, e.received]).toEqual(["/admin", "boolean", "string"]);
    expect(e.message).toBe(
      "GET /v2/token answered 200 with a body that does not match the spec: /admin expected boolean, got string (and 1 more)",
    );
  });

  it("reads a defaulted property the answer leaves out as its default, as the types promise", async () => {
    // UserRead: `active` (default true) and `admin` (default false) are not required.
    const { active: _a, admin: _b, ...onlySome } = fixtures.userRead();
    tokenAnswers(onlySome);
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    const { data, response } = await client.GET("/v2/token");
    expect(data).toEqual({ ...onlySome, active: true, admin: false });
    expect(response.headers.get("x-request-id")).toBe("req-1");
    // What the server sent is kept: a value it did send wins, and a property the spec does not list survives.
    tokenAnswers({ ...onlySome, admin: true, plan: "gold" });
    expect((await client.GET("/v2/token")).data).toEqual({ ...onlySome, active: true, admin: true, plan: "gold" });
    // "off" hands back what came: the field is missing, whatever the types say.
    tokenAnswers(onlySome);
    validateResponses(client, { validate: "off" });
    expect((await client.GET("/v2/token")).data).not.toHaveProperty("active");
  });

  it("checks the string formats the spec uses, naming the format and never the value", async () => {
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    const fine = ["2024-06-01T12:00:00Z", "2024-06-01t12:00:00.123+02:00", "2024-02-29 23:59:60-05:30"];
    for (const emailVerified of fine) {
      tokenAnswers(fixtures.userRead({ emailVerified }));
      expect((await client.GET("/v2/token")).data?.emailVerified, emailVerified).toBe(emailVerified);
    }
    const wrong: [Record<string, unknown>, string, string][] = [
      [{ emailVerified: "2024-06-01T12:00:00" }, "/emailVerified", "date-time"], // no offset: not RFC 3339
      [{ emailVerified: "2023-02-29T12:00:00Z" }, "/emailVerified", "date-time"], // no such day
      [{ emailVerified: "1717243200" }, "/emailVerified", "date-time"],
      [{ email: "merchant.admin.example.com" }, "/email", "email"],
      [{ email: "admin@localhost" }, "/email", "email"],
    ];
    for (const [override, pointer, format] of wrong) {
      tokenAnswers({ ...fixtures.userRead(), ...override });
      const e = (await client.GET("/v2/token").catch((x: unknown) => x)) as ResponseValidationError;
      expect(e, JSON.stringify(override)).toBeInstanceOf(ResponseValidationError);
      expect(e.mismatches, JSON.stringify(override)).toEqual([
        {
          pointer,
          expected: `${format} string`,
          received: `string not in ${format} format`,
          rule: `${pointer} ${format} string`,
        },
      ]);
      expect(e.message).not.toContain(String(Object.values(override)[0]));
    }
  });

  it("describes rules (patterns, nested arrays) by the rule, never by the value", async () => {
    server.use(
      http.get(`${BASE}/v2/giftcards/audit-logs`, () =>
        HttpResponse.json({ ...fixtures.auditLogPage(fixtures.auditLogEntries(3), 1, 50), page: 1.5 }),
      ),
    );
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    const e = (await client.GET("/v2/giftcards/audit-logs").catch((x: unknown) => x)) as ResponseValidationError;
    expect(e.mismatches[0]).toEqual({
      pointer: "/page",
      expected: "integer",
      received: "number",
      rule: "/page integer",
    });
  });

  it("keeps the body's secrets out of the message, the fields, JSON and logs", async () => {
    const presigned = "https://bucket.s3.amazonaws.com/x.csv?X-Amz-Signature=abcdef0123456789secret";
    // A known token as a value and as a map key, a presigned URL where a boolean belongs.
    tokenAnswers({ ...fixtures.userRead(), id: TOKEN, admin: presigned, active: { [TOKEN]: true } });
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    const e = (await client.GET("/v2/token").catch((x: unknown) => x)) as ResponseValidationError;
    expect(e.mismatches.map((m) => m.pointer)).toEqual(["/active", "/admin", "/id", "/id"]);
    expect(e.mismatches.slice(2)).toMatchObject([
      { expected: "string of length <=24", received: `string of length ${TOKEN.length}` },
      { expected: "string matching /^[0-9a-f]{24}$/", received: "string not matching" },
    ]);
    const everything = `${e.message} ${JSON.stringify(e)} ${String(e)} ${e.stack}`;
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain("abcdef0123456789secret");
    expect(everything).not.toContain("amazonaws");
  });

  it("scrubs a secret that arrives as a map key out of the pointer", async () => {
    // The spec types this answer as a map of booleans: a key is data, and may be anything.
    server.use(
      http.post(`${BASE}/v2/giftcards/programs/:programId/compliance/aml/:alertId/acknowledge`, () =>
        HttpResponse.json({ [TOKEN]: "yes" }),
      ),
    );
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    const e = (await client
      .POST("/v2/giftcards/programs/{programId}/compliance/aml/{alertId}/acknowledge", {
        params: { path: { programId: "p1", alertId: "a1" } },
        body: {} as never,
      })
      .catch((x: unknown) => x)) as ResponseValidationError;
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect(e.pointer).toBe("/[redacted]");
    expect(e.mismatches[0]).toEqual({
      pointer: "/[redacted]",
      expected: "boolean",
      received: "string",
      rule: "/* boolean",
    });
    expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(TOKEN);
  });

  it("leaves error answers, untyped answers and other clients alone", async () => {
    tokenAnswers({ detail: "Not authenticated" }, 401);
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    expect((await client.GET("/v2/token")).response.status).toBe(401);
    // The spec types this operation's 200 as `{}`: anything goes.
    server.use(
      http.post(`${BASE}/v2/giftcards/programs/:programId/analytics/export`, () => HttpResponse.json([1, "x"])),
    );
    const analytics = await client.POST("/v2/giftcards/programs/{programId}/analytics/export", {
      params: { path: { programId: "p1" } },
      body: {},
    });
    expect(analytics.data).toEqual([1, "x"]);
    tokenAnswers({ nothing: "here" });
    expect((await createLoyaltyDogClient({ token: TOKEN }).GET("/v2/token")).data).toEqual({ nothing: "here" });
  });

  it("covers the helpers that take the client", async () => {
    server.use(
      http.post(`${BASE}/v2/giftcards/audit-logs/export`, () => HttpResponse.json({ taskId: 42 }, { status: 202 })),
    );
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "throw" });
    const e = await exportAuditLogsAndWait(client, { format: "csv" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect((e as ResponseValidationError).operation).toBe("POST /v2/giftcards/audit-logs/export");
  });
});

describe('validate: "warn"', () => {
  it("logs each broken rule once per operation, through the client's logger, and returns the data", async () => {
    const { logger, warnings } = recordingLogger();
    const client = validateResponses(createLoyaltyDogClient({ token: TOKEN, logger }), { validate: "warn" });
    const { active: _left, ...withoutActive } = fixtures.userRead();
    tokenAnswers({ ...withoutActive, admin: "no" });
    // The data comes back as it came, with the defaults it could fill in.
    expect((await client.GET("/v2/token")).data).toEqual({ ...withoutActive, admin: "no", active: true });
    await client.GET("/v2/token");
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toEqual({
      level: "warn",
      message: "response does not match the spec: GET /v2/token /admin",
      fields: {
        operation: "GET /v2/token",
        operationId: "get_token_info_v2_token_get",
        status: 200,
        pointer: "/admin",
        expected: "boolean",
        received: "string",
        requestId: "req-1",
      },
    });
    // Another rule on the same operation is news; the same rule at another array index is not.
    tokenAnswers({ ...fixtures.userRead(), admin: "no", active: 1 });
    await client.GET("/v2/token");
    expect(warnings().map((w) => w.fields?.pointer)).toEqual(["/admin", "/active"]);
    const page = fixtures.auditLogPage(fixtures.auditLogEntries(3), 1, 50);
    const drifted = { ...page, items: page.items.map((entry) => ({ ...entry, action: 7 })) };
    server.use(http.get(`${BASE}/v2/giftcards/audit-logs`, () => HttpResponse.json(drifted)));
    await client.GET("/v2/giftcards/audit-logs");
    expect(warnings().map((w) => w.fields?.pointer)).toEqual(["/admin", "/active", "/items/0/action"]);
  });

  it("warns on the console when the client logs nothing", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const client = validateResponses(createLoyaltyDogClient({ token: TOKEN }), { validate: "warn" });
      tokenAnswers({ ...fixtures.userRead(), admin: "no" });
      await client.GET("/v2/token");
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toBe("response does not match the spec: GET /v2/token /admin");
    } finally {
      warn.mockRestore();
    }
  });
});

describe('validate: "off" and switching modes', () => {
  it("off checks nothing; calling again replaces the mode instead of stacking checks", async () => {
    const { logger, warnings } = recordingLogger();
    const client = createLoyaltyDogClient({ token: TOKEN, logger });
    tokenAnswers({ ...fixtures.userRead(), admin: "no" });
    validateResponses(client, { validate: "off" });
    expect((await client.GET("/v2/token")).data).toMatchObject({ admin: "no" });
    validateResponses(client, { validate: "throw" });
    await expect(client.GET("/v2/token")).rejects.toBeInstanceOf(ResponseValidationError);
    validateResponses(client, { validate: "warn" });
    await client.GET("/v2/token");
    expect(warnings()).toHaveLength(1);
    validateResponses(client, { validate: "off" });
    await client.GET("/v2/token");
    expect(warnings()).toHaveLength(1);
  });

  it("refuses an unknown mode and a value that is not a client", () => {
    const client = createLoyaltyDogClient({ token: TOKEN });
    expect(() => validateResponses(client, { validate: "strict" as never })).toThrow(InvalidArgumentError);
    expect(() => validateResponses({} as never, { validate: "warn" })).toThrow(InvalidArgumentError);
  });
});
