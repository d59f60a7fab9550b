// One typed call through this SDK, for the peer bench's stub, real-server and bundle-size rows: the export
// status GET, which throws unless data came back (a broken variant must not look fast).
import { createLoyaltyDogClient } from "../../../src/index.js";

export function connect(baseUrl: string, fetchImpl: typeof fetch): (taskId: string) => Promise<unknown> {
  const client = createLoyaltyDogClient({ token: "ld_test_bench", baseUrl, fetch: fetchImpl });
  return async (taskId) => {
    const { data } = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
      params: { path: { task_id: taskId } },
    });
    if (data === undefined) throw new Error("this SDK: no data");
    return data.status;
  };
}
