import { startAuditLogExport } from "../../tasks.js";
import type { CliContext } from "../context.js";
import { checkRange, parseIsoDate } from "../dates.js";
import { clientFromEnv } from "../environment.js";
import { EXIT, type ExitCode, UsageError } from "../exit-codes.js";
import { waitAndSave } from "../export-download.js";
import { checkOutPath } from "../out-path.js";
import { terminalSafe } from "../terminal-text.js";

export interface AuditLogsExportOptions {
  from?: string;
  to?: string;
  format: "csv" | "json";
  out?: string;
  resume?: boolean;
}

/** `loyaltydog audit-logs export`: start, say the task id at once (the resume token), wait, download. */
export async function auditLogsExport(options: AuditLogsExportOptions, ctx: CliContext): Promise<ExitCode> {
  // Everything the user typed is checked before anything is sent.
  const fromDate = options.from === undefined ? undefined : parseIsoDate("--from", options.from);
  const toDate = options.to === undefined ? undefined : parseIsoDate("--to", options.to);
  checkRange(fromDate, toDate);
  const { out } = options;
  if (!out) throw new UsageError("--out <file> is required: where to save the export");
  const { client } = clientFromEnv(ctx.env);
  await checkOutPath(out, ctx.cwd);
  const { taskId } = await startAuditLogExport(
    client,
    { format: options.format, ...(fromDate ? { fromDate } : {}), ...(toDate ? { toDate } : {}) },
    { signal: ctx.signal },
  );
  const shown = terminalSafe(taskId);
  ctx.stderr.write(
    `export task ${shown} started (if interrupted, resume with: loyaltydog tasks wait ${shown} --out ${out}${options.resume ? " --resume" : ""})\n`,
  );
  await waitAndSave(ctx, client, taskId, out, { resume: options.resume === true });
  return EXIT.ok;
}
