import { afterEach, describe, expect, it } from "vitest";
import { createLoyaltyDogClient, InvalidResponseError } from "../../src/index.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { expectTypedAndClean, params, rejection, STATUS, TOKEN } from "./transport-support.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("a 2xx body that is not JSON", () => {
  it.each([
    ["with a Content-Length", true],
    ["chunked", false],
  ])("is an InvalidResponseError that quotes nothing (%s)", async (_label, withLength) => {
    const body = `{"taskId": BODY_SECRET ${TOKEN}`;
    server = await startServer((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        ...(withLength ? { "content-length": Buffer.byteLength(body) } : {}),
      });
      res.end(body);
    });
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url });
    const error = await rejection(client.GET(STATUS, { params }));
    expect(error).not.toBeInstanceOf(SyntaxError);
    expectTypedAndClean(error, InvalidResponseError, "BODY_SECRET");
    expect(error).toMatchObject({
      method: "GET",
      status: 200,
      url: `${server?.url}/v2/giftcards/audit-logs/export/t1`,
    });
    expect((error as Error).message).toContain("(GET /v2/giftcards/audit-logs/export/t1)");
  });
});
