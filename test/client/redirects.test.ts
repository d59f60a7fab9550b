import { afterEach, describe, expect, it } from "vitest";
import { createLoyaltyDogClient } from "../../src/index.js";
import { startServer, type TestServer } from "../support/http-server.js";

// Two real origins (two ports): credentials must stay with the API's own origin.
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

describe("redirects", () => {
  it("drops Authorization and X-Eposn-* tokens on a redirect to another origin", async () => {
    const seen: Record<string, string | string[] | undefined>[] = [];
    const other = await serve((req, res) => {
      seen.push(req.headers);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ id: "u1", email: "a@example.com", active: true, admin: false }));
    });
    const api = await serve((req, res) => {
      seen.push(req.headers);
      if (req.url === "/v2/token") {
        res.statusCode = 307;
        res.setHeader("location", `${other.url}/elsewhere`);
        return res.end();
      }
      res.statusCode = 404;
      res.end();
    });
    const client = createLoyaltyDogClient({ token: "ld_test_SECRET", merchantToken: "m-SECRET", baseUrl: api.url });
    const { data } = await client.GET("/v2/token");
    expect(data?.email).toBe("a@example.com");
    expect(seen[0]?.authorization).toBe("Bearer ld_test_SECRET");
    expect(seen[1]?.authorization).toBeUndefined();
    expect(seen[1]?.["x-eposn-merchant-token"]).toBeUndefined();
    expect(seen[1]?.["x-request-id"]).toBe(seen[0]?.["x-request-id"]);
  });

  it("keeps credentials on a same-origin redirect and stops after 5 hops", async () => {
    const seen: (string | undefined)[] = [];
    const api = await serve((req, res) => {
      seen.push(req.headers.authorization);
      if (req.url === "/v2/token") {
        res.statusCode = 302;
        res.setHeader("location", "/v2/token/again");
        return res.end();
      }
      if (req.url?.startsWith("/loop")) {
        res.statusCode = 302;
        res.setHeader("location", `/loop${seen.length}`);
        return res.end();
      }
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
    const client = createLoyaltyDogClient({ token: "t", baseUrl: api.url, maxRetries: 0 });
    await client.GET("/v2/token");
    expect(seen).toEqual(["Bearer t", "Bearer t"]);

    const loop = createLoyaltyDogClient({ token: "t", baseUrl: `${api.url}/loop`, maxRetries: 0 });
    await expect(loop.GET("/v2/token")).rejects.toThrow(/redirects/);
  });
});
