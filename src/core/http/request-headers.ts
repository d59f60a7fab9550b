import { InvalidArgumentError } from "../errors/invalid-argument.js";
import type { IdempotencyPolicy, OperationMatcher } from "./idempotency.js";
import { newIdempotencyKey } from "./idempotency.js";
import { REQUEST_ID } from "./request-id.js";
import { checkIdempotencyKey } from "./request-options.js";

/** A credential as the caller gives it: a value, or a function asked once per request (so rotation works). */
export type CredentialSource = string | (() => string | Promise<string>);

/** What a transport adds to every request it sends. */
export interface HeaderPolicy {
  /** Header name (lower-case) → credential; set on a request only when the caller did not set that header. */
  credentials: ReadonlyArray<readonly [string, CredentialSource, (value: string) => string]>;
  idempotency: IdempotencyPolicy;
  isKeyedOperation: OperationMatcher;
  userAgent: string;
  /** Send an `X-Request-Id` per call (the API echoes it; a storage host has no use for it). */
  requestIds: boolean;
}

/**
 * The credentials, on the headers the caller did not set. Synchronous for
 * credentials given as values; a promise only when a credential function is
 * asked (so the common call costs no extra turn of the event loop).
 */
export function setCredentials(policy: HeaderPolicy, headers: Headers): Promise<void> | undefined {
  let pending: Promise<void> | undefined;
  for (const [name, source, format] of policy.credentials) {
    if (headers.has(name)) continue;
    if (typeof source === "string") {
      if (source) setHeader(headers, name, format(source));
      continue;
    }
    pending = Promise.all([pending, source()]).then(([, value]) => {
      if (value) setHeader(headers, name, format(value));
    });
  }
  return pending;
}

/**
 * Request id, idempotency key and User-Agent: set once per call (so every
 * attempt of it carries the same key and id), never over a header the caller
 * set; appended where known to be absent.
 */
export function setCallHeaders(policy: HeaderPolicy, request: Request, idempotencyKey: string | undefined): void {
  const { headers, method } = request;
  if (policy.requestIds) {
    const own = headers.get("x-request-id");
    if (own === null) headers.append("x-request-id", crypto.randomUUID());
    // The API accepts 1–128 of A-Za-z0-9._- and echoes it; anything else is the caller's bug, caught before sending.
    else if (!REQUEST_ID.test(own)) throw new InvalidArgumentError(`X-Request-Id must be 1-128 of A-Za-z0-9._-`);
  }
  if (idempotencyKey !== undefined) headers.set("idempotency-key", checkIdempotencyKey(method, idempotencyKey));
  else if (policy.idempotency !== "off" && method !== "GET" && !headers.has("idempotency-key")) {
    const everyPost = policy.idempotency === "all-posts" && method === "POST";
    if (everyPost || policy.isKeyedOperation(method, new URL(request.url).pathname)) {
      headers.append("idempotency-key", newIdempotencyKey());
    }
  }
  if (!headers.has("user-agent")) headers.append("user-agent", policy.userAgent);
}

/**
 * A credential on a header known to be absent (`append`: undici's `set` first looks for one to replace, which
 * costs a call measurably). One with a CR/LF or other byte a header cannot hold: say which header, never the value.
 */
function setHeader(headers: Headers, name: string, value: string): void {
  try {
    headers.append(name, value);
  } catch {
    throw new InvalidArgumentError(`the value for ${name} is not a valid header value (control characters?)`);
  }
}
