import { APIConnectionError, APIConnectionTimeoutError, LoyaltyDogError, where } from "../errors/errors.js";
import { redactUrl } from "../errors/redact.js";

/**
 * What can go wrong with an answer's body, after its head arrived: too big,
 * stalled, cut, or not the JSON it claimed to be. Each is an error of the
 * SDK's hierarchy with method and (redacted) URL, never the body itself.
 */

interface WireErrorInit {
  method?: string | undefined;
  url?: string | undefined;
  status?: number | undefined;
  cause?: unknown;
}

/** An answer-level failure of ours: what it names of the request, never the body. */
class WireError extends LoyaltyDogError {
  declare readonly status: number | undefined;
  declare readonly method: string | undefined;
  declare readonly url: string | undefined;
  constructor(message: string, init: WireErrorInit = {}) {
    super(`${message}${where(init)}`);
    this.status = init.status;
    this.method = init.method;
    this.url = init.url === undefined ? undefined : redactUrl(init.url);
  }
}

/**
 * The answer's body passed the response size limit (`maxResponseBytes`),
 * counted on decoded bytes as they stream in, so a compressed bomb is cut
 * before it inflates. Not retried: the same request would get the same answer.
 */
export class ResponseTooLargeError extends WireError {
  override name = "ResponseTooLargeError";
  declare readonly limitBytes: number;
  constructor(limitBytes: number, init?: WireErrorInit) {
    super(`the answer's body is larger than the ${limitBytes}-byte limit (maxResponseBytes)`, init);
    this.limitBytes = limitBytes;
  }
}

/** No byte of the body arrived within the idle timeout (`bodyIdleTimeoutMs`). Retried like any timeout when replay-safe. */
export class ResponseBodyTimeoutError extends APIConnectionTimeoutError {
  override name = "ResponseBodyTimeoutError";
  declare readonly idleTimeoutMs: number;
  constructor(idleTimeoutMs: number, init?: WireErrorInit) {
    super(`no byte of the body within ${idleTimeoutMs} ms`, init);
    this.idleTimeoutMs = idleTimeoutMs;
  }
}

/** A 2xx answer whose body is not the JSON it should be. The body is not quoted (it may hold anything). */
export class InvalidResponseError extends WireError {
  override name = "InvalidResponseError";
}

/**
 * Any failure of an attempt as an error of the SDK's hierarchy: ours (limits,
 * redirects, timeouts) pass through; anything else is a connection that
 * failed, before the answer's head (`reading` false) or while its body
 * streamed (a reset after the head).
 */
export function transportError(cause: unknown, reading: boolean, init: WireErrorInit): LoyaltyDogError {
  if (cause instanceof LoyaltyDogError) return cause;
  if (reading) {
    return new APIConnectionError("connection lost while reading the answer's body", {
      ...init,
      cause: sanitized(cause),
    });
  }
  return new APIConnectionError(`connection to ${originOf(init.url)} failed: ${causeText(cause)}`, { ...init, cause });
}

/** Worth another attempt: a timeout or a broken connection; our own refusals (size limit, redirects, bad input) are final. */
export function isTransient(cause: unknown): boolean {
  return !(cause instanceof LoyaltyDogError) || cause instanceof APIConnectionTimeoutError;
}

/** The origin a connection error names: the part of the URL that is wrong when nothing answers (host, port, scheme). */
export function originOf(url: string | undefined): string {
  try {
    return new URL(url as string).origin;
  } catch {
    return "the server";
  }
}

function causeText(cause: unknown): string {
  const c = cause as { cause?: { code?: string; message?: string }; code?: string; message?: string };
  return c?.cause?.code ?? c?.code ?? c?.cause?.message ?? c?.message ?? String(cause);
}

/** Undici's errors quote nothing secret, but a stranger's error might: keep its name and code, not its text. */
function sanitized(cause: unknown): unknown {
  if (!(cause instanceof Error)) return undefined;
  const inner = (cause as { cause?: { code?: unknown } }).cause;
  const code = (cause as { code?: unknown }).code ?? inner?.code;
  return Object.assign(new Error(typeof code === "string" ? code : cause.name), { name: cause.name });
}
