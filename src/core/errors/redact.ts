/**
 * Secrets must never reach a log line or an error: bearer tokens, the
 * X-Eposn-* session tokens and presigned-URL signatures. These helpers are the
 * one place that decides what is secret.
 *
 * Two kinds of secret are scrubbed from any text an error keeps:
 * - values the clients know: their tokens and the latest values their token
 *   functions returned (`ClientSecrets`), plus the credential headers of the
 *   request that failed;
 * - values recognisable by shape: URL user info, secret query parameters
 *   (`X-Amz-Signature=…`, `sig=…`), `Bearer …`.
 */

const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-eposn-merchant-token",
  "x-eposn-customer-token",
  "cookie",
  "set-cookie",
]);

/**
 * Query parameters that carry credentials in presigned URLs (S3 SigV4/V2, GCS, Azure SAS) or tokens. Matched
 * anywhere in the name: `token` covers `X-Amz-Security-Token`.
 */
const SECRET_QUERY = /signature|credential|token|sig$|^sig|key|policy|auth|password|secret/i;

export const REDACTED = "[redacted]";

/**
 * Shorter values are not scrubbed from free text: they would match ordinary
 * words, and a credential that short is not one a server can be trusted with anyway.
 */
export const MIN_SECRET_LENGTH = 8;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** The URL with secret query values replaced; `data:` URIs are cut to their media type. Never throws. */
export function redactUrl(url: string | URL): string {
  const text = String(url);
  if (text.startsWith("data:")) return `${text.slice(0, Math.min(text.indexOf(",") + 1 || 40, 60))}…`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return text.replace(/\?.*$/, "?…");
  }
  // No-ops on a URL without user info (or one that cannot have any).
  parsed.username = "";
  parsed.password = "";
  const names = [...new Set(parsed.searchParams.keys())];
  for (const name of names) if (SECRET_QUERY.test(name)) parsed.searchParams.set(name, REDACTED);
  return parsed.toString().replace(/%5Bredacted%5D/g, REDACTED);
}

/**
 * The secret values one client holds. Its tokens are kept for its lifetime;
 * a token function's values only the latest few (rotation would otherwise
 * grow the list without end, and an old token is what a server echoes least).
 *
 * Registered process-wide, weakly: an error is often built where the client
 * is not at hand (`unwrap(result)`, a download, a helper's poll), and scrubbing
 * another live client's token there too costs nothing and leaks nothing.
 */
export class ClientSecrets {
  private readonly fixed = new Set<string>();
  private readonly recent: string[] = [];

  /** A value given at construction: kept while the client lives. */
  add(value: string): void {
    if (value.length >= MIN_SECRET_LENGTH) this.fixed.add(value);
  }

  /** A value a token function returned: the latest `RECENT_VALUES` are kept. */
  remember(value: string): void {
    if (value.length < MIN_SECRET_LENGTH || this.fixed.has(value)) return;
    const at = this.recent.indexOf(value);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.push(value);
    if (this.recent.length > RECENT_VALUES) this.recent.shift();
  }

  values(): Iterable<string> {
    return [...this.fixed, ...this.recent];
  }
}

const RECENT_VALUES = 8;
const live = new Set<WeakRef<ClientSecrets>>();
const owners = new WeakMap<object, ClientSecrets>();
const forget = new FinalizationRegistry<WeakRef<ClientSecrets>>((ref) => live.delete(ref));

/** Makes `secrets` known to every error for as long as `owner` (the client's transport) is alive. */
export function registerSecrets(owner: object, secrets: ClientSecrets): void {
  owners.set(owner, secrets);
  const ref = new WeakRef(secrets);
  live.add(ref);
  forget.register(secrets, ref);
}

/** The values of a request's credential headers (`Bearer x` gives `x` too). */
export function secretHeaderValues(headers: Headers | undefined): string[] {
  const values: string[] = [];
  if (!headers) return values;
  for (const [name, value] of headers) {
    if (!isSecretHeader(name)) continue;
    values.push(value);
    const scheme = /^[A-Za-z]+ +(.+)$/.exec(value);
    if (scheme?.[1]) values.push(scheme[1]);
  }
  return values;
}

/** Scrubs text of every secret it carries; built once per error, then applied to each piece of text it keeps. */
export interface Scrubber {
  /** The longest text a known secret can take: a cut made `longest` past the limit, then scrubbed, never leaves part of one. */
  readonly longest: number;
  text(value: string): string;
}

/** A scrubber for the secrets of every live client plus `extra` (say, the failed request's credential headers). */
export function scrubber(extra: readonly string[] = []): Scrubber {
  const secrets = knownSecrets(extra);
  return {
    longest: secrets[0]?.length ?? 0,
    text(value) {
      let out = value;
      for (const secret of secrets) out = out.replaceAll(secret, REDACTED);
      return out
        .replace(USERINFO, `://${REDACTED}@`)
        .replace(QUERY_PAIR, (pair, separator: string, name: string) =>
          SECRET_QUERY.test(name.replace(/^amp;/i, "")) ? `${separator}${name}=${REDACTED}` : pair,
        )
        .replace(AUTH_SCHEME, `$1$2${REDACTED}`);
    },
  };
}

/** Text with every secret it carries replaced by `[redacted]`. Linear in the text. */
export function redactText(text: string, extra: readonly string[] = []): string {
  return scrubber(extra).text(text);
}

/** A copy of response headers fit to keep in an error: credential headers blanked, known secrets scrubbed. */
export function redactHeaders(headers: Headers, scrub: Scrubber): Headers {
  const out = new Headers();
  for (const [name, value] of headers) out.append(name, isSecretHeader(name) ? REDACTED : scrub.text(value));
  return out;
}

/** Every value to scrub, longest first (so a secret containing another is replaced whole), with its encoded forms. */
function knownSecrets(extra: readonly string[]): string[] {
  const all = new Set<string>();
  const add = (value: string) => {
    if (value.length < MIN_SECRET_LENGTH) return;
    all.add(value);
    all.add(encodeURIComponent(value));
    all.add(JSON.stringify(value).slice(1, -1));
  };
  for (const ref of live) {
    const secrets = ref.deref();
    if (secrets) for (const value of secrets.values()) add(value);
  }
  for (const value of extra) add(value);
  return [...all].sort((a, b) => b.length - a.length);
}

// Each pattern starts on a literal and stops at a delimiter, so its cost is linear in the text.
const USERINFO = /:\/\/[^\s/?#@"'<>]+@/g;
const QUERY_PAIR = /([?&;])([^=&?;#\s"'<>]{1,100})=([^&#\s"'<>]*)/g;
// An `Authorization` value echoed back; 16+ characters, so prose ("Bearer authentication") is left alone.
const AUTH_SCHEME = /\b(Bearer|Basic)([ \t]{1,10})[A-Za-z0-9._~+/=-]{16,}/g;
