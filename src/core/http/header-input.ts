import { InvalidArgumentError } from "../errors/invalid-argument.js";

/**
 * Header names and values the caller gives, checked before anything is
 * built from them. Left to fetch, a value with CR, LF or NUL (a header
 * injection attempt, or a token pasted with its newline) throws a raw
 * `TypeError` that quotes the whole value: for a credential, the secret.
 * Our error names the header, never the value.
 */

// Fetch refuses NUL, CR and LF in a value, and anything beyond Latin-1 (a ByteString).
const BAD_VALUE = /[\0\r\n]|[^\0-\xff]/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function isHeaderValue(value: string): boolean {
  return !BAD_VALUE.test(value);
}

/** Throws when a credential (`label`: "token", "merchantToken" …) cannot be sent as a header value. */
export function checkCredential(value: string, label: string): void {
  if (!isHeaderValue(value)) {
    throw new InvalidArgumentError(
      `${label} contains a character an HTTP header cannot carry (CR, LF, NUL or beyond Latin-1); its value is not shown`,
    );
  }
}

type HeaderInput = Headers | Record<string, unknown> | [string, unknown][] | undefined | null;

/** The error for a call's `headers` / `params.header` that fetch would refuse, or undefined when they are fine. */
export function badHeaderInput(init: unknown): InvalidArgumentError | undefined {
  if (!init || typeof init !== "object") return undefined;
  const { headers, params } = init as { headers?: HeaderInput; params?: { header?: HeaderInput } };
  return badHeaders(headers) ?? badHeaders(params?.header);
}

function badHeaders(headers: HeaderInput): InvalidArgumentError | undefined {
  // A Headers object has been through these checks already: building it would have thrown.
  if (!headers || typeof headers !== "object" || headers instanceof Headers) return undefined;
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of entries) {
    if (!TOKEN.test(String(name)))
      return new InvalidArgumentError("a header name is not a valid HTTP token; nothing was sent");
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== null && one !== undefined && !isHeaderValue(String(one))) {
        return new InvalidArgumentError(
          `header ${name}: the value contains a character an HTTP header cannot carry (CR, LF, NUL or beyond Latin-1); its value is not shown, nothing was sent`,
        );
      }
    }
  }
  return undefined;
}
