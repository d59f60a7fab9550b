// One typed call through the @hey-api/openapi-ts fetch client and SDK function (see ../ours/call.ts).
import { createClient } from "../../../.tmp/bench-peers/hey-api/client/index.js";
import { getExportStatusV2GiftcardsAuditLogsExportTaskIdGet } from "../../../.tmp/bench-peers/hey-api/sdk.gen.js";

export function connect(baseUrl: string, fetchImpl: typeof fetch): (taskId: string) => Promise<unknown> {
  const client = createClient({ baseUrl, fetch: fetchImpl, headers: { Authorization: "Bearer ld_test_bench" } });
  return async (taskId) => {
    const { data } = await getExportStatusV2GiftcardsAuditLogsExportTaskIdGet({ client, path: { task_id: taskId } });
    if (data === undefined) throw new Error("hey-api: no data");
    return data.status;
  };
}
