// `@loyaltydog/sdk/testing`: test helpers for code that calls LoyaltyDog.
// Needs the optional peers `msw` and `openapi-msw`; never imported by the main entry.
export type { CredentialKind } from "./api-errors.js";
export type { CorsOptions } from "./cors.js";
export { type DefaultHandlersOptions, defaultHandlers } from "./default-handlers.js";
export { AUDIT_LOG_CSV_COLUMNS, type ExportFormat } from "./export-stream.js";
export type { FaultOptions } from "./fault-schedule.js";
export { fixtures, objectId, taskUuid } from "./fixtures.js";
export { createLoyaltyDogHttp, type LoyaltyDogHttp, type LoyaltyDogHttpOptions } from "./loyaltydog-http.js";
export { createManualClock, DEFAULT_CLOCK_START, type ManualClock } from "./manual-clock.js";
export type { RateLimitOptions } from "./rate-limiter.js";
export {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  DEFAULT_STORAGE_URL,
  type ListeningSimulator,
  LoyaltyDogSimulator,
  type LoyaltyDogSimulatorOptions,
  type RecordedRequest,
  type SimulatorStats,
} from "./simulator.js";
export type { StorageRequestRecord } from "./storage-origin.js";
export type { TaskBehaviour, TaskStateCasing } from "./task-progress.js";
