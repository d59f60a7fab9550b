import { APIConnectionError } from "../errors/errors.js";
import { isSecretHeader } from "../errors/redact.js";

const MAX_REDIRECTS = 5;

export function isRedirect(response: Response): boolean {
  const status = response.status;
  return (
    response.type === "opaqueredirect" ||
    status === 301 ||
    status === 302 ||
    status === 303 ||
    status === 307 ||
    status === 308
  );
}

/**
 * Follows redirects by hand so that credentials never reach another origin:
 * fetch itself drops `Authorization` on a cross-origin hop but would forward
 * the `X-Eposn-*` session tokens. A hop from https to plain http is refused.
 * Where fetch cannot show redirects (browsers answer "opaqueredirect"), the
 * browser follows, without the X-Eposn-* tokens (it drops `Authorization`
 * itself on a cross-origin hop, but would forward those).
 *
 * `body` is the request body kept for replay; null when there was none, or
 * undefined when it was streamed (not kept), and then a 307/308, which must
 * send the body again, is refused.
 */
export async function followRedirects(
  fetchImpl: typeof fetch,
  request: Request,
  body: ArrayBuffer | null | undefined,
  signal: AbortSignal,
  response: Response,
): Promise<Response> {
  if (response.type === "opaqueredirect") {
    // A browser hides where it redirects and drops only `Authorization` on a cross-origin hop
    // (test/runtimes: Chromium forwarded X-Eposn-Merchant-Token): follow without the session tokens.
    // The browser may be following a 307/308, which re-sends the body: one that was streamed, not kept, cannot be.
    if (body === undefined)
      refuse("cannot follow a redirect the browser hides: the body was streamed, not kept", request);
    const headers = withoutSecrets(request.headers, "authorization");
    return fetchImpl(new Request(request.url, { method: request.method, headers, body }), {
      signal,
      redirect: "follow",
    });
  }
  let url = new URL(request.url);
  let { method } = request;
  let headers = request.headers;
  for (let hop = 0; isRedirect(response); hop++) {
    const location = response.headers.get("location");
    if (!location) return response;
    void response.body?.cancel().catch(() => {});
    const next = new URL(location, url);
    const keepBody = response.status === 307 || response.status === 308;
    // Thrown as final errors: the same request would meet the same redirect again.
    if (hop >= MAX_REDIRECTS) refuse(`more than ${MAX_REDIRECTS} redirects`, request);
    if (url.protocol === "https:" && next.protocol !== "https:") {
      refuse(`refused a redirect from https to ${next.protocol}`, request);
    }
    if (keepBody && body === undefined) refuse(`cannot follow a ${response.status}: the body was streamed`, request);
    if (next.origin !== url.origin) headers = withoutSecrets(headers);
    if (!keepBody && method !== "GET" && method !== "HEAD") method = "GET";
    url = next;
    response = await fetchImpl(new Request(url, { method, headers, body: keepBody ? (body ?? null) : null }), {
      signal,
      redirect: "manual",
    });
  }
  return response;
}

function refuse(message: string, request: Request): never {
  throw new APIConnectionError(message, { method: request.method, url: request.url });
}

/** A copy of `headers` without the credential headers (but `keep`, if named). */
function withoutSecrets(headers: Headers, keep?: string): Headers {
  const out = new Headers();
  for (const [name, value] of headers) if (name === keep || !isSecretHeader(name)) out.set(name, value);
  return out;
}
