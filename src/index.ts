// `@loyaltydog/sdk`: the typed client (calls with retries, idempotency keys,
// timeouts and typed errors), the error classes and the spec's types. The
// helpers live in subpaths, so they cost only the apps that import them:
// `/tasks`, `/download`, `/paginate`, `/node`, `/testing`.
export type { $defs, components, operations, paths, webhooks } from "../generated/schema.js";
export type { LoyaltyDogClient, LoyaltyDogClientOptions } from "./client.js";
export { createLoyaltyDogClient, DEFAULT_BASE_URL } from "./client.js";
export type { AnyLoyaltyDogClient } from "./core/client-internals.js";
export type { Clock } from "./core/clock.js";
export {
  DownloadChangedError,
  DownloadError,
  DownloadExpiredError,
  DownloadIntegrityError,
} from "./core/download-errors.js";
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
export type { PollState } from "./core/poller.js";
export type { RequestOptions } from "./core/request-options.js";
export { DEFAULT_MAX_RESPONSE_BYTES, MAX_RETRIES, MAX_TIMEOUT_MS } from "./core/request-options.js";
export type { RetryPolicy } from "./core/retry-policy.js";
export { DEFAULT_RETRY_POLICY, isRetryableError } from "./core/retry-policy.js";
export { TaskFailedError, WaitTimeoutError } from "./core/task-errors.js";
export type { CredentialSource } from "./core/transport.js";
export type { CallResult, PathsWith, TypedCalls } from "./core/typed-calls.js";
export { unwrap } from "./core/unwrap.js";
export { InvalidResponseError, ResponseBodyTimeoutError, ResponseTooLargeError } from "./core/wire-errors.js";
export type * from "./types.js";
export { VERSION } from "./version.js";
