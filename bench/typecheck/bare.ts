// Baseline for bench/typecheck.ts: the same calls against bare openapi-fetch
// and the generated `paths` (the same built dist/ declaration file ours uses),
// with the task helper written out by hand as a consumer would.
import createClient from "openapi-fetch";
import type { paths } from "../../dist/generated/schema.js";

export async function consumer(): Promise<unknown[]> {
  const client = createClient<paths>({ baseUrl: "https://api.loyalty.dog" });
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
  const taskId = started.data?.taskId ?? "";
  for (;;) {
    const poll = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
      params: { path: { task_id: taskId } },
    });
    if (poll.data?.status === "success" && poll.data.downloadUrl) {
      seen.push(poll.data.downloadUrl);
      return seen;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
