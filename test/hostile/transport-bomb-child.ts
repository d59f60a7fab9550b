// Run as its own process by transport-size-limit.test.ts, so its RSS growth is this call's alone.
import { createLoyaltyDogClient } from "../../src/index.js";

const [baseUrl] = process.argv.slice(2);
const client = createLoyaltyDogClient({
  token: "ld_test_HOSTILE_SECRET_TOKEN",
  baseUrl: baseUrl as string,
  maxRetries: 0,
});
await client.GET("/v2/token").catch(() => {}); // warm-up: fetch and zlib load lazily
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 2);
const started = Date.now();
const outcome = await client.GET("/v2/token", { headers: { "x-bomb": "1" } }).then(
  () => ({ name: "no error" }),
  (error: Error) => ({ name: error.name, message: error.message }),
);
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(JSON.stringify({ ...outcome, ms: Date.now() - started, rssGrowth: peak - before }));
