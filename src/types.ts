// Friendly names for the schemas callers touch most. All of them are plain
// aliases of the generated types, so they follow the spec on regeneration.
import type { components } from "../generated/schema.js";

type Schemas = components["schemas"];

export type ExportRequest = Schemas["ExportRequest"];
export type ExportStatusResponse = Schemas["ExportStatusResponse"];
export type AuditLogPage = Schemas["AuditLogPage"];
export type AuditLogEntry = Schemas["AuditLogResponse"];
export type BulkIssueGiftCardRequest = Schemas["BulkIssueGiftCardRequest"];
export type BulkIssuanceSyncResponse = Schemas["BulkIssuanceSyncResponse"];
export type BulkIssuanceAsyncResponse = Schemas["BulkIssuanceAsyncResponse"];
export type BulkIssuanceTaskStatus = Schemas["BulkIssuanceTaskStatus"];
export type BulkIssuedCardSummary = Schemas["BulkIssuedCardSummary"];
export type GDPRExportRequest = Schemas["GDPRExportRequest"];
export type GDPRExportResponse = Schemas["GDPRExportResponse"];
export type AnalyticsExportRequest = Schemas["AnalyticsExportRequest"];
export type UserRead = Schemas["UserRead"];
export type HTTPValidationError = Schemas["HTTPValidationError"];
export type ValidationError = Schemas["ValidationError"];
