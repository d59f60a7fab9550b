// One worker process of the Redis tests: makes CALLS calls, one after another, on the shared key through a
// Redis-backed limiter, and prints one JSON line with what happened to each. Each call carries its own
// X-Request-Id (`w<worker>-<call>`), so the test can match the server's log against the worker's outcomes.
import { existsSync } from "node:fs";
import { Redis } from "ioredis";
import { createLoyaltyDogClient, RateLimitError } from "../../../src/index.js";
import { createRedisRateLimiter, QuotaExhaustedError } from "../../../src/rate-limit-redis.js";

const env = (name: string) => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const worker = env("WORKER");
const calls = Number(env("CALLS"));
const redis = new Redis({
  host: "127.0.0.1",
  port: Number(env("REDIS_PORT")),
  // While Redis is away a command must fail at once (the limiter then falls back), and reconnect soon.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 1_000,
  retryStrategy: () => 100,
});
redis.on("error", () => {});
const modes: string[] = [];
const rateLimit = createRedisRateLimiter({
  redis,
  workers: Number(env("WORKERS")),
  timeScale: Number(env("TIME_SCALE")),
  marginMs: Number(env("MARGIN_MS")),
  addressKey: "test-machine",
  onRateLimit: (snapshot) => {
    if (modes.at(-1) !== snapshot.mode) modes.push(snapshot.mode);
  },
});
const client = createLoyaltyDogClient({ token: env("TOKEN"), baseUrl: env("API_URL"), rateLimit, maxRetries: 4 });

// Connected before the first call: a limiter that finds no Redis counts on its share alone (the fallback).
await new Promise((resolve) => redis.once("ready", resolve));
// Warm up (first connection, first compile) outside the measured run, which then starts with a fresh window.
for (let i = 0; i < Number(process.env.WARMUP ?? 0); i++) await client.GET("/v2/token");
process.stdout.write("ready\n");
// All workers start together (the test creates GO_FILE once every one is ready), so the run measures the limiter.
while (!existsSync(env("GO_FILE"))) await new Promise((resolve) => setTimeout(resolve, 10));
const outcomes: { id: string; status?: number; error?: string; at: number }[] = [];
// A few calls in flight at once, as a real worker has: the limiter, not the worker, sets the pace.
let next = 0;
let stopped = false;
async function lane(): Promise<void> {
  while (!stopped && next < calls) {
    const id = `w${worker}-${next++}`;
    try {
      const { response, error } = await client.GET("/v2/token", { headers: { "x-request-id": id } });
      outcomes.push({ id, status: response.status, at: Date.now() });
      if ((error as { code?: string } | undefined)?.code === "monthly_quota_exceeded") stopped = true;
    } catch (error) {
      const name =
        error instanceof QuotaExhaustedError
          ? "QuotaExhaustedError"
          : error instanceof RateLimitError
            ? "RateLimitError"
            : String((error as Error).name);
      outcomes.push({ id, error: name, at: Date.now() });
      if (error instanceof QuotaExhaustedError) stopped = true;
    }
  }
}
await Promise.all(Array.from({ length: Number(env("CONCURRENCY")) }, lane));
process.stdout.write(`${JSON.stringify({ worker, outcomes, modes })}\n`);
redis.disconnect();
