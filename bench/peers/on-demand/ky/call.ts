// One GET through ky (retries, a timeout that cancels, HTTP errors thrown, hooks), as a full-featured anchor for
// the per-call and bundle rows (see ../../ours/call.ts): the same path and bearer token; defaults otherwise (2 retries
// for a GET, a 10 s timeout). Untyped: ky knows nothing of the spec.
import ky from "ky";

export function connect(baseUrl: string, fetchImpl: typeof fetch): (taskId: string) => Promise<unknown> {
  const api = ky.create({ baseUrl, fetch: fetchImpl, headers: { Authorization: "Bearer ld_test_bench" } });
  return async (taskId) => {
    const data = await api.get(`v2/giftcards/audit-logs/export/${taskId}`).json<{ status?: string }>();
    if (data?.status === undefined) throw new Error("ky: no data");
    return data.status;
  };
}
