import { MAX_SERVER_TEXT, oneLine } from "./error-limits.js";

/**
 * What an error answer's body says, read the same way whichever envelope the
 * API used: FastAPI's `{detail}` (a string, or a list of validation issues)
 * or the `ld_` keys' `{code, message, request_id}`, and non-JSON bodies (a
 * proxy's HTML page, plain text). Kept apart from the error classes because
 * the transport reads a 429's `code` without building an error.
 */

/** The error envelope hashed `ld_*` keys get (API-NOTES): `code` is `not_found`, `rate_limited`, … */
export interface ApiErrorEnvelope {
  code: string;
  message: string;
  request_id: string;
}

/** FastAPI's error body for JWT callers outside validation (401, 404, …): `{"detail": "Not Found"}`. */
export interface FastApiErrorDetail {
  detail: string;
}

/**
 * An error answer's body as the raw calls hand it over in `error`: what the spec declares for the operation
 * (`Declared`, FastAPI's `HTTPValidationError` for most), the envelope of `ld_*` keys, or FastAPI's plain
 * `{detail}`. Narrow before reading fields: `if ("code" in error) error.code`.
 *
 * A body that is not JSON (a gateway's HTML page) reaches `error` as its text, yet `string` is left out of the
 * union on purpose: an empty text is falsy, so with it in the type `if (error) throw error; data.x` — the way
 * openapi-fetch is used everywhere — stops narrowing `data`. The typed errors (`unwrap`, `throwOnError`)
 * describe text bodies, HTML titles included.
 */
export type ErrorBody<Declared> = Declared | ApiErrorEnvelope | FastApiErrorDetail;

/** One FastAPI validation issue (`{loc, msg, type}`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  [k: string]: unknown;
}

export interface DescribedBody {
  code?: string | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
  issues: ValidationIssue[];
}

/** An error answer's body as text: the JSON it holds, else the text itself (a gateway's page, plain text). */
export function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Reads both error shapes (`{detail}` and `{code, message, request_id}`) and
 * non-JSON bodies. Server text comes out on one line and at most
 * `MAX_SERVER_TEXT` characters; the work is linear in the body.
 */
export function describeBody(body: unknown): DescribedBody {
  const out: DescribedBody = { issues: [] };
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (typeof b.code === "string") out.code = b.code;
    if (typeof b.message === "string") out.message = oneLine(b.message);
    if (typeof b.request_id === "string") out.requestId = b.request_id;
    if (typeof b.detail === "string") out.message ??= oneLine(b.detail);
    else if (Array.isArray(b.detail)) {
      out.issues = b.detail.filter(isIssue);
      out.message ??= describeIssues(out.issues);
    }
  } else if (typeof body === "string" && body.trim() !== "") {
    const isHtml = /^\s*</.test(body);
    const title = isHtml ? htmlTitle(body) : undefined;
    out.message = isHtml ? `${title ? `${oneLine(title)} ` : ""}(HTML error page)` : oneLine(body);
  }
  return out;
}

/** `loc: msg; loc: msg…`, built only as far as the message can show. */
function describeIssues(issues: ValidationIssue[]): string | undefined {
  let text = "";
  for (const issue of issues) {
    text += `${text ? "; " : ""}${issue.loc.join(".")}: ${issue.msg}`;
    if (text.length > MAX_SERVER_TEXT) break;
  }
  return text ? oneLine(text) : undefined;
}

/**
 * The first `<title>…</title>`'s text. A scan with `indexOf`, not a regex:
 * `/<title[^>]*>([^<]*)<\/title>/` backtracks quadratically on a body of
 * repeated `<title` (2 minutes for 1 MB).
 */
function htmlTitle(html: string): string | undefined {
  const open = html.search(/<title[\s>]/i);
  if (open < 0) return undefined;
  const textStart = html.indexOf(">", open) + 1;
  if (textStart === 0) return undefined;
  const textEnd = html.indexOf("<", textStart);
  if (textEnd < 0 || html.slice(textEnd, textEnd + 8).toLowerCase() !== "</title>") return undefined;
  return html.slice(textStart, textEnd).trim() || undefined;
}

function isIssue(value: unknown): value is ValidationIssue {
  return (
    !!value &&
    typeof value === "object" &&
    Array.isArray((value as ValidationIssue).loc) &&
    typeof (value as ValidationIssue).msg === "string"
  );
}
