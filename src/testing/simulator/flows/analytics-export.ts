/**
 * The analytics export: answers at once with daily figures, as a presigned storage URL (default) or, as some
 * deployments do, an inline `data:` URI. The rows cover the requested window: `period` (`7d`, `30d`, `90d`, `12m`)
 * ending on the clock's current UTC day, or `from`/`to` (inclusive days) when `period` is `custom` or absent; with
 * neither, the last 7 days (upstream's default is undocumented). `from` after `to` gives no rows.
 */
import type { HttpHandler } from "msw";
import { analyticsCsv } from "../content.js";
import { rejectInput } from "../input-errors.js";
import { InputReader } from "../input-values.js";
import { invalid, isRecord, readJson, routeContext, type Simulation } from "../route-context.js";

const DAY_MS = 86_400_000;
const PERIOD_DAYS: Readonly<Record<string, number>> = { "7d": 7, "30d": 30, "90d": 90 };

export function analyticsExportRoutes({ http, config, state }: Simulation): HttpHandler[] {
  return [
    // The spec types this 200 as `{}`, so the answer cannot be checked: untyped.
    http.post("/v2/giftcards/programs/{programId}/analytics/export", async ({ request, params, response }) => {
      const context = routeContext(request);
      const body = await readJson(request);
      if (!isRecord(body)) return response.untyped(invalid(context, "Input should be a valid dictionary", ["body"]));
      const reader = new InputReader(context.schemaIssues);
      const period = reader.string(body.period, ["body", "period"], /^(7d|30d|90d|12m|custom)$/);
      const from = reader.dateTime(body.from, ["body", "from"]);
      const to = reader.dateTime(body.to, ["body", "to"]);
      const metrics = reader.stringList(body.metrics, ["body", "metrics"]);
      if (reader.issues.length > 0) return response.untyped(rejectInput(context, reader.issues));
      const today = Math.floor(context.now / DAY_MS) * DAY_MS;
      let first: number;
      let last = today;
      if (period === "custom" || (period === undefined && (from !== undefined || to !== undefined))) {
        last = Math.floor((to ?? today) / DAY_MS) * DAY_MS;
        first = from === undefined ? last - 6 * DAY_MS : Math.floor(from / DAY_MS) * DAY_MS;
      } else if (period === "12m") {
        const end = new Date(today);
        first = Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), end.getUTCDate()) + DAY_MS;
      } else {
        first = today - ((PERIOD_DAYS[period ?? "7d"] ?? 7) - 1) * DAY_MS;
      }
      const days = Math.max(0, Math.round((last - first) / DAY_MS) + 1);
      const csv = analyticsCsv(metrics?.length ? metrics : ["issued", "redeemed"], first, days);
      if (config.analyticsExport === "data-uri") {
        return response.untyped(Response.json({ downloadUrl: `data:text/csv;base64,${btoa(csv)}` }));
      }
      const key = `analytics/${params.programId}/${state.next("analytics")}.csv`;
      state.storage.put(key, { contentType: "text/csv", body: () => csv });
      return response.untyped(Response.json({ downloadUrl: state.presign(context.storageOrigin, key, context.now) }));
    }),
  ];
}
