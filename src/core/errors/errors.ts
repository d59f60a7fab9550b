import { describeBody, type ValidationIssue } from "./error-body.js";
import { clip, keptCopy, MAX_MESSAGE, oneLine } from "./error-limits.js";
import { redactHeaders, redactUrl, type Scrubber, scrubber } from "./redact.js";
import { retryAfterMs } from "./retry-after.js";

export type { ValidationIssue } from "./error-body.js";

/**
 * The error hierarchy. Every error the SDK throws is a LoyaltyDogError; those
 * about a request are APIErrors: with an HTTP answer (status, code, request
 * id, headers, body) or without one (`APIConnectionError`, status undefined,
 * as in openai-node). None of them holds the request, and everything they keep
 * of the answer is bounded and scrubbed of secrets (error-limits.ts,
 * redact.ts), so no token or URL signature leaks through `message`,
 * `String`, `JSON.stringify` or `util.inspect`.
 *
 * Fields are `declare`d and set in the constructor, in the order they are
 * listed: a field declared without `declare` is also defined (as undefined)
 * before the constructor runs, which every bundle pays for in code and
 * changes nothing (each constructor sets all its fields, so the order of
 * own properties, and of `toJSON`, is the same).
 */
export class LoyaltyDogError extends Error {
  override name = "LoyaltyDogError";

  constructor(message?: string, options?: { cause?: unknown }) {
    const scrub = scrubber();
    super(
      clip(message ?? "", MAX_MESSAGE, scrub),
      options?.cause === undefined ? undefined : { cause: scrubCause(options.cause, scrub, 0) },
    );
  }

