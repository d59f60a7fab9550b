import { LoyaltyDogError } from "../core/errors.js";
import { pollTask } from "../core/poller.js";
import { classifyTaskState } from "../core/task-state.js";
import { unwrap } from "../core/unwrap.js";
import type { ExportRequest, ExportStatusResponse } from "../types.js";
import { type FeatureContext, pollOptions, statusWithHint, type WaitOptions } from "./context.js";

/** A finished export: the status with its presigned `downloadUrl` (valid for about an hour). */
export type CompletedExport = ExportStatusResponse & { downloadUrl: string };

export interface AuditLogs {
  /** Starts an export (merchant admins only). The `taskId` is the resume token: keep it to wait elsewhere. */
  startExport(body: ExportRequest, options?: { signal?: AbortSignal }): Promise<{ taskId: string; status: string }>;
  /** Waits for an export started here or elsewhere; resolves with the status that carries `downloadUrl`. */
  waitForExport(taskId: string, options?: WaitOptions<ExportStatusResponse>): Promise<CompletedExport>;
  /** `startExport` then `waitForExport`. */
  exportAndWait(body: ExportRequest, options?: WaitOptions<ExportStatusResponse>): Promise<CompletedExport>;
}

const KIND = "audit-log export";

/** The audit-log export as a thin configuration of the one poller. */
export function auditLogs(ctx: FeatureContext): AuditLogs {
  const startExport: AuditLogs["startExport"] = async (body, options = {}) => {
    const started = unwrap(await ctx.api.POST("/v2/giftcards/audit-logs/export", { body, signal: options.signal }));
    return { taskId: started.taskId, status: started.status };
  };

  const waitForExport: AuditLogs["waitForExport"] = async (taskId, options) => {
    const status = await pollTask<ExportStatusResponse>(
      {
        taskId,
        kind: KIND,
        async fetchStatus(signal) {
          const result = await ctx.api.GET("/v2/giftcards/audit-logs/export/{task_id}", {
            params: { path: { task_id: taskId } },
            signal,
          });
          return statusWithHint(ctx, result);
        },
        stateOf: (s) => classifyTaskState(s.status),
      },
      pollOptions(ctx, options),
    );
    if (typeof status.downloadUrl !== "string" || status.downloadUrl === "") {
      throw new LoyaltyDogError(`${KIND} ${taskId} finished (${status.status}) without a downloadUrl`);
    }
    return status as CompletedExport;
  };

  return {
    startExport,
    waitForExport,
    async exportAndWait(body, options = {}) {
      const { taskId } = await startExport(body, { ...(options.signal ? { signal: options.signal } : {}) });
      return waitForExport(taskId, options);
    },
  };
}
