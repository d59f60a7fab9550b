/**
 * Which requests get an automatic `Idempotency-Key`. The spec names the
 * operations that accept one (generated/idempotency.ts); we match a request's
 * method and path against those templates, so the rule follows the spec on
 * regeneration without any hand-kept list.
 */
export type IdempotencyPolicy =
  /** Spec-declared operations get a key when the caller gave none (default). */
  | "auto"
  /** As auto, and every other POST too: they then become safe to retry. */
  | "all-posts"
  /** Never add a key; a caller's own header is still sent and still makes the request retryable. */
  | "off";

export type OperationMatcher = (method: string, pathname: string) => boolean;

/** Compiles `METHOD /path/{param}` templates into one matcher. `basePath` is the base URL's path prefix, if any. */
export function compileOperationMatcher(templates: Iterable<string>, basePath = ""): OperationMatcher {
  const byMethod = new Map<string, RegExp[]>();
  const prefix = escapeRegExp(basePath.replace(/\/+$/, ""));
  for (const template of templates) {
    const space = template.indexOf(" ");
    const method = template.slice(0, space).toUpperCase();
    // Escaped whole, then each `\{param\}` (as escaping left it) matches one segment.
    const pattern = escapeRegExp(template.slice(space + 1)).replace(/\\\{[^}]+\\\}/g, "[^/]+");
    const list = byMethod.get(method) ?? [];
    list.push(new RegExp(`^${prefix}${pattern}/?$`));
    byMethod.set(method, list);
  }
  return (method, pathname) => byMethod.get(method)?.some((re) => re.test(pathname)) ?? false;
}

/** A new key: UUID v4, as the API expects. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
