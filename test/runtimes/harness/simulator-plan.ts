/**
 * One simulator per runtime row, on two fresh 127.0.0.1 ports, prepared with
 * the faults and task behaviours the conformance script expects, and checked
 * afterwards from the server's side: what the runtime's fetch really sent.
 */
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type ListeningSimulator,
  type LoyaltyDogSimulator,
} from "../../../src/testing/index.js";

export interface PlannedSimulator {
  sim: LoyaltyDogSimulator;
  servers: ListeningSimulator;
  token: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export async function startPlannedSimulator(options: { cors: boolean }): Promise<PlannedSimulator> {
  const sim = createLoyaltyDogSimulator({ rateLimit: false, auditLogCount: 120 });
  // Retry-After 0: the retry waits only the SDK's own backoff, not the default 1 s hint.
  sim.failNext(1, 503, { method: "GET", path: "/v2/token", retryAfterSeconds: 0 });
  sim.failNext(1, 503, { method: "POST", path: "/v2/giftcards/audit-logs/export", retryAfterSeconds: 0 });
  sim.nextTask({ pollsToComplete: 2 }); // the export that is downloaded
  sim.nextTask({ pollsToComplete: 1_000_000 }); // the export whose wait is aborted
  const servers = await sim.listen({ cors: options.cors });
  return { sim, servers, token: DEFAULT_SIMULATOR_TOKEN };
}

/** What the server saw, checked against the plan; returns the problems found (none: the wire was right). */
export function wireProblems({ sim, servers }: PlannedSimulator): string[] {
  const problems: string[] = [];
  if (sim.pendingFaults !== 0) problems.push(`${sim.pendingFaults} planned 503(s) never fired`);
  const starts = sim.requests.filter((r) => r.method === "POST" && r.path === "/v2/giftcards/audit-logs/export");
  const [failed, retried] = starts;
  if (failed?.status !== 503 || retried?.status !== 202) {
    problems.push(`export start: expected 503 then 202, saw ${starts.map((r) => r.status).join(", ")}`);
  } else if (!failed.idempotencyKey || failed.idempotencyKey !== retried.idempotencyKey) {
    problems.push("the retried export start did not reuse its Idempotency-Key");
  }
  for (const r of sim.requests) {
    if (!UUID.test(r.requestId)) problems.push(`${r.method} ${r.path}: X-Request-Id ${r.requestId} is not a v4 UUID`);
  }
  const storage = sim.storageRequests.filter((r) => r.method === "GET");
  if (storage.length === 0) problems.push("the storage origin saw no download");
  for (const r of storage) {
    for (const secret of ["authorization", "x-eposn-merchant-token"]) {
      if (secret in r.headers) problems.push(`the storage origin received ${secret}`);
    }
    if (!r.url.startsWith(servers.storageUrl)) problems.push(`storage request to ${r.url}`);
  }
  return problems;
}
