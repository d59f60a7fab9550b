/**
 * `GET /v2/giftcards/audit-logs`: the paged listing, with every filter the spec documents (audit-log-filter.ts)
 * and its paging (`page` ≥ 1, `limit` 1–200, default 50). Pages are slices of one stable selection, so walking
 * them yields each selected entry once; a page past the end is empty, with the same `total` and `pages`.
 */
import type { HttpHandler } from "msw";
import { fixtures } from "../../fixtures.js";
import { auditLogFilterFromQuery, selectAuditLogs } from "../audit-log-filter.js";
import { rejectInput } from "../input-errors.js";
import { InputReader } from "../input-values.js";
import { routeContext, type Simulation } from "../route-context.js";

export function auditLogRoutes({ http, config }: Simulation): HttpHandler[] {
  return [
    http.get("/v2/giftcards/audit-logs", ({ request, query, response }) => {
      const reader = new InputReader(routeContext(request).schemaIssues);
      const last = (name: "page" | "limit") => query.getAll(name).at(-1);
      const filter = auditLogFilterFromQuery(query, reader);
      const page = reader.integer(last("page"), ["query", "page"], 1, { ge: 1 });
      const limit = reader.integer(last("limit"), ["query", "limit"], 50, { ge: 1, le: 200 });
      if (reader.issues.length > 0) return response.untyped(rejectInput(routeContext(request), reader.issues));
      return response(200).json(fixtures.auditLogPage(selectAuditLogs(config.auditLogEntries, filter), page, limit));
    }),
  ];
}
