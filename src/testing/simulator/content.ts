/**
 * File contents the flows hand out, generated from fixtures so they are deterministic. The audit-log export,
 * which can be made arbitrarily large, is streamed by `export-stream.ts`; these are small and built whole.
 */
import type { BulkIssuedCardSummary } from "../../types.js";
import { fixtures } from "../fixtures.js";
import { csvField } from "./export-stream.js";
import type { GdprExport } from "./state.js";

const DAY_MS = 86_400_000;

export interface GeneratedFile {
  text: string;
  contentType: string;
}

export function gdprDocument(
  { exportId, customerId, customerEmail }: GdprExport,
  format: "json" | "csv",
): GeneratedFile {
  const customer = { id: customerId ?? "cust_000001", email: customerEmail ?? "customer@example.com" };
  const giftCards = [fixtures.bulkIssuedCard(0), fixtures.bulkIssuedCard(1)];
  if (format === "json") {
    return { text: JSON.stringify({ exportId, customer, giftCards }), contentType: "application/json" };
  }
  const rows = giftCards.map((c) => `${customer.id},${customer.email},${c.id},${c.lastFourDigits}`);
  return { text: `customerId,customerEmail,cardId,lastFourDigits\n${rows.join("\n")}\n`, contentType: "text/csv" };
}

/** Daily figures for `days` days from the UTC day of `firstDay` (epoch ms), one column per metric. */
export function analyticsCsv(metrics: readonly string[], firstDay: number, days: number): string {
  const start = Math.floor(firstDay / DAY_MS) * DAY_MS;
  const rows = Array.from({ length: days }, (_, day) => {
    const date = new Date(start + day * DAY_MS).toISOString().slice(0, 10);
    return [date, ...metrics.map((_, m) => String((day + 1) * (m + 3)))].join(",");
  });
  return `date,${metrics.map(csvField).join(",")}\n${rows.map((row) => `${row}\n`).join("")}`;
}

export function issuedCards(first: number, count: number): BulkIssuedCardSummary[] {
  return Array.from({ length: count }, (_, i) => fixtures.bulkIssuedCard(first + i));
}

export function cardsCsv(cards: readonly BulkIssuedCardSummary[]): string {
  return `id,cardNumber,lastFourDigits\n${cards.map((c) => `${c.id},${c.cardNumber},${c.lastFourDigits}\n`).join("")}`;
}
