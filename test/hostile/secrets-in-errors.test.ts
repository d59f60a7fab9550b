import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download } from "../../src/download.js";
import {
  APIConnectionError,
  type APIError,
  createLoyaltyDogClient,
  DownloadError,
  DownloadExpiredError,
  InvalidArgumentError,
  PermissionDeniedError,
  TaskFailedError,
  unwrap,
  WaitTimeoutError,
} from "../../src/index.js";
import { waitForAuditLogExport } from "../../src/tasks.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { leaks, rejectionOf } from "./support.js";

// A hostile API on 127.0.0.1 that echoes whatever credentials it is sent, in every place an error keeps.
const TOKEN = "ld_live_TOKEN_SECRET_0001";
const MERCHANT = "merchant_SECRET_0002";
const CUSTOMER_VALUES = ["customer_SECRET_0003", "customer_SECRET_0004"];
const PER_CALL = "percall_merchant_SECRET_0005";
const SIGNATURE = "SIGNATURE_SECRET_0006";
const ALL = [TOKEN, MERCHANT, ...CUSTOMER_VALUES, PER_CALL, SIGNATURE];
const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;

let server: TestServer;
let storage: TestServer;
let seen: IncomingMessage[];

function echo(req: IncomingMessage, res: ServerResponse): void {
  seen.push(req);
  const sent = [
    req.headers.authorization,
    req.headers["x-eposn-merchant-token"],
    req.headers["x-eposn-customer-token"],
  ];
  const presigned = `${server.url}/bucket/export.csv?X-Amz-Credential=AKIA%2Fx&X-Amz-Signature=${SIGNATURE}`;
  const path = req.url ?? "";
  if (path.startsWith("/bucket/")) {
    res.writeHead(403, { "content-type": "application/xml" });
    res.end(
      `<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired: ${presigned.replace(/&/g, "&amp;")}</Message></Error>`,
    );
  } else if (path.includes("/export/failed")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "failed", error: `upload to ${presigned} failed`, downloadUrl: presigned }));
  } else if (path.includes("/export/running")) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "running", downloadUrl: presigned }));
  } else if (path.includes("/export/text")) {
    res.writeHead(403, { "content-type": "text/plain" });
    res.end(`forbidden; you sent ${sent.join(" and ")}`);
  } else {
    res.writeHead(403, {
      "content-type": "application/json",
      "x-echo": `${sent.join(",")}`,
      "set-cookie": `session=${TOKEN}`,
      "x-request-id": "req_1",
    });
    res.end(
      JSON.stringify({
        code: "forbidden",
        message: `Missing scope: giftcards:export (Authorization: ${sent[0]})`,
        request_id: "req_1",
        echoed: { headers: sent, [String(sent[1])]: "as a key" },
      }),
    );
  }
}

beforeAll(async () => {
  seen = [];
  server = await startServer(echo);
  storage = await startServer(echo); // another origin: a storage host, which gets no credentials
});
afterAll(async () => {
  await server.close();
  await storage.close();
});

function hostileClient() {
  let call = 0;
  return createLoyaltyDogClient({
    token: TOKEN,
    merchantToken: MERCHANT,
    // A token function: every value it has returned lately is a secret too.
    customerToken: () => CUSTOMER_VALUES[call++ % 2] as string,
    baseUrl: server.url,
    maxRetries: 0,
  });
}

