// The peer type-check consumer (bench/peers.ts): the same 8 typed calls every peer's calls.ts makes, here
// through @loyaltydog/sdk as a consumer imports it (the package's exports map, so the built dist/ .d.ts).
import { createLoyaltyDogClient } from "@loyaltydog/sdk";

export async function consumer(): Promise<unknown[]> {
  const client = createLoyaltyDogClient({ token: "ld_test_x" });
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
