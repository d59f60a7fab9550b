import { type AnyLoyaltyDogClient, internalsOf } from "../core/client/client-internals.js";
import { unwrap } from "../core/errors/unwrap.js";
import { newIdempotencyKey } from "../core/http/idempotency.js";
import type {
  BulkIssuanceAsyncResponse,
  BulkIssuanceSyncResponse,
  BulkIssuanceTaskStatus,
  BulkIssuedCardSummary,
  BulkIssueGiftCardRequest,
  GDPRExportRequest,
  GDPRExportResponse,
} from "../types.js";
import { type CallOptions, statusRequestOptions, type WaitOptions, waitForStatus } from "./context.js";

// Spec tag "Gift Cards": bulk issuance (a background task when the server
// goes asynchronous) and the GDPR export (answered at once with a URL).

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
  /** Present in count-only mode: the card numbers as CSV (presigned; fetch with `download`). */
  csvDownloadUrl: string | null;
  error: string | null;
  /** The key the issuance was sent with: reuse it to retry the same issuance safely. */
  idempotencyKey: string | null;
}

/** What `startBulkIssuance` got back: the finished result, or the task to wait for. */
export type BulkIssuanceStart =
  | { mode: "sync"; taskId: null; idempotencyKey: string; result: BulkIssuanceResult }
  | { mode: "async"; taskId: string; idempotencyKey: string; result: null };

/** `idempotencyKey` defaults to a fresh UUID, so a retried start never issues twice. */
export type BulkIssueStartOptions = CallOptions;

export interface BulkIssueOptions extends WaitOptions<BulkIssuanceTaskStatus> {
  /** Defaults to a fresh UUID, so a retried start never issues twice. */
  idempotencyKey?: string;
}

/** Sends a bulk issuance. Small batches finish at once (`mode: "sync"`); large ones give a task id to wait for. */
export async function startBulkIssuance(
  client: AnyLoyaltyDogClient,
  programId: string,
  body: BulkIssueGiftCardRequest,
  options: BulkIssueStartOptions = {},
): Promise<BulkIssuanceStart> {
  const { api } = internalsOf(client);
  const { idempotencyKey = newIdempotencyKey(), ...perCall } = options;
  const answer = unwrap(
    await api.POST("/v2/giftcards/programs/{programId}/cards/bulk", {
      params: { path: { programId }, header: { "idempotency-key": idempotencyKey } },
      body,
      ...perCall,
    }),
  ) as BulkIssuanceSyncResponse | BulkIssuanceAsyncResponse;
  if (!("cards" in answer) && typeof answer.taskId === "string") {
    return { mode: "async", taskId: answer.taskId, idempotencyKey, result: null };
  }
  const result = resultOf("sync", null, answer as BulkIssuanceSyncResponse, idempotencyKey);
  return { mode: "sync", taskId: null, idempotencyKey, result };
}

/** Waits for an asynchronous bulk issuance started here or elsewhere. */
export async function waitForBulkIssuance(
  client: AnyLoyaltyDogClient,
  programId: string,
  taskId: string,
  options?: WaitOptions<BulkIssuanceTaskStatus>,
): Promise<BulkIssuanceResult> {
  const status = await waitForStatus<BulkIssuanceTaskStatus>(
    client,
    {
      taskId,
      kind: "bulk gift-card issuance",
      get: (api, init) =>
        api.GET("/v2/giftcards/programs/{programId}/cards/bulk/{taskId}", {
          params: { path: { programId, taskId } },
          ...init,
        }),
    },
    options,
  );
  return resultOf("async", taskId, status, null);
}

/** `startBulkIssuance`, then `waitForBulkIssuance` when the server went asynchronous. */
export async function bulkIssueAndWait(
  client: AnyLoyaltyDogClient,
  programId: string,
  body: BulkIssueGiftCardRequest,
  options: BulkIssueOptions = {},
): Promise<BulkIssuanceResult> {
  const { idempotencyKey, ...wait } = options;
  const started = await startBulkIssuance(client, programId, body, {
    ...statusRequestOptions(options),
    signal: options.signal,
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });
  if (started.mode === "sync") return started.result;
  const done = await waitForBulkIssuance(client, programId, started.taskId, wait);
  return { ...done, idempotencyKey: started.idempotencyKey };
}

/** GDPR export of a gift-card customer's data: `downloadUrl` and `expiresAt`. `programId`/`cardId` scope it (query). */
export async function exportGdprData(
  client: AnyLoyaltyDogClient,
  body: GDPRExportRequest,
  options: CallOptions & { programId?: string; cardId?: string } = {},
): Promise<GDPRExportResponse> {
  const { api } = internalsOf(client);
  const { programId, cardId, ...perCall } = options;
  const query = { ...(programId ? { programId } : {}), ...(cardId ? { cardId } : {}) };
  return unwrap(await api.POST("/v2/giftcards/gdpr/export", { params: { query }, body, ...perCall }));
}

function resultOf(
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
