import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runTs } from "../support/run-child.js";

// `loyaltydog tasks wait` as its own process against real sockets on 127.0.0.1: a base URL where nothing
// listens ends the wait on its first poll (it used to print nothing for 15 minutes, then "still running;
// resume with …"), and a wait that has seen a status rides out failing polls, saying so on its progress line.
const CLI = "src/cli/main.ts";
const TASK = "abc";
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(answer: (call: number) => { status: number; body: unknown; headers?: Record<string, string> }) {
  let calls = 0;
  const server = createServer((request, response) => {
    const { status, body, headers } =
      request.url === `/v2/giftcards/audit-logs/export/${TASK}`
        ? answer(++calls)
        : { status: 404, body: { detail: "no route" }, headers: {} };
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("loyaltydog tasks wait", () => {
  it("exits 1 at once with APIConnectionError, naming the origin and the cause, when nothing listens", async () => {
    const url = await serve(() => ({ status: 500, body: {} }));
    const [server] = servers.splice(0);
    await new Promise((resolve) => server?.close(resolve)); // the port is now closed: connections are refused
    const started = Date.now();
    const result = await runTs(CLI, ["tasks", "wait", TASK], {
      LOYALTYDOG_TOKEN: "ld_test_never_printed",
      LOYALTYDOG_BASE_URL: url,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`APIConnectionError: connection to ${url} failed: ECONNREFUSED`);
    expect(result.stderr).toContain("no status received: check LOYALTYDOG_BASE_URL and the network");
    expect(result.stderr).not.toContain("still running");
    expect(result.stdout).toBe("");
    // The client's retries (0.5 s and 1 s of backoff) and the child's start-up, not the wait's 15 minutes.
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("after a status, rides out failing polls and its progress line says that they fail and why", async () => {
    const url = await serve((call) =>
      call === 1
        ? { status: 200, body: { taskId: TASK, status: "processing" } }
        : call <= 4 // the second poll: the first attempt and the client's two retries, each answered 503
          ? { status: 503, body: { detail: "storage is busy" }, headers: { "retry-after-ms": "1" } }
          : { status: 200, body: { taskId: TASK, status: "success", downloadUrl: "https://storage.example/x.csv" } },
    );
    const result = await runTs(CLI, ["tasks", "wait", TASK], {
      LOYALTYDOG_TOKEN: "ld_test_never_printed",
      LOYALTYDOG_BASE_URL: url,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/export abc: polls failing \(1 in a row: 503: storage is busy .*\) · 2 polls/);
    expect(result.stdout).toBe("https://storage.example/x.csv\n");
  });
});
