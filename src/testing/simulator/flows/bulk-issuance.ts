/**
 * Bulk gift-card issuance: up to `bulk.syncThreshold` cards are issued at once (201, cards and a CSV); larger
 * batches become a task (202 as documented, or 201 as the spec says) polled at `…/cards/bulk/{taskId}`, with
 * optional partial failure. The POST is idempotent per `Idempotency-Key`.
 */
import type { HttpHandler } from "msw";
import type { BulkIssuanceSyncResponse, BulkIssuanceTaskStatus } from "../../../types.js";
import { cardsCsv, issuedCards } from "../content.js";
import { idempotent } from "../idempotency.js";
import {
  invalid,
  isRecord,
  notFound,
  readJson,
  retryAfterWhileRunning,
  routeContext,
  type Simulation,
} from "../route-context.js";
import { BULK_ISSUANCE_STATES, TaskProgress } from "../task-progress.js";

export function bulkIssuanceRoutes(simulation: Simulation): HttpHandler[] {
  const { http, config, state } = simulation;
  const putCardsCsv = (key: string, cards: ReturnType<typeof issuedCards>) =>
    state.storage.put(key, { contentType: "text/csv", body: () => cardsCsv(cards) });

  return [
    http.post("/v2/giftcards/programs/{programId}/cards/bulk", ({ request, params, response }) =>
      idempotent(simulation, request, async () => {
        const context = routeContext(request);
        const body = await readJson(request);
        if (!isRecord(body)) return invalid(context, "Input should be a valid dictionary", ["body"]);
        if (body.initialValue === undefined || body.initialValue === null) {
          return invalid(context, "Field required", ["body", "initialValue"]);
        }
        const count =
          typeof body.count === "number" ? body.count : Array.isArray(body.recipients) ? body.recipients.length : 0;
        if (!Number.isInteger(count) || count < 1 || count > 10_000) {
          return invalid(context, "count must be between 1 and 10000 (or give recipients)", ["body", "count"]);
        }
        const firstCard = state.reserveCards(count);
        state.stats.bulkIssuances += 1;
        if (count <= config.bulk.syncThreshold) {
          state.stats.cardsIssued += count;
          const cards = issuedCards(firstCard, count);
          const key = `bulk/${params.programId}/sync-${state.next("sync")}.csv`;
          putCardsCsv(key, cards);
          const sync: BulkIssuanceSyncResponse = {
            cards,
            issuedCount: count,
            failedCount: 0,
            csvDownloadUrl: state.presign(context.storageOrigin, key, context.now),
          };
          return response(201).json(sync);
        }
        const taskId = state.newTaskId();
        const progress = new TaskProgress(state.takeBehaviour(), BULK_ISSUANCE_STATES, context.now);
        state.tasks.set(taskId, { kind: "bulk", taskId, progress, programId: params.programId, count, firstCard });
        const failed = progress.behaviour.outcome === "failure" ? count : Math.min(count, config.bulk.failedCount);
        state.stats.cardsIssued += count - failed;
        // 202 is what the server sends (API-NOTES); the spec declares only 201, so this answer is untyped.
        return Response.json({ taskId, status: progress.peek(context.now).state }, { status: config.bulk.asyncStatus });
      }).then((answer) => response.untyped(answer)),
    ),

    http.get("/v2/giftcards/programs/{programId}/cards/bulk/{taskId}", ({ request, params, response }) => {
      const context = routeContext(request);
      const task = state.tasks.get(params.taskId);
      if (task?.kind !== "bulk" || task.programId !== params.programId) {
        return response.untyped(notFound(context, "Bulk issuance task not found"));
      }
      const snapshot = task.progress.poll(context.now);
      const status: BulkIssuanceTaskStatus = { taskId: task.taskId, status: snapshot.state };
      if (snapshot.succeeded) {
        const failedCount = Math.min(task.count, config.bulk.failedCount);
        const cards = issuedCards(task.firstCard, task.count - failedCount);
        const key = `bulk/${task.programId}/${task.taskId}.csv`;
        putCardsCsv(key, cards);
        Object.assign(status, {
          issuedCount: cards.length,
          failedCount,
          cards,
          csvDownloadUrl: state.presign(context.storageOrigin, key, context.now),
          completedAt: new Date(context.now).toISOString(),
        });
        if (failedCount > 0) status.error = `${failedCount} card(s) could not be issued`;
      }
      if (snapshot.failed) {
        Object.assign(status, {
          issuedCount: 0,
          failedCount: task.count,
          error: task.progress.behaviour.error ?? "Task failed",
        });
      }
      return response(200).json(status, {
        headers: retryAfterWhileRunning(task.progress.behaviour, snapshot.terminal),
      });
    }),
  ];
}
