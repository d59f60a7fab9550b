// One GET through stripe-node's `rawRequest` (retries, timeouts, typed errors, telemetry headers), as a
// full-featured anchor for the per-call and bundle rows (see ../../ours/call.ts). It sends the bearer token from its
// API key, over the given fetch (its fetch HTTP client, as on workers); defaults otherwise (80 s timeout).
import Stripe from "stripe";

export function connect(baseUrl: string, fetchImpl: typeof fetch): (taskId: string) => Promise<unknown> {
  const url = new URL(baseUrl);
  const stripe = new Stripe("ld_test_bench", {
    host: url.hostname,
    port: url.port || (url.protocol === "https:" ? 443 : 80),
    protocol: url.protocol === "https:" ? "https" : "http",
    httpClient: Stripe.createFetchHttpClient(fetchImpl),
  });
  return async (taskId) => {
    const data = (await stripe.rawRequest("GET", `/v2/giftcards/audit-logs/export/${taskId}`)) as { status?: string };
    if (data?.status === undefined) throw new Error("stripe: no data");
    return data.status;
  };
}