  /** The error's own fields (name, message, then each field its class declares); headers as a plain object. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (!(key in out)) out[key] = value instanceof Headers ? Object.fromEntries(value) : value;
    }
    return out;
  }
}

/**
 * A cause from elsewhere (fetch, fs) may quote its input — a URL with user
 * info, a header value — and `util.inspect` prints causes in full. Such a
 * cause is replaced by a scrubbed copy of the same class; a clean one is kept as is.
 */
function scrubCause(cause: unknown, scrub: Scrubber, depth: number): unknown {
  if (typeof cause === "string") return scrub.text(cause);
  if (!(cause instanceof Error) || cause instanceof LoyaltyDogError || depth > 4) return cause;
  // Its own fields, scrubbed: those an Error keeps hidden (`cause` only where it has one), then the enumerable ones.
  const hidden: Record<string, unknown> = {
    message: scrub.text(cause.message),
    stack: cause.stack === undefined ? undefined : scrub.text(cause.stack),
  };
  if ("cause" in cause) hidden.cause = scrubCause(cause.cause, scrub, depth + 1);
  const fields = Object.entries(cause).map(([k, v]) => [k, typeof v === "string" ? scrub.text(v) : v] as const);
  const original = cause as unknown as Record<string, unknown>;
  if (![...Object.entries(hidden), ...fields].some(([k, v]) => v !== original[k])) return cause;
  // Same prototype, so `instanceof TypeError` still holds; a DOMException keeps its state in internal slots, which a
  // copy cannot have, so it becomes a plain Error of the same name.
  const copy =
    typeof DOMException !== "undefined" && cause instanceof DOMException
      ? Object.assign(new Error(), { name: cause.name })
      : (Object.create(Object.getPrototypeOf(cause)) as Error);
  for (const [key, value] of Object.entries(hidden)) {
    Object.defineProperty(copy, key, { value, writable: true, configurable: true }); // not enumerable, as on an Error
  }
  for (const [key, value] of fields) (copy as unknown as Record<string, unknown>)[key] = value;
  return copy;
}

export interface APIErrorInit {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body was JSON, else the text (possibly empty). */
  body: unknown;
  method?: string | undefined;
  url?: string | undefined;
  /** Further values to scrub besides the clients' own tokens: the failed request's credential headers. */
  secrets?: readonly string[] | undefined;
}

/** What every APIError is built from; a connection error has no status, headers or body. */
interface AnyAPIErrorInit<TStatus, THeaders> {
  status: TStatus;
  headers: THeaders;
  body: unknown;
  method?: string | undefined;
  url?: string | undefined;
  secrets?: readonly string[] | undefined;
  cause?: unknown;
}

/**
 * A request failed: with an HTTP answer (`status` set, one subclass per
 * status) or without one (`APIConnectionError`, `status` undefined), as in
 * openai-node, so `catch (e) { if (e instanceof APIError) … }` sees network
 * failures too.
 */
export class APIError<
  TStatus extends number | undefined = number | undefined,
  THeaders extends Headers | undefined = Headers | undefined,
> extends LoyaltyDogError {
  override name = "APIError";
  /** The HTTP status; undefined when no answer came (`APIConnectionError`). */
  declare readonly status: TStatus;
  /** The envelope's `code` (`not_found`, `rate_limited`, …) when the server sent one. */
  declare readonly code: string | undefined;
  /** The server's `X-Request-Id` (or the envelope's `request_id`). */
  declare readonly requestId: string | undefined;
  /** The response headers, credential headers blanked and secrets scrubbed. */
  declare readonly headers: THeaders;
  /** The body (parsed JSON, or text): at most `MAX_KEPT_BODY` characters of it, secrets scrubbed. */
  declare readonly body: unknown;
  declare readonly method: string | undefined;
  /** The request URL with secret query values redacted. */
  declare readonly url: string | undefined;

  constructor(init: AnyAPIErrorInit<TStatus, THeaders>, message?: string) {
    const scrub = scrubber(init.secrets);
    const body = keptCopy(init.body, scrub); // undefined stays undefined
    const parsed = describeBody(body);
    const code = parsed.code === undefined ? undefined : oneLine(parsed.code, 100, scrub);
    super(
      message === undefined
        ? `${init.status}${code ? ` ${code}` : ""}: ${parsed.message ?? statusText(init.status)}${where(init)}`
        : scrub.text(message),
      init, // its `cause`, if any
    );
    this.status = init.status;
    this.code = code;
    const requestId = init.headers?.get("x-request-id") ?? parsed.requestId;
    this.requestId = requestId === undefined ? undefined : oneLine(requestId, 200, scrub);
    this.headers = (init.headers === undefined ? undefined : redactHeaders(init.headers, scrub)) as THeaders;
    this.body = body;
    this.method = init.method;
    this.url = init.url === undefined ? undefined : redactUrl(init.url);
  }

  /** Picks the subclass for the status. */
  static from(init: APIErrorInit): APIError<number, Headers> {
    const Class =
      CLASS_FOR_STATUS[init.status] ?? (init.status >= 500 ? InternalServerError : (APIError as HTTPErrorClass));
    return new Class(init);
  }
}

/** An error with an HTTP answer. */
type HTTPError = APIError<number, Headers>;

export class BadRequestError extends APIError<number, Headers> {
  override name = "BadRequestError";
}
export class AuthenticationError extends APIError<number, Headers> {
  override name = "AuthenticationError";
}
export class SubscriptionInactiveError extends APIError<number, Headers> {
  override name = "SubscriptionInactiveError";
}
export class PermissionDeniedError extends APIError<number, Headers> {
  override name = "PermissionDeniedError";
  /** The scope the key lacks, when the message names one. */
  declare readonly missingScope: string | undefined;
  constructor(init: APIErrorInit) {
    super(init);
    this.missingScope = /scope[s]?\b[^A-Za-z0-9]*['"`]?([A-Za-z0-9_.:-]+)/i.exec(
      describeBody(this.body).message ?? "",
    )?.[1];
  }
}
export class NotFoundError extends APIError<number, Headers> {
  override name = "NotFoundError";
}
export class ConflictError extends APIError<number, Headers> {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends APIError<number, Headers> {
  override name = "UnprocessableEntityError";
  /** FastAPI's `detail` list (as much of it as the kept body holds); empty when the body was an envelope or text. */
  declare readonly issues: ValidationIssue[];
  constructor(init: APIErrorInit) {
    super(init);
    this.issues = describeBody(this.body).issues;
  }
}
export class RateLimitError extends APIError<number, Headers> {
  override name = "RateLimitError";
  /** The server's hint (`Retry-After` / `retry-after-ms`), if any. */
  declare readonly retryAfterMs: number | undefined;
  /** `monthly_quota_exceeded`: a hard stop until the UTC month rolls over; retrying is pointless. */
  declare readonly quotaExhausted: boolean;
  constructor(init: APIErrorInit) {
    super(init);
    this.retryAfterMs = retryAfterMs(init.headers);
    this.quotaExhausted = this.code === "monthly_quota_exceeded";
  }
}
export class InternalServerError extends APIError<number, Headers> {
  override name = "InternalServerError";
}

/** No HTTP answer at all: DNS, refused or reset connection, TLS, a refused redirect. `status` is undefined. */
export class APIConnectionError extends APIError<undefined, undefined> {
  override name = "APIConnectionError";
  constructor(message: string, options?: { cause?: unknown; method?: string; url?: string }) {
    super({ ...options, status: undefined, headers: undefined, body: undefined }, message);
  }
}

/** An attempt got no complete answer within the per-attempt timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
}

type HTTPErrorClass = new (init: APIErrorInit) => HTTPError;

/** The subclass for a status; any other 5xx is an InternalServerError, any other status a plain APIError. */
const CLASS_FOR_STATUS: Record<number, HTTPErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: SubscriptionInactiveError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** ` (GET /v2/path)`: which request an error is about, without host or query (those may carry secrets). */
export function where(init: { method?: string | undefined; url?: string | undefined }): string {
  if (!init.method || !init.url) return "";
  try {
    return ` (${init.method} ${new URL(init.url).pathname})`;
  } catch {
    return ` (${init.method})`;
  }
}

function statusText(status: number | undefined): string {
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
  return texts[status as number] ?? "HTTP error"; // an undefined status finds none
}
