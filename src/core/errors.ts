import { redactUrl } from "./redact.js";
import { retryAfterMs } from "./retry-after.js";

/**
 * The error hierarchy. Every error the SDK throws is a LoyaltyDogError; those
 * that carry an HTTP answer are APIErrors with status, code, request id and
 * body. None of them holds the request, so no token can leak through
 * `toString()`, `JSON.stringify` or `util.inspect`.
 */
export class LoyaltyDogError extends Error {
  override name = "LoyaltyDogError";

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}

/** One FastAPI validation issue (`{loc, msg, type}`). */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  [k: string]: unknown;
}

export interface APIErrorInit {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body was JSON, else the text (possibly empty). */
  body: unknown;
  method?: string | undefined;
  url?: string | undefined;
}

export class APIError extends LoyaltyDogError {
  override name = "APIError";
  readonly status: number;
  /** The envelope's `code` (`not_found`, `rate_limited`, …) when the server sent one. */
  readonly code: string | undefined;
  /** The server's `X-Request-Id` (or the envelope's `request_id`). */
  readonly requestId: string | undefined;
  readonly headers: Headers;
  readonly body: unknown;
  readonly method: string | undefined;
  /** The request URL with secret query values redacted. */
  readonly url: string | undefined;

  constructor(init: APIErrorInit, message?: string) {
    const parsed = describeBody(init.body);
    const where = init.method && init.url ? ` (${init.method} ${pathOf(init.url)})` : "";
    super(
      message ??
        `${init.status}${parsed.code ? ` ${parsed.code}` : ""}: ${parsed.message ?? statusText(init.status)}${where}`,
    );
    this.status = init.status;
    this.code = parsed.code;
    this.requestId = init.headers.get("x-request-id") ?? parsed.requestId;
    this.headers = init.headers;
    this.body = init.body;
    this.method = init.method;
    this.url = init.url === undefined ? undefined : redactUrl(init.url);
  }

  override toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      method: this.method,
      url: this.url,
      body: this.body,
    };
  }

  /** Picks the subclass for the status. */
  static from(init: APIErrorInit): APIError {
    const Class = classFor(init.status);
    return new Class(init);
  }
}

export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
export class SubscriptionInactiveError extends APIError {
  override name = "SubscriptionInactiveError";
}
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
  /** The scope the key lacks, when the message names one. */
  readonly missingScope: string | undefined;
  constructor(init: APIErrorInit) {
    super(init);
    this.missingScope = /scope[s]?\b[^A-Za-z0-9]*['"`]?([A-Za-z0-9_.:-]+)/i.exec(
      describeBody(init.body).message ?? "",
    )?.[1];
  }
}
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
export class ConflictError extends APIError {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
  /** FastAPI's `detail` list; empty when the body was an envelope or text. */
  readonly issues: ValidationIssue[];
  constructor(init: APIErrorInit) {
    super(init);
    this.issues = describeBody(init.body).issues;
  }
}
export class RateLimitError extends APIError {
  override name = "RateLimitError";
  /** The server's hint (`Retry-After` / `retry-after-ms`), if any. */
  readonly retryAfterMs: number | undefined;
  /** `monthly_quota_exceeded`: a hard stop until the UTC month rolls over; retrying is pointless. */
  readonly quotaExhausted: boolean;
  constructor(init: APIErrorInit) {
    super(init);
    this.retryAfterMs = retryAfterMs(init.headers);
    this.quotaExhausted = this.code === "monthly_quota_exceeded";
  }
}
export class InternalServerError extends APIError {
  override name = "InternalServerError";
}

/** No HTTP answer at all: DNS, refused or reset connection, TLS. */
export class APIConnectionError extends LoyaltyDogError {
  override name = "APIConnectionError";
  readonly method: string | undefined;
  readonly url: string | undefined;
  constructor(message: string, options: { cause?: unknown; method?: string; url?: string } = {}) {
    super(message, { cause: options.cause });
    this.method = options.method;
    this.url = options.url === undefined ? undefined : redactUrl(options.url);
  }
  override toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, method: this.method, url: this.url };
  }
}

/** An attempt got no complete answer within the per-attempt timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
}

function classFor(status: number): new (init: APIErrorInit) => APIError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 402:
      return SubscriptionInactiveError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : APIError;
  }
}

interface DescribedBody {
  code: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
  issues: ValidationIssue[];
}

/** Reads both error shapes (`{detail}` and `{code, message, request_id}`) and non-JSON bodies. */
export function describeBody(body: unknown): DescribedBody {
  const out: DescribedBody = { code: undefined, message: undefined, requestId: undefined, issues: [] };
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (typeof b.code === "string") out.code = b.code;
    if (typeof b.message === "string") out.message = b.message;
    if (typeof b.request_id === "string") out.requestId = b.request_id;
    if (typeof b.detail === "string") out.message ??= b.detail;
    else if (Array.isArray(b.detail)) {
      out.issues = b.detail.filter(isIssue);
      out.message ??= out.issues.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; ") || undefined;
    }
  } else if (typeof body === "string" && body.trim() !== "") {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
    const isHtml = /^\s*</.test(body);
    out.message = isHtml ? `${title ? `${title} ` : ""}(HTML error page)` : oneLine(body);
  }
  return out;
}

function isIssue(value: unknown): value is ValidationIssue {
  return (
    !!value &&
    typeof value === "object" &&
    Array.isArray((value as ValidationIssue).loc) &&
    typeof (value as ValidationIssue).msg === "string"
  );
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    408: "Request Timeout",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return texts[status] ?? "HTTP error";
}
