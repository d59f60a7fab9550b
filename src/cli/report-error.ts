import { APIError, DownloadError, TaskFailedError } from "../index.js";
import { terminalSafe } from "./terminal-text.js";

/**
 * The one line a failure prints: `error: <ClassName>: <message>`, plus the
 * request id when the server gave one (what support asks for). The SDK's
 * errors never carry the token; `secrets` is scrubbed anyway, as a backstop
 * for errors that come from elsewhere (fs, fetch) and quote their input.
 * Most of the line is the server's text: it is printed terminal-safe.
 */
export function describeError(error: unknown, secrets: readonly string[] = []): string {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  let line = `error: ${name}: ${message}`;
  if (error instanceof APIError && error.requestId && !message.includes(error.requestId)) {
    line += ` (request id ${error.requestId})`;
  }
  if (error instanceof TaskFailedError && error.taskError && !message.includes(error.taskError)) {
    line += ` — ${error.taskError}`;
  }
  if (error instanceof DownloadError && error.status !== undefined && !message.includes(String(error.status))) {
    line += ` (HTTP ${error.status})`;
  }
  for (const secret of secrets) if (secret) line = line.split(secret).join("***");
  return terminalSafe(line).replace(/ {2,}/g, " ");
}
