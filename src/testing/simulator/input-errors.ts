/**
 * The one way the simulator refuses input it parsed itself: FastAPI's 422 with every problem found, as
 * `{"detail":[{"type","loc","msg","input","ctx"?}]}` (pydantic v2's error list, all problems at once, not just the
 * first), or, for hashed `ld_*` keys, the `validation_error` envelope. The spec's validators
 * (request-validation.ts) answer through it too, so every 422 the simulator sends has one shape.
 */
import { apiErrorResponse } from "./api-errors.js";
import type { RouteContext } from "./route-context.js";

/** One entry of FastAPI's `detail` list. */
export interface InputIssue {
  /** Pydantic's error type (`int_parsing`, `datetime_from_date_parsing`, `less_than_equal`, …). */
  type: string;
  /** Where: `["query", "from"]`, `["body", "actions", 0]`. */
  loc: readonly (string | number)[];
  msg: string;
  /** The value refused, as received. */
  input: unknown;
  /** The constraint or parser error behind `msg`, when pydantic gives one. */
  ctx?: Record<string, unknown>;
}

export function rejectInput(context: RouteContext, issues: readonly InputIssue[]): Response {
  if (context.kind === "hashed") {
    // The envelope carries one message: the same facts, joined.
    const message = issues.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`).join("; ");
    return apiErrorResponse({ status: 422, message, requestId: context.requestId, kind: context.kind });
  }
  return Response.json({ detail: issues }, { status: 422, headers: { "x-request-id": context.requestId } });
}
