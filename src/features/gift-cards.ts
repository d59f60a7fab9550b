import { newIdempotencyKey } from "../core/idempotency.js";
import { pollTask } from "../core/poller.js";
import { classifyTaskState } from "../core/task-state.js";
import { unwrap } from "../core/unwrap.js";
import type {
  BulkIssuanceAsyncResponse,
  BulkIssuanceSyncResponse,
  BulkIssuanceTaskStatus,
  BulkIssuedCardSummary,
  BulkIssueGiftCardRequest,
} from "../types.js";
import { type FeatureContext, pollOptions, statusWithHint, type WaitOptions } from "./context.js";

/**
 * One result whichever way the server answered: synchronously (201 with the
 * cards) or asynchronously (202, or 201 with a task id) and then polled.
 * Partial failure is data here, not an exception: check `partial`.
 */
export interface BulkIssuanceResult {
  mode: "sync" | "async";
  /** The task id (async mode), the resume token for `waitForBulkIssuance`. */
  taskId: string | null;
  issuedCount: number;
  failedCount: number;
  /** True when some cards were not issued (`failedCount > 0`); see `error`. */
  partial: boolean;
  cards: BulkIssuedCardSummary[];
  /** Present in count-only mode: the card numbers as CSV (presigned; fetch with `client.download`). */
  csvDownloadUrl: string | null;
  error: string | null;
  /** The key the issuance was sent with: reuse it to retry the same issuance safely. */
  idempotencyKey: string | null;
}

export interface BulkIssueOptions extends WaitOptions<BulkIssuanceTaskStatus> {
  /** Defaults to a fresh UUID, so a retried start never issues twice. */
  idempotencyKey?: string;
}

export interface GiftCards {
  bulkIssueAndWait(
    programId: string,
    body: BulkIssueGiftCardRequest,
    options?: BulkIssueOptions,
  ): Promise<BulkIssuanceResult>;
  waitForBulkIssuance(
    programId: string,
    taskId: string,
    options?: WaitOptions<BulkIssuanceTaskStatus>,
  ): Promise<BulkIssuanceResult>;
}

export function giftCards(ctx: FeatureContext): GiftCards {
  const waitForBulkIssuance: GiftCards["waitForBulkIssuance"] = async (programId, taskId, options) => {
    const status = await pollTask<BulkIssuanceTaskStatus>(
      {
        taskId,
        kind: "bulk gift-card issuance",
        async fetchStatus(signal) {
          const result = await ctx.api.GET("/v2/giftcards/programs/{programId}/cards/bulk/{taskId}", {
            params: { path: { programId, taskId } },
            signal,
          });
          return statusWithHint(ctx, result);
        },
        stateOf: (s) => classifyTaskState(s.status),
      },
      pollOptions(ctx, options),
    );
    return result("async", taskId, status, null);
  };

  return {
    waitForBulkIssuance,
    async bulkIssueAndWait(programId, body, options = {}) {
      const { idempotencyKey = newIdempotencyKey(), ...wait } = options;
      const answer = unwrap(
        await ctx.api.POST("/v2/giftcards/programs/{programId}/cards/bulk", {
          params: { path: { programId }, header: { "idempotency-key": idempotencyKey } },
          body,
          signal: options.signal,
        }),
      ) as BulkIssuanceSyncResponse | BulkIssuanceAsyncResponse;
      if (!("cards" in answer) && typeof answer.taskId === "string") {
        const done = await waitForBulkIssuance(programId, answer.taskId, wait);
        return { ...done, idempotencyKey };
      }
      return result("sync", null, answer as BulkIssuanceSyncResponse, idempotencyKey);
    },
  };
}

function result(
  mode: BulkIssuanceResult["mode"],
  taskId: string | null,
  body: BulkIssuanceSyncResponse | BulkIssuanceTaskStatus,
  idempotencyKey: string | null,
): BulkIssuanceResult {
  const failedCount = body.failedCount ?? 0;
  return {
    mode,
    taskId,
    issuedCount: body.issuedCount ?? 0,
    failedCount,
    partial: failedCount > 0,
    cards: body.cards ?? [],
    csvDownloadUrl: body.csvDownloadUrl ?? null,
    error: "error" in body ? (body.error ?? null) : null,
    idempotencyKey,
  };
}
