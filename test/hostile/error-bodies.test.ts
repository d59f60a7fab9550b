import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APIError,
  BadRequestError,
  createLoyaltyDogClient,
  InternalServerError,
  UnprocessableEntityError,
  unwrap,
} from "../../src/index.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { runTs } from "../support/run-child.js";

// What an error makes of a hostile error body: time linear in it, a capped message, a capped copy kept.
const MAX_MESSAGE = 2_000;
const MAX_KEPT_BODY = 100_000;
const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;
const TITLE_BOMB = "<title".repeat(2 ** 20 / 6);
const BIG_DETAIL = "d".repeat(4 * 2 ** 20);

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url?.endsWith("/title-bomb")) {
      res.writeHead(500, { "content-type": "text/html" });
      res.end(TITLE_BOMB);
    } else {
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ detail: BIG_DETAIL }));
    }
  });
});
afterAll(() => server.close());

async function failedCall(taskId: string) {
  const client = createLoyaltyDogClient({ token: "ld_test_hostile", baseUrl: server.url, maxRetries: 0 });
  return client.GET(STATUS, { params: { path: { task_id: taskId } } });
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("an HTML error page of 1 MB of `<title`", () => {
  it("becomes an InternalServerError in linear time (the old regex took 132 s)", async () => {
    const result = await failedCall("title-bomb");
    const started = performance.now();
    const error = thrownBy(() => unwrap(result));
    const elapsedMs = performance.now() - started;
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toBe("500: (HTML error page) (GET /v2/giftcards/audit-logs/export/title-bomb)");
    // Linear work on 1 MB is a few ms; the bound is loose so a loaded machine cannot fail it.
    expect(elapsedMs).toBeLessThan(250);
  });

  it("still reads a real page's title", () => {
    const page = "<!doctype html><html><head><TITLE lang=en>\n 502 Bad Gateway </TITLE></head><body><title>no</title>";
    const error = APIError.from({ status: 502, headers: new Headers(), body: page });
    expect(error.message).toBe("502: 502 Bad Gateway (HTML error page)");
  });
});

describe("a huge 4xx body", () => {
  it("over the wire: a 4 MB detail gives a capped message and a capped kept body", async () => {
    const result = await failedCall("big");
    const error = thrownBy(() => unwrap(result)) as BadRequestError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toMatch(/^400: d{500}… \(GET \/v2\/giftcards\/audit-logs\/export\/big\)$/);
    const kept = (error.body as { detail: string }).detail;
    expect(kept).toMatch(/^d+…\[truncated\]$/);
    expect(kept.length).toBeLessThanOrEqual(MAX_KEPT_BODY + 20);
    expect(JSON.stringify(error).length).toBeLessThan(MAX_KEPT_BODY + MAX_MESSAGE + 1_000);
  });

  it("in memory: a 200 MB detail gives a message of at most 2 000 characters", () => {
    const error = APIError.from({ status: 400, headers: new Headers(), body: { detail: "x".repeat(200e6) } });
    expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(JSON.stringify(error.body).length).toBeLessThan(MAX_KEPT_BODY + 100);
  });

  it("a 422 with a million issues keeps as many as fit and a one-line message", () => {
    const detail = Array.from({ length: 1_000_000 }, (_, i) => ({ loc: ["body", "cards", i], msg: "bad", type: "x" }));
    const error = APIError.from({ status: 422, headers: new Headers(), body: { detail } }) as UnprocessableEntityError;
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.issues.length).toBeGreaterThan(1_000);
    expect(error.issues.length).toBeLessThan(MAX_KEPT_BODY);
    expect(error.issues[0]).toEqual(detail[0]);
    expect(error.message).toMatch(/^422: body\.cards\.0: bad; body\.cards\.1: bad; .*…$/);
    expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
  });

  it("a hundred errors from 4 MB bodies, all kept alive, grow the process by far less than their bodies", async () => {
    const child = await runTs("test/hostile/fixtures/retain-errors.ts", []);
    expect(child.code, child.stderr).toBe(0);
    const figures = JSON.parse(child.stdout) as { bodyMb: number; rssGrowthMb: number; longestMessage: number };
    expect(figures.bodyMb).toBe(400);
    // Each error keeps at most 100 000 characters (~0.1 MB): ~10 MB for the lot, against 400 MB of bodies.
    expect(figures.rssGrowthMb).toBeLessThan(64);
    expect(figures.longestMessage).toBeLessThanOrEqual(MAX_MESSAGE);
  }, 60_000);
});
