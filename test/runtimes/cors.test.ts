import { afterEach, describe, expect, it } from "vitest";
import { createLoyaltyDogSimulator, DEFAULT_SIMULATOR_TOKEN } from "../../src/testing/index.js";

// The simulator's CORS option, over real sockets: what a browser asks, and what it may then read.
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function listen(cors?: boolean | { origins: string[] }) {
  const sim = createLoyaltyDogSimulator({ rateLimit: false });
  const servers = await sim.listen(cors === undefined ? {} : { cors });
  open.push(servers);
  return { sim, servers };
}

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,idempotency-key,x-request-id",
    },
  });

describe("simulator.listen({ cors })", () => {
  it("answers a preflight with the asked headers, and exposes the headers the SDK reads", async () => {
    const { servers } = await listen(true);
    const answer = await preflight(`${servers.apiUrl}/v2/giftcards/audit-logs/export`, "http://127.0.0.1:1");
    expect(answer.status).toBe(204);
    expect(answer.headers.get("access-control-allow-origin")).toBe("*");
    expect(answer.headers.get("access-control-allow-headers")).toBe("authorization,idempotency-key,x-request-id");
    expect(answer.headers.get("access-control-allow-methods")).toContain("POST");

    const response = await fetch(`${servers.apiUrl}/v2/token`, {
      headers: { origin: "http://127.0.0.1:1", authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toContain("x-request-id");
    expect(response.headers.get("access-control-expose-headers")).toContain("retry-after");
  });

  it("with a list of origins, allows those (echoed, with Vary) and refuses others", async () => {
    const { servers } = await listen({ origins: ["http://shop.example"] });
    const allowed = await preflight(`${servers.storageUrl}/x`, "http://shop.example");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("http://shop.example");
    expect(allowed.headers.get("vary")).toBe("Origin");
    expect((await preflight(`${servers.apiUrl}/v2/token`, "http://evil.example")).status).toBe(403);
  });

  it("is off by default: no preflight answer, no CORS headers", async () => {
    const { servers } = await listen();
    const answer = await preflight(`${servers.apiUrl}/v2/token`, "http://127.0.0.1:1");
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });
});
