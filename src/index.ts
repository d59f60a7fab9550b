export type { $defs, components, operations, paths, webhooks } from "../generated/schema.js";
export type { LoyaltyDogClient, LoyaltyDogClientOptions } from "./client.js";
export { createLoyaltyDogClient, DEFAULT_BASE_URL } from "./client.js";
export type { Clock } from "./core/clock.js";
export type { DownloadOptions } from "./core/download.js";
export { DownloadError, DownloadExpiredError } from "./core/download-errors.js";
export type { APIErrorInit, ValidationIssue } from "./core/errors.js";
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  LoyaltyDogError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  SubscriptionInactiveError,
  UnprocessableEntityError,
} from "./core/errors.js";
export type { IdempotencyPolicy } from "./core/idempotency.js";
export { InvalidArgumentError } from "./core/invalid-argument.js";
export type { Logger, LogLevel } from "./core/logger.js";
export type { ItemOf, PagedPath, PageInit, PageOf } from "./core/paginate.js";
export type { PollOptions, PollProgress, PollState, PollTask } from "./core/poller.js";
export { pollTask } from "./core/poller.js";
export type { RequestOptions } from "./core/request-options.js";
export { DEFAULT_MAX_RESPONSE_BYTES, MAX_RETRIES, MAX_TIMEOUT_MS } from "./core/request-options.js";
export type { RetryPolicy } from "./core/retry-policy.js";
export { DEFAULT_RETRY_POLICY, isRetryableError } from "./core/retry-policy.js";
export { TaskFailedError, WaitTimeoutError } from "./core/task-errors.js";
export type { TaskState } from "./core/task-state.js";
export { classifyTaskState } from "./core/task-state.js";
export type { CredentialSource } from "./core/transport.js";
export { unwrap } from "./core/unwrap.js";
export { InvalidResponseError, ResponseBodyTimeoutError, ResponseTooLargeError } from "./core/wire-errors.js";
export type { AuditLogs, CompletedExport } from "./features/audit-logs.js";
export type { WaitOptions } from "./features/context.js";
export type { DataExports } from "./features/data-exports.js";
export type { BulkIssuanceResult, BulkIssueOptions, GiftCards } from "./features/gift-cards.js";
export type * from "./types.js";
export { VERSION } from "./version.js";
