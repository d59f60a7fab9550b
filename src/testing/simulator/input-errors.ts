/**
 * The one way the simulator refuses input it parsed itself: FastAPI's 422 with every problem found, as
 * `{"detail":[{"type","loc","msg","input","ctx"?}]}` (pydantic v2's error list, all problems at once, not just the
 * first), or, for hashed `ld_*` keys, the `validation_error` envelope. The spec's validators
 * (request-validation.ts) answer through it too, so every 422 the simulator sends has one shape.
 */
import { apiErrorResponse } from "./api-errors.js";
import type { InputIssue } from "./input-issue.js";
import type { RouteContext } from "./route-context.js";

export type { InputIssue } from "./input-issue.js";

export function rejectInput(context: RouteContext, issues: readonly InputIssue[]): Response {
  if (context.kind === "hashed") {
    // The envelope carries one message: the same facts, joined.
    const message = issues.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`).join("; ");
    return apiErrorResponse({ status: 422, message, requestId: context.requestId, kind: context.kind });
  }
  return Response.json({ detail: issues }, { status: 422, headers: { "x-request-id": context.requestId } });
}
