/**
 * CORS for the simulator's loopback servers, so a page in a real browser can
 * call them from another origin. How the real LoyaltyDog API treats CORS is
 * not documented: this answers what a browser needs (preflight, readable
 * response headers) and claims nothing about upstream.
 */
import type { FetchHandler } from "./msw-adapter.js";

export interface CorsOptions {
  /** Origins allowed to call (default: any, answered as `*`; the SDK never sends cookies). */
  origins?: readonly string[];
}

/** Response headers the SDK reads; without `Access-Control-Expose-Headers` a browser hides them from fetch. */
const EXPOSED = [
  "retry-after",
  "retry-after-ms",
  "x-request-id",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
  "content-length",
  "content-disposition",
  "x-amz-request-id",
].join(", ");

/** Wraps a handler: answers preflights itself, adds the CORS headers to every other answer. */
export function withCors(handle: FetchHandler, options: CorsOptions = {}): FetchHandler {
  return async (request) => {
    const origin = request.headers.get("origin");
    const allowed = origin !== null && (options.origins === undefined || options.origins.includes(origin));
    const preflight = request.method === "OPTIONS" && request.headers.has("access-control-request-method");
    if (preflight) {
      if (!allowed) return new Response(null, { status: 403 });
      return new Response(null, {
        status: 204,
        headers: {
          ...allowOrigin(origin, options),
          "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, HEAD",
          // Echo what the browser asks for: authorization, x-eposn-*, idempotency-key, x-request-id…
          "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? "",
          "access-control-max-age": "600",
        },
      });
    }
    const response = await handle(request);
    if (!allowed) return response;
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(allowOrigin(origin, options))) headers.set(name, value);
    headers.set("access-control-expose-headers", EXPOSED);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

function allowOrigin(origin: string, options: CorsOptions): Record<string, string> {
  return options.origins === undefined
    ? { "access-control-allow-origin": "*" }
    : { "access-control-allow-origin": origin, vary: "Origin" };
}
