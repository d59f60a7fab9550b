import { LoyaltyDogError } from "../core/errors.js";
import { unwrap } from "../core/unwrap.js";
import type { AnalyticsExportRequest, GDPRExportRequest, GDPRExportResponse } from "../types.js";
import type { FeatureContext } from "./context.js";

/**
 * The two exports the server answers synchronously: no task to poll, just a
 * URL to download (presigned, on the API's own download route, or an inline
 * `data:` URI). Pass the URL to `client.download`.
 */
export interface DataExports {
  /** GDPR export of a gift-card customer's data: `downloadUrl` and `expiresAt`. */
  gdpr(
    body: GDPRExportRequest,
    options?: { programId?: string; cardId?: string; signal?: AbortSignal },
  ): Promise<GDPRExportResponse>;
  /** Analytics report for a program; the URL may be a `data:` URI when the server could not upload it. */
  analytics(
    programId: string,
    body: AnalyticsExportRequest,
    options?: { signal?: AbortSignal },
  ): Promise<{ downloadUrl: string; body: unknown }>;
}

export function dataExports(ctx: FeatureContext): DataExports {
  return {
    async gdpr(body, options = {}) {
      const query = {
        ...(options.programId ? { programId: options.programId } : {}),
        ...(options.cardId ? { cardId: options.cardId } : {}),
      };
      return unwrap(
        await ctx.api.POST("/v2/giftcards/gdpr/export", { params: { query }, body, signal: options.signal }),
      );
    },
    async analytics(programId, body, options = {}) {
      const answer: unknown = unwrap(
        await ctx.api.POST("/v2/giftcards/programs/{programId}/analytics/export", {
          params: { path: { programId } },
          body,
          signal: options.signal,
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
    },
  };
}
