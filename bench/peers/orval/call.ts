// One typed call through orval's generated fetch function (see ../ours/call.ts). orval's fetch client calls
// the global `fetch` with a path relative to the spec (it has no runtime base URL: orval's config can bake one
// in at generation time, or a custom-fetch mutator adds it), so the global fetch is set to one that prefixes the
// base URL: one string concatenation per call.
import { getExportStatusV2GiftcardsAuditLogsExportTaskIdGet } from "../../../.tmp/bench-peers/orval/api.js";

export function connect(baseUrl: string, fetchImpl: typeof fetch): (taskId: string) => Promise<unknown> {
  globalThis.fetch = ((input: string, init?: RequestInit) => fetchImpl(`${baseUrl}${input}`, init)) as typeof fetch;
  const init = { headers: { Authorization: "Bearer ld_test_bench" } };
  return async (taskId) => {
    const response = await getExportStatusV2GiftcardsAuditLogsExportTaskIdGet(taskId, init);
    if (response.status !== 200) throw new Error(`orval: HTTP ${response.status}`);
    return response.data.status;
  };
}
