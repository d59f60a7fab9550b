/**
 * Happy-path answers for the calls most consumers make, written with the typed
 * handlers so they break at compile time when the spec moves. Stateless and
 * instant: a task is done on its first poll. Override one per test with
 * `server.use(...)`; for timing, faults and idempotency use the simulator.
 */
import { type HttpHandler, HttpResponse, http } from "msw";
import type { AuditLogEntry } from "../types.js";
import { fixtures, taskUuid } from "./fixtures.js";
import { createLoyaltyDogHttp } from "./loyaltydog-http.js";
import { DEFAULT_STORAGE_URL } from "./simulator/config.js";

export interface DefaultHandlersOptions {
  /** API origin (default `https://api.loyalty.dog`). */
  baseUrl?: string;
  /** Origin of the download URLs handed out, also served here (default an S3 bucket host). */
  storageUrl?: string;
  /** Entries served by `GET /v2/giftcards/audit-logs` (default 120 generated ones). */
  auditLogEntries?: readonly AuditLogEntry[];
}

export function defaultHandlers(options: DefaultHandlersOptions = {}): HttpHandler[] {
  const loyaltyDog = createLoyaltyDogHttp(options);
  const storage = (options.storageUrl ?? DEFAULT_STORAGE_URL).replace(/\/+$/, "");
  const entries = options.auditLogEntries ?? fixtures.auditLogEntries(120);
  const download = (key: string) => `${storage}/${key}?X-Amz-Expires=3600&X-Amz-Signature=fixture`;

  return [
    loyaltyDog.get("/v2/token", ({ response }) => response(200).json(fixtures.userRead())),

    loyaltyDog.get("/v2/giftcards/audit-logs", ({ query, response }) => {
      const page = Number(query.get("page") ?? 1);
      const limit = Number(query.get("limit") ?? 50);
      if (limit > 200) {
        return response(422).json({
          detail: [
            { loc: ["query", "limit"], msg: "Input should be less than or equal to 200", type: "less_than_equal" },
          ],
        });
      }
      return response(200).json(fixtures.auditLogPage(entries, page, limit));
    }),

    loyaltyDog.post("/v2/giftcards/audit-logs/export", ({ response }) =>
      response(202).json(fixtures.exportStatus({ taskId: taskUuid(1), status: "pending" })),
    ),

    loyaltyDog.get("/v2/giftcards/audit-logs/export/{task_id}", ({ params, response }) =>
      response(200).json(
        fixtures.exportStatus({
          taskId: params.task_id,
          status: "success",
          downloadUrl: download(`exports/audit-logs/${params.task_id}.csv`),
        }),
      ),
    ),

    loyaltyDog.post("/v2/giftcards/programs/{programId}/cards/bulk", async ({ request, response }) => {
      const body = await request.json();
      const count = body.count ?? body.recipients?.length ?? 1;
      if (count <= 50) return response(201).json(fixtures.bulkIssuanceSync(count));
      // Documented as 202 though the spec only declares 201: answer what the server sends.
      return response.untyped(HttpResponse.json(fixtures.bulkIssuanceAccepted(), { status: 202 }));
    }),

    loyaltyDog.get("/v2/giftcards/programs/{programId}/cards/bulk/{taskId}", ({ params, response }) =>
      response(200).json(
        fixtures.bulkIssuanceTaskStatus({
          taskId: params.taskId,
          status: "completed",
          issuedCount: 3,
          failedCount: 0,
          cards: [0, 1, 2].map((i) => fixtures.bulkIssuedCard(i)),
          csvDownloadUrl: download(`bulk/${params.taskId}.csv`),
        }),
      ),
    ),

    loyaltyDog.post("/v2/giftcards/gdpr/export", async ({ request, response }) => {
      const body = await request.json();
      return response(200).json(
        fixtures.gdprExport({ format: body.format, downloadUrl: download(`gdpr/gdpr_000001.${body.format}`) }),
      );
    }),

    // The spec types this 200 as `{}`, so the body cannot be checked: untyped.
    loyaltyDog.post("/v2/giftcards/programs/{programId}/analytics/export", ({ params, response }) =>
      response.untyped(HttpResponse.json({ downloadUrl: download(`analytics/${params.programId}/1.csv`) })),
    ),

    // The download side: whatever key was handed out, a small CSV.
    http.get(`${storage}/*`, ({ request }) =>
      request.headers.has("authorization")
        ? new HttpResponse("<Error><Code>InvalidArgument</Code></Error>", { status: 400 })
        : new HttpResponse("id,action\n1,giftcard.issued\n", { headers: { "content-type": "text/csv" } }),
    ),
  ];
}
