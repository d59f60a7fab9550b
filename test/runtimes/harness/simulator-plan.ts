/**
 * One simulator per runtime row, on two fresh 127.0.0.1 ports, prepared with
 * the faults and task behaviours the conformance script expects, and checked
 * afterwards from the server's side: what the runtime's fetch really sent.
 */

import { withCors } from "../../../src/testing/cors.js";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type ListeningSimulator,
  type LoyaltyDogSimulator,
} from "../../../src/testing/index.js";
import { serveOnLoopback } from "../../../src/testing/node-http-adapter.js";

export interface PlannedSimulator {
  sim: LoyaltyDogSimulator;
  servers: ListeningSimulator;
  /** Another origin that answers every request with a 307 to the same path on the API (marked `?via=redirect`). */
  redirectUrl: string;
  token: string;
  close(): Promise<void>;
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
  const redirector = await serveOnLoopback(
    withCors(async (request) => {
      const url = new URL(request.url);
      const location = `${servers.apiUrl}${url.pathname}?via=redirect`;
      return new Response(null, { status: 307, headers: { location } });
    }),
  );
  return {
    sim,
    servers,
    redirectUrl: redirector.url,
    token: DEFAULT_SIMULATOR_TOKEN,
    close: async () => {
      await Promise.all([servers.close(), redirector.close()]);
    },
  };
}

/** The API request that arrived through the cross-origin redirect, if any. */
export function redirectedRequest({ sim }: PlannedSimulator) {
  return sim.requests.find((r) => r.query.via === "redirect");
}

/** What the server saw, checked against the plan; returns the problems found (none: the wire was right). */
export function wireProblems(planned: PlannedSimulator): string[] {
  const { sim, servers } = planned;
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
  const hop = redirectedRequest(planned);
  if (!hop) problems.push("no request arrived through the cross-origin redirect");
  else {
    for (const secret of ["authorization", "x-eposn-merchant-token"]) {
      if (secret in hop.headers) problems.push(`${secret} crossed the cross-origin redirect`);
    }
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