describe("server text that echoes credentials", () => {
  it("keeps no token in message, body, headers, JSON or inspect (JSON and text bodies, two token-function values)", async () => {
    const client = hostileClient();
    const first = await rejectionOf(
      client.GET(STATUS, { params: { path: { task_id: "json" } } }).then((result) => unwrap(result)),
    );
    const second = await rejectionOf(
      client.GET(STATUS, { params: { path: { task_id: "text" } } }).then((result) => unwrap(result)),
    );
    expect(seen.at(-2)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen.at(-1)?.headers["x-eposn-customer-token"]).toBe(CUSTOMER_VALUES[1]);
    expect(first).toBeInstanceOf(PermissionDeniedError);
    expect((first as PermissionDeniedError).missingScope).toBe("giftcards:export");
    expect((first as APIError).requestId).toBe("req_1");
    expect((first as APIError).message).toContain("[redacted]");
    expect((first as APIError).headers?.get("set-cookie")).toBe("[redacted]");
    expect(second).toBeInstanceOf(PermissionDeniedError);
    expect(leaks(first, ALL)).toEqual([]);
    expect(leaks(second, ALL)).toEqual([]);
  });

  it("scrubs a token passed per call, which the client was never given", async () => {
    const client = hostileClient();
    const result = await client.GET(STATUS, {
      params: { path: { task_id: "json" } },
      headers: { "x-eposn-merchant-token": PER_CALL },
    });
    expect(seen.at(-1)?.headers["x-eposn-merchant-token"]).toBe(PER_CALL);
    const error = await rejectionOf(Promise.resolve().then(() => unwrap(result)));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(leaks(error, ALL)).toEqual([]);
  });

  it("scrubs a connection error's cause that quotes a token", async () => {
    const client = createLoyaltyDogClient({
      token: TOKEN,
      baseUrl: server.url,
      maxRetries: 0,
      fetch: async (request) => {
        throw new TypeError(`proxy refused ${(request as Request).headers.get("authorization")}`, {
          cause: new Error(`upstream said ${TOKEN}`),
        });
      },
    });
    const error = await rejectionOf(client.GET(STATUS, { params: { path: { task_id: "x" } } }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(leaks(error, ALL)).toEqual([]);
  });
});

describe("raw TypeErrors that would quote their input", () => {
  const CRLF_TOKEN = "ld_live_abc\r\nX-Injected: CRLF_SECRET_0007";

  it("a token with CR/LF is refused at construction, without its value", () => {
    let error: unknown;
    try {
      createLoyaltyDogClient({ token: CRLF_TOKEN, baseUrl: server.url });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/token contains a character an HTTP header cannot carry/);
    expect(leaks(error, ["CRLF_SECRET", "ld_live_abc"])).toEqual([]);
  });

  it("a token function's value or a per-call header with CR/LF is refused before sending, without its value", async () => {
    const before = seen.length;
    const fromFunction = createLoyaltyDogClient({ token: () => CRLF_TOKEN, baseUrl: server.url, maxRetries: 0 });
    const a = await rejectionOf(fromFunction.GET(STATUS, { params: { path: { task_id: "x" } } }));
    const client = hostileClient();
    const b = await rejectionOf(
      client.GET(STATUS, {
        params: { path: { task_id: "x" } },
        headers: { "x-eposn-merchant-token": CRLF_TOKEN },
      }),
    );
    const c = await rejectionOf(
      client.request("get", STATUS, {
        params: { path: { task_id: "x" }, header: { "x-eposn-customer-token": CRLF_TOKEN } as never },
      }),
    );
    for (const error of [a, b, c]) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(leaks(error, ["CRLF_SECRET", "ld_live_abc"])).toEqual([]);
    }
    expect((b as Error).message).toMatch(/^header x-eposn-merchant-token: /);
    expect(seen.length).toBe(before);
  });

  it("download() refuses a URL with user info, keeping neither it nor the signature", async () => {
    const client = hostileClient();
    const url = `https://user:PASSWORD_SECRET_0008@storage.example/x.csv?X-Amz-Signature=${SIGNATURE}`;
    const error = await rejectionOf(download(client, url));
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).url).toBe("https://storage.example/x.csv?X-Amz-Signature=[redacted]");
    expect(leaks(error, [...ALL, "PASSWORD_SECRET", "user:"])).toEqual([]);
  });
});

describe("presigned URLs in server text", () => {
  it("a storage 403 whose <Message> quotes the URL keeps no signature", async () => {
    const client = hostileClient();
    const error = await rejectionOf(
      download(client, `${storage.url}/bucket/export.csv?X-Amz-Credential=AKIA%2Fx&X-Amz-Signature=${SIGNATURE}`),
    );
    expect(error).toBeInstanceOf(DownloadExpiredError);
    expect((error as Error).message).toMatch(/AccessDenied: Request has expired/);
    expect(leaks(error, ALL)).toEqual([]);
  });

  it("a failed task's text and lastStatus, and a timed-out wait's state, keep no signature", async () => {
    const client = hostileClient();
    const failed = await rejectionOf(waitForAuditLogExport(client, "failed"));
    expect(failed).toBeInstanceOf(TaskFailedError);
    expect((failed as TaskFailedError).lastStatus).toMatchObject({ status: "failed" });
    expect(leaks(failed, ALL)).toEqual([]);

    const timedOut = await rejectionOf(waitForAuditLogExport(client, "running", { maxWaitMs: 0 }));
    expect(timedOut).toBeInstanceOf(WaitTimeoutError);
    expect((timedOut as WaitTimeoutError).state.lastStatus).toMatchObject({ status: "running" });
    expect(leaks(timedOut, ALL)).toEqual([]);
  });
});
