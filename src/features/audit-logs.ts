import { type AnyLoyaltyDogClient, internalsOf } from "../core/client/client-internals.js";
import { LoyaltyDogError } from "../core/errors/errors.js";
import { unwrap } from "../core/errors/unwrap.js";
import type { ExportRequest, ExportStatusResponse } from "../types.js";
import { type CallOptions, statusRequestOptions, type WaitOptions, waitForStatus } from "./context.js";

// Spec tag "Audit Logs": the audit-log export, a background task.

/** A finished export: the status with its presigned `downloadUrl` (valid for about an hour). */
export type CompletedExport = ExportStatusResponse & { downloadUrl: string };

const KIND = "audit-log export";

/** Starts an audit-log export (merchant admins only). The `taskId` is the resume token: keep it to wait elsewhere. */
export async function startAuditLogExport(
  client: AnyLoyaltyDogClient,
  body: ExportRequest,
  options: CallOptions = {},
): Promise<{ taskId: string; status: string }> {
  const { api } = internalsOf(client);
  const started = unwrap(await api.POST("/v2/giftcards/audit-logs/export", { body, ...options }));
  return { taskId: started.taskId, status: started.status };
}

/** Waits for an export started here or elsewhere; resolves with the status that carries `downloadUrl`. */
export async function waitForAuditLogExport(
  client: AnyLoyaltyDogClient,
  taskId: string,
  options?: WaitOptions<ExportStatusResponse>,
): Promise<CompletedExport> {
  const status = await waitForStatus<ExportStatusResponse>(
    client,
    {
      taskId,
      kind: KIND,
      get: (api, init) =>
        api.GET("/v2/giftcards/audit-logs/export/{task_id}", { params: { path: { task_id: taskId } }, ...init }),
    },
    options,
  );
  if (typeof status.downloadUrl !== "string" || status.downloadUrl === "") {
    throw new LoyaltyDogError(`${KIND} ${taskId} finished (${status.status}) without a downloadUrl`);
  }
  return status as CompletedExport;
}

/** `startAuditLogExport` then `waitForAuditLogExport`. */
export async function exportAuditLogsAndWait(
  client: AnyLoyaltyDogClient,
  body: ExportRequest,
  options: WaitOptions<ExportStatusResponse> = {},
): Promise<CompletedExport> {
  const { taskId } = await startAuditLogExport(client, body, {
    ...statusRequestOptions(options),
    signal: options.signal,
  });
  return waitForAuditLogExport(client, taskId, options);
}
