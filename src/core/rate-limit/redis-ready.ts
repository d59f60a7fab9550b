import { noop } from "../platform/abort.js";
import type { Clock } from "../platform/clock.js";

/**
 * What the Redis limiter uses of its client, and no more: ioredis's `Redis` (5 and 6) is one. rate-limiter-flexible
 * registers its script with `defineCommand` and runs `multi()` transactions; the store's own script goes through
 * `eval`; `status`, `connect` and the events tell when the connection can take commands.
 */
export interface RedisLimiterClient {
  /** ioredis's connection state: `wait` (lazyConnect, not started), `connecting`, `ready`, `reconnecting`, `end`… */
  readonly status: string;
  /** Starts a `lazyConnect` client's connection. */
  connect(): Promise<void>;
  on(event: "ready" | "error", listener: (error?: unknown) => void): unknown;
  removeListener(event: "ready" | "error", listener: (error?: unknown) => void): unknown;
  defineCommand(name: string, definition: { numberOfKeys?: number; lua: string }): void;
  multi(): unknown;
  eval(script: string, numberOfKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/** The Redis client did not become ready in time: the limiter runs on its own share meanwhile (its `fallback`). */
export class RedisNotReadyError extends Error {
  override readonly name = "RedisNotReadyError";
}

/**
 * The wait for a client's first `ready`. A client made as ioredis's README makes it connects in the background, and
 * with `enableOfflineQueue: false` (what the limiter asks for, so a lost Redis fails fast) every command before the
 * connection is up fails at once: without this wait a worker's first calls would run on its share alone, though
 * Redis is a few milliseconds away. So the first calls wait for `ready`, at most `timeoutMs`. Once the client has
 * been ready, or the wait has run out, no call waits again: a Redis lost later fails fast, as it should.
 */
export class FirstReady {
  #done: boolean;
  #waiting: Promise<void> | undefined;

  constructor(
    private readonly client: RedisLimiterClient,
    private readonly timeoutMs: number,
    private readonly clock: Clock,
  ) {
    this.#done = timeoutMs === 0;
  }

  /**
   * Undefined when commands may be sent now (or the first wait is over); else the wait, which rejects with a
   * RedisNotReadyError when it runs out.
   */
  wait(): Promise<void> | undefined {
    if (this.#done || this.client.status === "ready") {
      this.#done = true;
      return undefined;
    }
    this.#waiting ??= this.#wait().finally(() => {
      this.#done = true;
      this.#waiting = undefined;
    });
    return this.#waiting;
  }

  async #wait(): Promise<void> {
    const client = this.client;
    if (client.status === "end") {
      throw new RedisNotReadyError(
        "the Redis client is closed (ioredis status end): quit() or disconnect() was called",
      );
    }
    const ready = new AbortController();
    let lastError = "";
    const onReady = () => ready.abort();
    const onError = (error?: unknown) => {
      lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    };
    client.on("ready", onReady);
    client.on("error", onError);
    try {
      // A lazyConnect client connects on its first command, which would fail: start it now instead.
      if (client.status === "wait") client.connect().catch(noop);
      await this.clock.sleep(this.timeoutMs, ready.signal).catch(noop);
    } finally {
      client.removeListener("ready", onReady);
      client.removeListener("error", onError);
    }
    if (ready.signal.aborted || client.status === "ready") return;
    throw new RedisNotReadyError(
      `Redis was not ready within ${this.timeoutMs} ms (ioredis status ${client.status}${lastError && `; last error: ${lastError}`})`,
    );
  }
}
