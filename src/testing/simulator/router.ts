/**
 * The simulator's one routing layer: every route is a spec-typed `createLoyaltyDogHttp()` handler (paths, path
 * params, query and typed answers checked against the spec at compile time), run here with MSW's own
 * `getResponse`, so the MSW mount and the `node:http` server both answer through the same handlers. A path the
 * spec knows with the wrong method is a 405, an unknown path a 404, as FastAPI answers.
 */
import { getResponse, type HttpHandler, matchRequestUrl } from "msw";
import { createLoyaltyDogHttp } from "../loyaltydog-http.js";
import { apiErrorResponse } from "./api-errors.js";
import type { SimulatorConfig } from "./config.js";
import { accountRoutes } from "./flows/account.js";
import { analyticsExportRoutes } from "./flows/analytics-export.js";
import { auditLogExportRoutes } from "./flows/audit-log-export.js";
import { auditLogRoutes } from "./flows/audit-logs.js";
import { bulkIssuanceRoutes } from "./flows/bulk-issuance.js";
import { gdprExportRoutes } from "./flows/gdpr-export.js";
import { refuseInvalidRequest } from "./request-validation.js";
import { attachRouteContext, type RouteContext, type Simulation } from "./route-context.js";
import type { SimulatorState } from "./state.js";

export class Router {
  readonly handlers: readonly HttpHandler[];
  private readonly baseUrl: string;

  constructor(config: SimulatorConfig, state: SimulatorState) {
    this.baseUrl = config.baseUrl;
    const simulation: Simulation = { http: createLoyaltyDogHttp({ baseUrl: config.baseUrl }), config, state };
    this.handlers = [
      ...accountRoutes(simulation),
      ...auditLogRoutes(simulation),
      ...auditLogExportRoutes(simulation),
      ...bulkIssuanceRoutes(simulation),
      ...gdprExportRoutes(simulation),
      ...analyticsExportRoutes(simulation),
    ];
  }

  /** Answers `request`, whose URL must be on the configured `baseUrl` (the edge re-bases listening requests). */
  async route(request: Request, context: RouteContext): Promise<Response> {
    attachRouteContext(request, context);
    const url = new URL(request.url);
    // A query or body that breaks the spec is refused before the route runs, as FastAPI does (request-validation.ts).
    const route = this.handlers.find(
      ({ info }) =>
        info.method === request.method && typeof info.path === "string" && matchRequestUrl(url, info.path).matches,
    );
    const refused = route && (await refuseInvalidRequest(request, route.info.path as string, this.baseUrl, context));
    if (refused) return refused;
    const answer = await getResponse([...this.handlers], request);
    if (answer) return answer;
    const pathKnown = this.handlers.some(
      ({ info: { path } }) => typeof path === "string" && matchRequestUrl(url, path).matches,
    );
    return apiErrorResponse({
      status: pathKnown ? 405 : 404,
      message: pathKnown ? "Method Not Allowed" : "Not Found",
      requestId: context.requestId,
      kind: context.kind,
    });
  }
}
