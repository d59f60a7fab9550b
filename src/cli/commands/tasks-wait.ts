import type { CliContext } from "../context.js";
import { clientFromEnv } from "../environment.js";
import { EXIT, type ExitCode, UsageError } from "../exit-codes.js";
import { waitAndSave } from "../export-download.js";

/** `loyaltydog tasks wait <taskId>`: pick up a wait on an audit-log export started earlier (or elsewhere). */
export async function tasksWait(taskId: string, options: { out?: string }, ctx: CliContext): Promise<ExitCode> {
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(taskId)) {
    throw new UsageError(`task id must be the id an export printed (letters, digits, - _ . :), got "${taskId}"`);
  }
  const { client } = clientFromEnv(ctx.env);
  await waitAndSave(ctx, client, taskId, options.out);
  return EXIT.ok;
}
