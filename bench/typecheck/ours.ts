// Consumer type-check benchmark (bench/typecheck.ts): ~10 typed calls and one
// task helper through @loyaltydog/sdk(/tasks), resolved like a consumer's import (the
// package's own exports map, so the built dist/ .d.ts files). Compare bare.ts.
import { createLoyaltyDogClient } from "@loyaltydog/sdk";
import { exportAuditLogsAndWait } from "@loyaltydog/sdk/tasks";

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
  const trends = await client.GET("/v2/giftcards/programs/{programId}/analytics/trends", {
    params: { path: { programId: "p1" } },
  });
  const bulk = await client.GET("/v2/giftcards/programs/{programId}/cards/bulk/{taskId}", {
    params: { path: { programId: "p1", taskId: "t1" } },
  });
  const consent = await client.GET("/v2/giftcards/gdpr/consent/{customerId}", {
    params: { path: { customerId: "cu1" } },
  });
  const started = await client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } });
  const seen: unknown[] = [
    status.data?.status,
    logs.data,
    health.data,
    theme.data,
    overview.data,
    cards.data,
    card.data,
    trends.data,
    bulk.data,
    consent.data,
    started.data?.taskId,
  ];
  const done = await exportAuditLogsAndWait(client, { format: "csv" }, { maxWaitMs: 60_000 });
  seen.push(done.downloadUrl);
  return seen;
}
