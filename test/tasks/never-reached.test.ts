import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { APIConnectionError, createLoyaltyDogClient } from "../../src/index.js";
import { type PollFailure, WaitTimeoutError, waitForAuditLogExport } from "../../src/tasks.js";

// A wait whose client never reaches the API ends on the first poll whose retries are spent on a connection
// error; once a status has been received, connection errors are an outage the wait rides out. Real sockets on
// 127.0.0.1 (a closed port refuses for real); a virtual clock whose sleeps advance it, so backoffs cost nothing
// and a wait that did not stop would reach its 15-minute deadline in milliseconds, not hang.
const TASK = "abc";
const STATUS_PATH = `/v2/giftcards/audit-logs/export/${TASK}`;
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await stop(server);
});

function virtualClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

/** A server that answers the status route with what `answer` returns, on `port` (0: any free one). */
async function serve(answer: () => { status: number; body: unknown }, port = 0): Promise<Server> {
  const server = createServer((request, response) => {
    const { status, body } = request.url === STATUS_PATH ? answer() : { status: 404, body: { detail: "no route" } };
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  servers.push(server);
  return server;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections(); // kept-alive sockets too: the next poll must find nothing there
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;

/** A port on 127.0.0.1 where nothing listens: one the kernel just handed out, closed again. */
async function closedPort(): Promise<number> {
  const server = await serve(() => ({ status: 500, body: {} }));
  const port = portOf(server);
  await stop(server);
  servers.splice(servers.indexOf(server), 1);
  return port;
}

describe("a wait that has never received a status", () => {
  it("fails with the APIConnectionError of its first poll: the origin and the cause, not a 15-minute silence", async () => {
    const port = await closedPort();
    const client = createLoyaltyDogClient({ token: "t", baseUrl: `http://127.0.0.1:${port}`, clock: virtualClock() });
    const error = await waitForAuditLogExport(client, TASK).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toContain(`connection to http://127.0.0.1:${port} failed: ECONNREFUSED`);
    expect((error as { cause?: { cause?: { code?: string } } }).cause?.cause?.code).toBe("ECONNREFUSED");
    expect((error as APIConnectionError).url).toBe(`http://127.0.0.1:${port}${STATUS_PATH}`);
  });

  it("rides out HTTP errors before the first status: an answer proves the server is there", async () => {
    let calls = 0;
    const server = await serve(() =>
      ++calls <= 4 ? { status: 503, body: { detail: "warming up" } } : { status: 200, body: success() },
    );
    const failures: number[] = [];
    const client = createLoyaltyDogClient({
      token: "t",
      baseUrl: `http://127.0.0.1:${portOf(server)}`,
      clock: virtualClock(),
      maxRetries: 0,
    });
    const done = await waitForAuditLogExport(client, TASK, {
      onPollError: ({ consecutiveFailures }) => void failures.push(consecutiveFailures),
    });
    expect(done.status).toBe("success");
    expect(failures).toEqual([1, 2, 3, 4]);
  });
});

describe("a wait that has received a status", () => {
  it("rides out connection errors (the API going away and coming back), reporting each failed poll", async () => {
    const first = await serve(() => ({ status: 200, body: { taskId: TASK, status: "processing" } }));
    const port = portOf(first);
    const client = createLoyaltyDogClient({ token: "t", baseUrl: `http://127.0.0.1:${port}`, clock: virtualClock() });
    const failures: PollFailure<unknown>[] = [];
    const done = await waitForAuditLogExport(client, TASK, {
      // The first status seen: take the API away.
      onProgress: async ({ status }) => {
        if (status.status === "processing") await stop(first);
      },
      // Two failed polls later, bring it back with the task done.
      onPollError: async (failure) => {
        failures.push(failure);
        if (failures.length === 2) await serve(() => ({ status: 200, body: success() }), port);
      },
    });
    expect(done.status).toBe("success");
    expect(failures.map((f) => [f.consecutiveFailures, f.error instanceof APIConnectionError])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(failures[1]?.polls).toBe(3);
    expect(failures[1]?.nextPollInMs).toBeGreaterThan(0);
    expect(failures[1]?.pollState.lastStatus).toMatchObject({ status: "processing" });
  });
});

function success() {
  return { taskId: TASK, status: "success", downloadUrl: "https://storage.example.test/x.csv" };
}
