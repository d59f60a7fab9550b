/**
 * The real-server throughput harness shared by bench/concurrency.ts and bench/peers.ts: a node:http server on
 * 127.0.0.1 in the parent answering every request with the same small JSON body (keep-alive), and, in a fresh
 * child process per round, a driver that keeps N calls in flight and reports req/s, RSS and how many
 * MaxListenersExceededWarning it saw. A fresh process per round means no variant inherits another's warmed-up
 * sockets or heap.
 */
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { now } from "./harness.js";

export const TASK_ID = "3f0c2a51-0d7e-4a43-9f5d-8a8f3f0b9d11";
/** The status of a running audit-log export: what GET /v2/giftcards/audit-logs/export/{task_id} answers. */
export const STATUS_BODY = JSON.stringify({ taskId: TASK_ID, status: "running", progress: 42 });

export interface ChildResult {
  reqPerSec: number;
  warnings: number;
  /** RSS after the warm-up and at the end of the timed run, bytes. */
  rssWarm: number;
  rssEnd: number;
}

export interface JsonServer {
  baseUrl: string;
  close(): void;
}

/** Starts the server every round calls: 200 with `body` as JSON, keep-alive, on an ephemeral 127.0.0.1 port. */
export async function startJsonServer(body = STATUS_BODY): Promise<JsonServer> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * In the child: warms up, then makes `total` calls with `concurrency` in flight, and writes one ChildResult
 * as JSON on stdout. `call` must throw when it gets no data, so a broken variant cannot look fast.
 */
export async function driveCalls(call: () => Promise<unknown>, concurrency: number, total: number): Promise<void> {
  let warnings = 0;
  process.on("warning", (warning) => {
    if (warning.name === "MaxListenersExceededWarning") warnings++;
  });
  const run = async (n: number) => {
    let started = 0;
    const worker = async () => {
      while (started < n) {
        started++;
        await call();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  };
  await run(Math.min(1000, Math.max(200, total / 4))); // warm-up: JIT, sockets
  const rssWarm = process.memoryUsage().rss;
  const start = now();
  await run(total);
  const ms = now() - start;
  await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
  const result: ChildResult = {
    reqPerSec: (total * 1000) / ms,
    warnings,
    rssWarm,
    rssEnd: process.memoryUsage().rss,
  };
  process.stdout.write(JSON.stringify(result));
}

/**
 * In the parent: runs `script --child …args` under tsx and parses its ChildResult. Asynchronous on purpose:
 * the parent is the server and must keep serving while the child calls it.
 */
export function runChild(script: string, args: readonly string[], label: string): Promise<ChildResult> {
  return new Promise<ChildResult>((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", script, "--child", ...args],
      { maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${label} failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as ChildResult);
      },
    );
  });
}
