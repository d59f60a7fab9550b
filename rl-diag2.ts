import { createLoyaltyDogSimulator } from "./src/testing/index.js";
import { startTs, REPO_ROOT } from "./test/support/run-child.js";
const BUDGETS0 = [
  { name: "burst", limit: 60, window: 6000 },
  { name: "hourly", limit: 1000, window: 240000 },
  { name: "monthly", limit: 10000, window: 172800000, hardStop: true },
  { name: "edge", limit: 300, window: 1000, scope: "ip" },
];
const sim = createLoyaltyDogSimulator({ clock: { now: Date.now }, tokens: ["ld_test_w"], rateLimit: { timeScale: 10 } });
const inner = sim.fetch;
const log: string[] = [];
let t0 = 0;
(sim as any).fetch = async (req: Request) => {
  const at = Date.now(); if (!t0) t0 = at;
  const id = req.headers.get("x-request-id");
  const res = await inner(req);
  log.push(`${at - t0} ${id} ${res.status} L=${res.headers.get("x-ratelimit-limit")} R=${res.headers.get("x-ratelimit-remaining")} reset=${res.headers.get("x-ratelimit-reset")}`);
  return res;
};
const l = await sim.listen();
const kids = Array.from({ length: 8 }, (_, w) => startTs(`${REPO_ROOT}test/rate-limit/children/redis-worker.ts`, [], {
  WORKER: String(w), CALLS: "30", WORKERS: "8", REDIS_PORT: "6399", TIME_SCALE: "10", CONCURRENCY: "4", MARGIN_MS: "400", TOKEN: "ld_test_w", API_URL: l.apiUrl }));
const results = await Promise.all(kids.map((k) => k.done));
for (const r of results) if (r.code) console.log(r.stderr);
const idx = log.map((line, i) => [line, i] as const).filter(([line]) => / 429 /.test(line));
console.log(log.filter((x) => / R=59 / .test(x) || / 429 /.test(x) || / R=0 /.test(x)).join("\n"));
console.log("429s", idx.length, "total", log.length);
await l.close();
