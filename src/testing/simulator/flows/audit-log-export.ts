/**
 * The audit-log export task: `POST …/audit-logs/export` starts it (202), `GET …/export/{task_id}` polls it, and
 * once it succeeds the status carries a presigned URL to a file streamed on demand (`exportSizeBytes` makes it
 * as large as a test needs, never held in memory). The file holds exactly the rows the `ExportRequest` filters
 * select (audit-log-filter.ts), the same the listing gives for the same filters.
 */
import type { HttpHandler } from "msw";
import type { ExportStatusResponse } from "../../../types.js";
import { auditLogFilterFromBody, selectAuditLogs } from "../audit-log-filter.js";
import { auditLogExportStream, type ExportFormat } from "../export-stream.js";
import { rejectInput } from "../input-errors.js";
import { InputReader } from "../input-values.js";
import {
  invalid,
  isRecord,
  notFound,
  readJson,
  retryAfterWhileRunning,
  routeContext,
  type Simulation,
} from "../route-context.js";
import { AUDIT_EXPORT_STATES, TaskProgress } from "../task-progress.js";

export function auditLogExportRoutes({ http, config, state }: Simulation): HttpHandler[] {
  return [
    http.post("/v2/giftcards/audit-logs/export", async ({ request, response }) => {
      const context = routeContext(request);
      const body = await readJson(request);
      if (!isRecord(body)) return response.untyped(invalid(context, "Input should be a valid dictionary", ["body"]));
      const reader = new InputReader(context.schemaIssues);
      const filter = auditLogFilterFromBody(body, reader);
      const requested = reader.string(body.format, ["body", "format"]) ?? "csv";
      const format: ExportFormat | undefined = requested === "csv" || requested === "json" ? requested : undefined;
      if (!format) {
        reader.issues.push({
          type: "value_error",
          loc: ["body", "format"],
          msg: "Value error, format must be csv or json",
          input: body.format,
        });
      }
      if (!format || reader.issues.length > 0) return response.untyped(rejectInput(context, reader.issues));
      // Selected now, as the real task snapshots its query when it starts: the file holds exactly these rows.
      const entries = selectAuditLogs(config.auditLogEntries, filter);
      const taskId = state.newTaskId();
      const storageKey = `exports/audit-logs/${taskId}.${format}`;
      state.storage.put(storageKey, {
        contentType: format === "csv" ? "text/csv" : "application/json",
        body: () =>
          auditLogExportStream({
            entries,
            format,
            minBytes: config.exportSizeBytes,
            onChunk: (bytes) => {
              state.stats.exportBytesProduced += bytes;
            },
          }),
      });
      const progress = new TaskProgress(state.takeBehaviour(), AUDIT_EXPORT_STATES, context.now);
      state.tasks.set(taskId, { kind: "audit-export", taskId, progress, format, storageKey });
      const accepted: ExportStatusResponse = { taskId, status: progress.peek(context.now).state };
      return response(202).json(accepted);
    }),

    http.get("/v2/giftcards/audit-logs/export/{task_id}", ({ request, params, response }) => {
      const context = routeContext(request);
      const task = state.tasks.get(params.task_id);
      if (task?.kind !== "audit-export") return response.untyped(notFound(context, "Export task not found"));
      const snapshot = task.progress.poll(context.now);
      const status: ExportStatusResponse = { taskId: task.taskId, status: snapshot.state };
      if (snapshot.succeeded) status.downloadUrl = state.presign(context.storageOrigin, task.storageKey, context.now);
      if (snapshot.failed) status.error = task.progress.behaviour.error ?? "Task failed";
      return response(200).json(status, {
        headers: retryAfterWhileRunning(task.progress.behaviour, snapshot.terminal),
      });
    }),
  ];
}
