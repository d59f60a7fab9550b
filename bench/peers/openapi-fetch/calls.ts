// The peer type-check consumer for bare openapi-typescript + openapi-fetch: the same 8 calls as
// ../ours/calls.ts, on `paths` generated fresh from the pinned spec into the scratch folder (as a schema.d.ts,
// as openapi-typescript's docs do).
import createClient from "openapi-fetch";
import type { paths } from "../../../.tmp/bench-peers/openapi-typescript/schema.js";

export async function consumer(): Promise<unknown[]> {
  const client = createClient<paths>({
    baseUrl: "https://api.loyalty.dog",
    headers: { Authorization: "Bearer ld_test_x" },
  });
  const status = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
    params: { path: { task_id: "3f0c" } },
  });
  const logs = await client.GET("/v2/giftcards/audit-logs", { params: { query: { page: 2 } } });
  const health = await client.GET("/v2/giftcards/health");
  const theme = await client.GET("/v2/giftcards/merchants/theme");
  const overview = await client.GET("/v2/giftcards/network/overview");
  const cards = await client.GET("/v2/giftcards/programs/{programId}/cards", { params: { path: { programId: "p1" } } });
  const card = await client.GET("/v2/giftcards/programs/{programId}/cards/{cardId}", {
    params: { path: { programId: "p1", cardId: "c1" } },
  });
  const started = await client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } });
  return [
    status.data?.status,
    logs.data,
    health.data,
    theme.data,
    overview.data,
    cards.data,
    card.data,
    started.data?.taskId,
  ];
}
