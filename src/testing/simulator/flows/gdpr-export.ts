/**
 * The GDPR export: `POST …/gdpr/export` answers at once with a presigned URL to the customer's document, and
 * `GET …/gdpr/download?exportId&format` serves the same customer's document from the API itself.
 */
import type { HttpHandler } from "msw";
import type { GDPRExportResponse } from "../../../types.js";
import { gdprDocument } from "../content.js";
import { rejectInput } from "../input-errors.js";
import { InputReader } from "../input-values.js";
import { invalid, isRecord, notFound, readJson, routeContext, type Simulation } from "../route-context.js";

export function gdprExportRoutes({ http, config, state }: Simulation): HttpHandler[] {
  return [
    http.post("/v2/giftcards/gdpr/export", async ({ request, response }) => {
      const context = routeContext(request);
      const body = await readJson(request);
      if (!isRecord(body) || (body.format !== "json" && body.format !== "csv")) {
        return response.untyped(invalid(context, "format must be json or csv", ["body", "format"]));
      }
      if (!body.customerId && !body.customerEmail) {
        return response.untyped(invalid(context, "customerId or customerEmail is required", ["body"]));
      }
      const exportId = `gdpr_${String(state.next("gdpr")).padStart(6, "0")}`;
      const format = body.format;
      const record = {
        exportId,
        customerId: typeof body.customerId === "string" ? body.customerId : undefined,
        customerEmail: typeof body.customerEmail === "string" ? body.customerEmail : undefined,
      };
      state.gdprExports.set(exportId, record);
      const content = gdprDocument(record, format);
      const key = `gdpr/${exportId}.${format}`;
      state.storage.put(key, { contentType: content.contentType, body: () => content.text });
      const result: GDPRExportResponse = {
        exportId,
        status: "completed",
        format,
        downloadUrl: state.presign(context.storageOrigin, key, context.now),
        requestedAt: new Date(context.now).toISOString(),
        expiresAt: new Date(context.now + config.presignedUrlTtlSeconds * 1000).toISOString(),
      };
      return response(200).json(result);
    }),

    http.get("/v2/giftcards/gdpr/download", ({ request, query, response }) => {
      const context = routeContext(request);
      // FastAPI checks every query value before the handler runs: both problems in one 422, before any 404.
      const reader = new InputReader(context.schemaIssues);
      const exportId = reader.requiredString(query.getAll("exportId").at(-1), ["query", "exportId"]);
      const format = reader.requiredString(query.getAll("format").at(-1), ["query", "format"], /^(json|csv)$/);
      if (reader.issues.length > 0) return response.untyped(rejectInput(context, reader.issues));
      const record = state.gdprExports.get(exportId ?? "");
      if (!record || (format !== "json" && format !== "csv")) {
        return response.untyped(notFound(context, "Export not found"));
      }
      const content = gdprDocument(record, format);
      return response.untyped(
        new Response(content.text, {
          headers: {
            "content-type": content.contentType,
            "content-disposition": `attachment; filename="${exportId}.${format}"`,
          },
        }),
      );
    }),
  ];
}
