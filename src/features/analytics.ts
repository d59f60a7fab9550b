import { type AnyLoyaltyDogClient, internalsOf } from "../core/client/client-internals.js";
import { LoyaltyDogError } from "../core/errors/errors.js";
import { unwrap } from "../core/errors/unwrap.js";
import type { AnalyticsExportRequest } from "../types.js";
import type { CallOptions } from "./context.js";

// Spec tag "Gift Card Analytics": the analytics export, answered at once with a URL.

/**
 * An analytics report for a program. The URL is presigned, on the API's own
 * download route, or an inline `data:` URI when the server could not upload
 * it; `download` handles all three.
 */
export async function exportAnalytics(
  client: AnyLoyaltyDogClient,
  programId: string,
  body: AnalyticsExportRequest,
  options: CallOptions = {},
): Promise<{ downloadUrl: string; body: unknown }> {
  const { api } = internalsOf(client);
  const answer: unknown = unwrap(
    await api.POST("/v2/giftcards/programs/{programId}/analytics/export", {
      params: { path: { programId } },
      body,
      ...options,
    }),
  );
  // The spec leaves this 200 untyped; read the URL from the field names the API has used.
  const record = (answer && typeof answer === "object" ? answer : {}) as Record<string, unknown>;
  const url = [record.downloadUrl, record.url, record.download_url, record.dataUri].find(
    (v): v is string => typeof v === "string" && v !== "",
  );
  if (!url) {
    throw new LoyaltyDogError(
      `analytics export answered without a download URL (fields: ${Object.keys(record).join(", ") || "none"})`,
    );
  }
  return { downloadUrl: url, body: answer };
}
