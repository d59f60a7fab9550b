// One typed GET through openai-node (a Stainless-generated client: retries, timeouts, typed errors, request ids),
// as a full-featured anchor for the per-call and bundle rows (see ../../ours/call.ts). Its generic `get` sends the
// same path with the same bearer token; defaults otherwise (2 retries, a 10-minute timeout that cancels).
import OpenAI from "openai";

export function connect(baseUrl: string, fetchImpl: typeof fetch): (taskId: string) => Promise<unknown> {
  const client = new OpenAI({ apiKey: "ld_test_bench", baseURL: baseUrl, fetch: fetchImpl });
  return async (taskId) => {
    const data = await client.get<unknown, { status?: string }>(`/v2/giftcards/audit-logs/export/${taskId}`);
    if (data?.status === undefined) throw new Error("openai: no data");
    return data.status;
  };
}
