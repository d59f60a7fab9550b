/**
 * Secrets must never reach a log line or an error: bearer tokens, the
 * X-Eposn-* session tokens and presigned-URL signatures. These helpers are the
 * one place that decides what is secret.
 */

const SECRET_HEADERS = new Set([
  "authorization",
  "x-eposn-merchant-token",
  "x-eposn-customer-token",
  "cookie",
  "set-cookie",
]);

/** Query parameters that carry credentials in presigned URLs (S3 SigV4/V2, GCS, Azure SAS) or tokens. */
const SECRET_QUERY = /signature|credential|security-token|token|sig$|^sig|key|policy|auth|password|secret/i;

export const REDACTED = "[redacted]";

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
  if (parsed.username || parsed.password) {
    parsed.username = "";
    parsed.password = "";
  }
  const names = [...new Set(parsed.searchParams.keys())];
  for (const name of names) if (SECRET_QUERY.test(name)) parsed.searchParams.set(name, REDACTED);
  return parsed.toString().replace(/%5Bredacted%5D/g, REDACTED);
}
