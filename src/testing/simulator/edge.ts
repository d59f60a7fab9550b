/**
 * What stands in front of LoyaltyDog's app, in the order the real stack applies it: every request is recorded
 * and given its `X-Request-Id`; the gateway refuses bodies over the cap (413, reading no further) and fires the
 * planned faults; then bearer auth (401), then the rate limits of rate-limiter.ts (429, and `X-RateLimit-*` on
 * every answer). Only then does the router run the flow, on a copy of the request re-based on `baseUrl`, with the
 * (capped, so small) body in memory.
 */

import { REQUEST_ID } from "../../core/http/request-id.js";
import { nextUtcMonthStart } from "../../core/rate-limit/budgets.js";
import { payloadTooLargeResponse, readBodyWithin } from "../request-body-limit.js";
import { apiErrorResponse, bearerToken, type CredentialKind, credentialKind } from "./api-errors.js";
import type { SimulatorConfig } from "./config.js";
import type { PlannedFault } from "./fault-schedule.js";
import type { Router } from "./router.js";
import type { RecordedRequest, SimulatorState } from "./state.js";

/** One API origin and the storage origin its download URLs point at (MSW's pair, or a listening pair). */
export interface Endpoint {
  api: string;
  storage: string;
}

export class Edge {
  constructor(
    private readonly config: SimulatorConfig,
    private readonly state: SimulatorState,
    private readonly router: Router,
  ) {}

  async handle(request: Request, url: URL, endpoint: Endpoint): Promise<Response> {
    const now = this.config.clock.now();
    const number = this.state.next("request");
    const incomingId = request.headers.get("x-request-id");
    const requestId =
      incomingId && REQUEST_ID.test(incomingId) ? incomingId : `req_sim_${String(number).padStart(8, "0")}`;
    const record: RecordedRequest = {
      method: request.method,
      url: url.toString(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(request.headers),
      requestId,
      idempotencyKey: request.headers.get("idempotency-key") ?? undefined,
      status: 0,
    };
    this.state.requests.push(record);
    const response = await this.answer(request, url, endpoint, requestId, now);
    response.headers.set("x-request-id", requestId);
    record.status = response.status;
    return response;
  }

  private async answer(
    request: Request,
    url: URL,
    endpoint: Endpoint,
    requestId: string,
    now: number,
  ): Promise<Response> {
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const body = hasBody ? await readBodyWithin(request, this.config.maxRequestBodyBytes) : undefined;
    if (hasBody && body === undefined) return payloadTooLargeResponse();

    const authorization = request.headers.get("authorization");
    const kind = credentialKind(authorization);
    // Faults model the edge (gateway, limiter), which answers before the app checks auth.
    const fault = this.state.faults.take(request.method, url.pathname);
    if (fault) return faultResponse(fault, kind, requestId, now);

    const token = bearerToken(authorization);
    if (token === undefined || !this.config.tokens.has(token)) {
      return apiErrorResponse({
        status: 401,
        message: token === undefined ? "Not authenticated" : "Invalid or revoked API key",
        requestId,
        kind,
        headers: { "www-authenticate": "Bearer" },
      });
    }

    const limit = this.state.rateLimiter.take(token, now);
    let response: Response;
    if (limit.allowed) {
      const routed = new Request(new URL(`${url.pathname}${url.search}`, this.config.baseUrl), {
        method: request.method,
        headers: request.headers,
        body: body ?? null,
      });
      response = await this.router.route(routed, { requestId, kind, token, now, storageOrigin: endpoint.storage });
    } else {
      // The monthly quota is a hard stop until the month rolls over: X-RateLimit-Reset says when, no Retry-After.
      response = limit.quotaExceeded
        ? apiErrorResponse({
            status: 429,
            message: "Monthly request quota exceeded",
            requestId,
            kind,
            code: "monthly_quota_exceeded",
          })
        : apiErrorResponse({
            status: 429,
            message: "Rate limit exceeded",
            requestId,
            kind,
            headers: { "retry-after": limit.retryAfter },
          });
    }
    for (const [name, value] of Object.entries(limit.headers)) response.headers.set(name, value);
    return response;
  }
}

const gatewayPage = (status: number) =>
  `<html><head><title>${status}</title></head><body><center><h1>${status} Service Temporarily Unavailable</h1></center></body></html>`;

function faultResponse(fault: PlannedFault, kind: CredentialKind, requestId: string, now: number): Response {
  const { status, options } = fault;
  const headers: Record<string, string> = {};
  const quota = options.code === "monthly_quota_exceeded";
  const retryAfter = options.retryAfterSeconds ?? (status === 429 && !quota ? 1 : status === 503 ? 1 : undefined);
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  if (status === 429) {
    headers["x-ratelimit-remaining"] = "0";
    if (quota) {
      // The monthly quota resets when the UTC month rolls over.
      headers["x-ratelimit-reset"] = String(nextUtcMonthStart(now) / 1000);
    }
  }
  const raw =
    options.rawBody ??
    (status >= 502 && status <= 504 ? { body: gatewayPage(status), contentType: "text/html" } : undefined);
  if (raw) return new Response(raw.body, { status, headers: { ...headers, "content-type": raw.contentType } });
  const message =
    options.message ??
    (quota ? "Monthly request quota exceeded" : status === 429 ? "Rate limit exceeded" : `Simulated ${status}`);
  return apiErrorResponse({
    status,
    message,
    requestId,
    kind,
    headers,
    ...(options.code ? { code: options.code } : {}),
  });
}
