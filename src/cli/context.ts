import type { ProgressLine } from "./progress.js";

/** What a command gets from the process: streams, environment, Ctrl-C as an AbortSignal. Injected so commands stay testable. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  signal: AbortSignal;
  progress: ProgressLine;
}
