/**
 * The analytics export: answers at once with a week of figures, as a presigned storage URL (default) or, as some
 * deployments do, an inline `data:` URI.
 */
import type { HttpHandler } from "msw";
import { analyticsCsv } from "../content.js";
import { invalid, isRecord, readJson, routeContext, type Simulation } from "../route-context.js";

export function analyticsExportRoutes({ http, config, state }: Simulation): HttpHandler[] {
  return [
    // The spec types this 200 as `{}`, so the answer cannot be checked: untyped.
    http.post("/v2/giftcards/programs/{programId}/analytics/export", async ({ request, params, response }) => {
      const context = routeContext(request);
      const body = await readJson(request);
      if (!isRecord(body)) return response.untyped(invalid(context, "Input should be a valid dictionary", ["body"]));
      const metrics =
        Array.isArray(body.metrics) && body.metrics.length > 0 ? body.metrics.map(String) : ["issued", "redeemed"];
      const csv = analyticsCsv(metrics);
      if (config.analyticsExport === "data-uri") {
        return response.untyped(Response.json({ downloadUrl: `data:text/csv;base64,${btoa(csv)}` }));
      }
      const key = `analytics/${params.programId}/${state.next("analytics")}.csv`;
      state.storage.put(key, { contentType: "text/csv", body: () => csv });
      return response.untyped(Response.json({ downloadUrl: state.presign(context.storageOrigin, key, context.now) }));
    }),
  ];
}
