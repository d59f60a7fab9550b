/**
 * Fixture factories typed by the generated schemas: when the spec changes a
 * field, these stop compiling instead of drifting. Deterministic (an index,
 * not randomness, picks the values) so snapshots and assertions are stable.
 */
import type {
  AuditLogEntry,
  AuditLogPage,
  BulkIssuanceAsyncResponse,
  BulkIssuanceSyncResponse,
  BulkIssuanceTaskStatus,
  BulkIssuedCardSummary,
  ExportStatusResponse,
  GDPRExportResponse,
  UserRead,
} from "../types.js";

const BASE_TIME = Date.UTC(2025, 0, 1);
const ACTIONS = ["giftcard.issued", "giftcard.redeemed", "giftcard.reloaded", "program.updated", "giftcard.voided"];
const RESOURCE_TYPES = ["giftcard", "giftcard", "giftcard", "program", "giftcard"];

/** A 24-hex-digit id shaped like a MongoDB ObjectId, derived from a prefix and a number. */
export function objectId(prefix: number, n: number): string {
  return `${prefix.toString(16).padStart(8, "0")}${n.toString(16).padStart(16, "0")}`;
}

/** A v4-shaped UUID derived from a number (Celery task ids look like this). */
export function taskUuid(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

function userRead(overrides: Partial<UserRead> = {}): UserRead {
  return {
    id: "65a1f0c2e4b0a1b2c3d4e5f6",
    email: "merchant.admin@example.com",
    name: "Merchant Admin",
    active: true,
    admin: false,
    emailVerified: "2024-06-01T12:00:00Z",
    image: null,
    location: null,
    website: "https://shop.example.com",
    ...overrides,
  };
}

function auditLogEntry(index = 0, overrides: Partial<AuditLogEntry> = {}): AuditLogEntry {
  const i = ((index % ACTIONS.length) + ACTIONS.length) % ACTIONS.length;
  return {
    id: objectId(0xa0d17, index),
    timestamp: new Date(BASE_TIME + index * 60_000).toISOString(),
    action: ACTIONS[i] ?? "giftcard.issued",
    actorType: "user",
    actorId: "65a1f0c2e4b0a1b2c3d4e5f6",
    actorName: "Merchant Admin",
    resourceType: RESOURCE_TYPES[i] ?? "giftcard",
    resourceId: objectId(0xca4d, index),
    resourceName: `Card ${String(index + 1).padStart(4, "0")}`,
    merchantId: "65a1f0c2e4b0a1b2c3d4e000",
    merchantName: "Example Coffee",
    subjectId: null,
    subjectName: null,
    ipAddress: "203.0.113.10",
    userAgent: "loyaltydog-sdk-tests",
    requestId: `req_${String(index).padStart(6, "0")}`,
    details: { amount: ((index % 9) + 1) * 5, currency: "EUR" },
    ...overrides,
  };
}

function auditLogEntries(count: number): AuditLogEntry[] {
  return Array.from({ length: count }, (_, i) => auditLogEntry(i));
}

/** One page of `entries` the way the API pages them (`page` is 1-based). */
function auditLogPage(entries: readonly AuditLogEntry[], page = 1, limit = 50): AuditLogPage {
  const start = (page - 1) * limit;
  return {
    items: entries.slice(start, start + limit),
    total: entries.length,
    page,
    pages: Math.ceil(entries.length / limit),
    limit,
  };
}

function exportStatus(overrides: Partial<ExportStatusResponse> = {}): ExportStatusResponse {
  return { taskId: taskUuid(1), status: "pending", ...overrides };
}

function bulkIssuedCard(index = 0): BulkIssuedCardSummary {
  const cardNumber = `6012${String(100_000_000_000 + index).padStart(12, "0")}`;
  return { id: objectId(0xb01c, index), cardNumber, lastFourDigits: cardNumber.slice(-4) };
}

function bulkIssuanceSync(count: number, overrides: Partial<BulkIssuanceSyncResponse> = {}): BulkIssuanceSyncResponse {
  return {
    cards: Array.from({ length: count }, (_, i) => bulkIssuedCard(i)),
    issuedCount: count,
    failedCount: 0,
    csvDownloadUrl: null,
    ...overrides,
  };
}

function bulkIssuanceAccepted(overrides: Partial<BulkIssuanceAsyncResponse> = {}): BulkIssuanceAsyncResponse {
  return { taskId: taskUuid(1), status: "pending", ...overrides };
}

function bulkIssuanceTaskStatus(overrides: Partial<BulkIssuanceTaskStatus> = {}): BulkIssuanceTaskStatus {
  return { taskId: taskUuid(1), status: "pending", ...overrides };
}

function gdprExport(overrides: Partial<GDPRExportResponse> = {}): GDPRExportResponse {
  return {
    exportId: "gdpr_000001",
    status: "completed",
    format: "json",
    downloadUrl: "https://loyaltydog-exports.s3.amazonaws.com/gdpr/gdpr_000001.json",
    requestedAt: new Date(BASE_TIME).toISOString(),
    expiresAt: new Date(BASE_TIME + 3_600_000).toISOString(),
    ...overrides,
  };
}

export const fixtures = {
  userRead,
  auditLogEntry,
  auditLogEntries,
  auditLogPage,
  exportStatus,
  bulkIssuedCard,
  bulkIssuanceSync,
  bulkIssuanceAccepted,
  bulkIssuanceTaskStatus,
  gdprExport,
};
