import type { CliContext } from "../context.js";
import { clientFromEnv } from "../environment.js";
import { EXIT, type ExitCode, UsageError } from "../exit-codes.js";
import { waitAndSave } from "../export-download.js";
import { checkOutPath } from "../out-path.js";

/** `loyaltydog tasks wait <taskId>`: pick up a wait on an audit-log export started earlier (or elsewhere). */
export async function tasksWait(
  taskId: string,
  options: { out?: string; resume?: boolean },
  ctx: CliContext,
): Promise<ExitCode> {
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(taskId)) {
    throw new UsageError(`task id must be the id an export printed (letters, digits, - _ . :), got "${taskId}"`);
  }
  if (options.resume && !options.out) throw new UsageError("--resume needs --out <file>");
  const { client } = clientFromEnv(ctx.env);
  if (options.out) await checkOutPath(options.out, ctx.cwd);
  await waitAndSave(ctx, client, taskId, options.out, { resume: options.resume === true });
  return EXIT.ok;
}
