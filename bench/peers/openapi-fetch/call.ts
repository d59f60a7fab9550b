// One typed call through bare openapi-fetch on freshly generated openapi-typescript `paths` (see ../ours/call.ts).
import createClient from "openapi-fetch";
import type { paths } from "../../../.tmp/bench-peers/openapi-typescript/schema.js";

export function connect(baseUrl: string, fetchImpl: typeof fetch): (taskId: string) => Promise<unknown> {
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl, headers: { Authorization: "Bearer ld_test_bench" } });
  return async (taskId) => {
    const { data } = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
      params: { path: { task_id: taskId } },
    });
    if (data === undefined) throw new Error("openapi-fetch: no data");
    return data.status;
  };
}
