// One GET through ofetch (JSON parsing, errors thrown, retries on a few statuses; no timeout unless asked), as the
// minimal anchor for the per-call and bundle rows (see ../../ours/call.ts): the same path and bearer token, defaults
// otherwise. Untyped: ofetch knows nothing of the spec.
import { ofetch } from "ofetch";

export function connect(baseUrl: string, fetchImpl: typeof fetch): (taskId: string) => Promise<unknown> {
  const api = ofetch.create(
    { baseURL: baseUrl, headers: { Authorization: "Bearer ld_test_bench" } },
    { fetch: fetchImpl },
  );
  return async (taskId) => {
    const data = await api<{ status?: string }>(`/v2/giftcards/audit-logs/export/${taskId}`);
    if (data?.status === undefined) throw new Error("ofetch: no data");
    return data.status;
  };
}
