/** `GET /v2/giftcards/audit-logs`: the paged listing, filtered by `action`, limit at most 200 as upstream. */
import type { HttpHandler } from "msw";
import { fixtures } from "../../fixtures.js";
import { invalid, routeContext, type Simulation } from "../route-context.js";

export function auditLogRoutes({ http, config }: Simulation): HttpHandler[] {
  return [
    http.get("/v2/giftcards/audit-logs", ({ request, query, response }) => {
      const context = routeContext(request);
      const page = Number(query.get("page") ?? "1");
      const limit = Number(query.get("limit") ?? "50");
      if (!Number.isInteger(page) || page < 1) {
        return response.untyped(invalid(context, "Input should be greater than or equal to 1", ["query", "page"]));
      }
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
        return response.untyped(invalid(context, "Input should be less than or equal to 200", ["query", "limit"]));
      }
      const actions: readonly string[] = query.getAll("action");
      const entries =
        actions.length > 0 ? config.auditLogEntries.filter((e) => actions.includes(e.action)) : config.auditLogEntries;
      return response(200).json(fixtures.auditLogPage(entries, page, limit));
    }),
  ];
}
