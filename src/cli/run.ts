import { CommanderError } from "commander";
import type { CliContext } from "./context.js";
import { EXIT, UsageError } from "./exit-codes.js";
import { abortOnStopSignals, InterruptedError } from "./interrupt.js";
import { buildProgram } from "./program.js";
import { progressLine } from "./progress.js";
import { describeError } from "./report-error.js";

/** Runs one CLI invocation and returns its exit code; every failure becomes one line on stderr. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const interrupt = abortOnStopSignals();
  const ctx: CliContext = {
    env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    signal: interrupt.signal,
    progress: progressLine(process.stderr),
  };
  const result = { code: EXIT.ok as number };
  try {
    await buildProgram(ctx, result).parseAsync([...argv], { from: "user" });
    return result.code;
  } catch (error) {
    if (interrupt.signal.aborted || error instanceof InterruptedError) {
      // What became of the output file was said where it was written (export-download.ts).
      const reason = interrupt.signal.reason instanceof InterruptedError ? interrupt.signal.reason : undefined;
      ctx.stderr.write(`${reason?.message ?? "interrupted"}\n`);
      return reason?.exitCode ?? EXIT.interrupted;
    }
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help); only the code is ours.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const secrets = [env.LOYALTYDOG_TOKEN?.trim() ?? ""];
    ctx.stderr.write(`${describeError(error, secrets)}\n`);
    return error instanceof UsageError ? EXIT.usage : EXIT.failure;
  } finally {
    interrupt.dispose();
  }
}
