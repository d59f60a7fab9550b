import { redactUrl } from "../errors/redact.js";

/**
 * One log line per attempt: method, path and query (secrets redacted),
 * outcome (status or error name), duration, attempt and request id. Never
 * headers or bodies.
 */
export function attemptLine(
  method: string,
  url: string,
  outcome: string,
  durationMs: number,
  attempt: number,
  requestId: string | null,
): string {
  let target = redactUrl(url);
  try {
    const u = new URL(target);
    target = `${u.pathname}${u.search}`;
  } catch {
    // Not a URL: the redacted text as it is.
  }
  return `loyaltydog ${method} ${target} ${outcome} ${Math.round(durationMs)}ms attempt=${attempt} request_id=${requestId}`;
}
