/**
 * What a background task's free-form `status` string means. The API documents
 * lower-case words (`pending | processing | completed | failed`, `success`),
 * but Celery-style upper-case states (`PENDING`, `STARTED`, `SUCCESS`,
 * `FAILURE`, `RETRY`, `REVOKED`) and other casings also appear, so the match
 * is case-insensitive and tolerant of `-`/space for `_`.
 */
export type TaskState = "running" | "succeeded" | "failed";

const SUCCEEDED = new Set(["success", "succeeded", "successful", "completed", "complete", "done", "finished"]);

const FAILED = new Set([
  "failure",
  "failed",
  "fail",
  "error",
  "errored",
  "cancelled",
  "canceled",
  "revoked",
  "rejected",
  "expired",
  "aborted",
  "timeout",
  "timed_out",
]);

/**
 * Classifies a status string. Anything not known to be terminal — including
 * `pending`, `queued`, `started`, `processing`, `running`, `in_progress`,
 * `retry`, `received`, an unknown word, an empty string or a non-string —
 * counts as still running: a new server state must never end a wait early
 * with a wrong verdict, while the deadline still bounds a wait on a state
 * that never changes.
 */
export function classifyTaskState(status: unknown): TaskState {
  if (typeof status !== "string") return "running";
  const word = status
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (SUCCEEDED.has(word)) return "succeeded";
  if (FAILED.has(word)) return "failed";
  return "running";
}
