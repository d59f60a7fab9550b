/**
 * Exposes a WHATWG request handler to MSW: every request to the given origins
 * goes to the handler untouched, so MSW and the real HTTP server share one core.
 */
import { type HttpHandler, http } from "msw";

export type FetchHandler = (request: Request) => Promise<Response>;

export function mswHandlersFor(origins: readonly string[], handle: FetchHandler): HttpHandler[] {
  return origins.map((origin) => http.all(`${origin.replace(/\/+$/, "")}/*`, ({ request }) => handle(request)));
}
