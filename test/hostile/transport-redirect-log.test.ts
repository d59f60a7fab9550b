import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionError, createLoyaltyDogClient, type Logger } from "../../src/index.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { expectTypedAndClean, rejection, TOKEN } from "./transport-support.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  const logger: Logger = { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
  return { logger, lines };
}

describe("redirect errors are logged", () => {
  it("a redirect loop ends in a typed error and an error line, with no secret in either", async () => {
    server = await startServer((req, res) => {
      res.writeHead(302, { location: `/loop/${(req.url?.length ?? 0) + 1}?token=LOOP_SECRET` });
      res.end();
    });
    const { logger, lines } = recordingLogger();
    const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.url, logger, maxRetries: 2 });
    const error = await rejection(client.GET("/v2/token"));
    expectTypedAndClean(error, APIConnectionError, "LOOP_SECRET");
    expect((error as Error).message).toMatch(/more than 5 redirects/);
    expect(lines).toEqual([
      {
        level: "error",
        message: expect.stringMatching(/^loyaltydog GET \/v2\/token APIConnectionError \d+ms attempt=1 request_id=/),
      },
    ]);
    for (const line of lines) expect(line.message).not.toContain(TOKEN);
  });
});
