// `@loyaltydog/sdk/tasks`: the helpers around the API's background tasks and
// exports, as functions taking the client, grouped by the spec's tags. One
// scheme for every task: `start…` sends it and returns the task id (the
// resume token), `waitFor…` polls a task started here or elsewhere, `…AndWait`
// does both. Arguments are always (client, path ids in URL order, body or
// task id, options).

export type { AnyLoyaltyDogClient } from "./core/client/client-internals.js";
export type { PollFailure, PollOptions, PollProgress, PollState, PollTask } from "./core/tasks/poller.js";
export { pollTask } from "./core/tasks/poller.js";
export { TaskFailedError, WaitTimeoutError } from "./core/tasks/task-errors.js";
export type { TaskState } from "./core/tasks/task-state.js";
export { classifyTaskState } from "./core/tasks/task-state.js";
export { exportAnalytics } from "./features/analytics.js";
export type { CompletedExport } from "./features/audit-logs.js";
export { exportAuditLogsAndWait, startAuditLogExport, waitForAuditLogExport } from "./features/audit-logs.js";
export type { CallOptions, WaitOptions } from "./features/context.js";
export type {
  BulkIssuanceResult,
  BulkIssuanceStart,
  BulkIssueOptions,
  BulkIssueStartOptions,
} from "./features/gift-cards.js";
export { bulkIssueAndWait, exportGdprData, startBulkIssuance, waitForBulkIssuance } from "./features/gift-cards.js";
