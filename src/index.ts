// `@loyaltydog/sdk`: the typed client (calls with retries, idempotency keys,
// timeouts and typed errors), the error classes and the spec's types. The
// helpers live in subpaths, so they cost only the apps that import them:
// `/tasks`, `/download`, `/paginate`, `/node`, `/testing`.
export type { $defs, components, operations, paths, webhooks } from "../generated/schema.js";
export type { LoyaltyDogClient, LoyaltyDogClientOptions } from "./client.js";
export { createLoyaltyDogClient, DEFAULT_BASE_URL } from "./client.js";
export type { AnyLoyaltyDogClient } from "./core/client/client-internals.js";
export {
  DownloadChangedError,
  DownloadError,
  DownloadExpiredError,
  DownloadIntegrityError,
} from "./core/download/download-errors.js";
export type { ApiErrorEnvelope, ErrorBody, FastApiErrorDetail } from "./core/errors/error-body.js";
export type { APIErrorInit, ValidationIssue } from "./core/errors/errors.js";
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
} from "./core/errors/errors.js";
export { InvalidArgumentError } from "./core/errors/invalid-argument.js";
export { unwrap } from "./core/errors/unwrap.js";
export type { IdempotencyPolicy } from "./core/http/idempotency.js";
export type { RequestOptions } from "./core/http/request-options.js";
export { DEFAULT_MAX_RESPONSE_BYTES, MAX_RETRIES, MAX_TIMEOUT_MS } from "./core/http/request-options.js";
export type { RetryPolicy } from "./core/http/retry-policy.js";
export { DEFAULT_RETRY_POLICY, isRetryableError } from "./core/http/retry-policy.js";
export type { CredentialSource } from "./core/http/transport.js";
export type { CallResult, PathsWith, TypedCalls } from "./core/http/typed-calls.js";
export { InvalidResponseError, ResponseBodyTimeoutError, ResponseTooLargeError } from "./core/http/wire-errors.js";
export type { Clock } from "./core/platform/clock.js";
export type { Logger, LogLevel } from "./core/platform/logger.js";
export type { PollState } from "./core/tasks/poller.js";
export { TaskFailedError, WaitTimeoutError } from "./core/tasks/task-errors.js";
export type * from "./types.js";
export { VERSION } from "./version.js";
