// `@loyaltydog/sdk/testing`: test helpers for code that calls LoyaltyDog.
// Needs the optional peers `msw` and `openapi-msw`; never imported by the main entry.
export { type AllHandlersOptions, allHandlers, type SampleAnswer, sampleAnswer } from "./all-handlers.js";
export type { CorsOptions } from "./cors.js";
export { type DefaultHandlersOptions, defaultHandlers } from "./default-handlers.js";
export { fixtures, objectId, taskUuid } from "./fixtures.js";
export { createLoyaltyDogHttp, type LoyaltyDogHttp, type LoyaltyDogHttpOptions } from "./loyaltydog-http.js";
export { createManualClock, DEFAULT_CLOCK_START, ManualClock, type ManualClockOptions } from "./manual-clock.js";
export { DEFAULT_MAX_REQUEST_BODY_BYTES } from "./request-body-limit.js";
export type { CredentialKind } from "./simulator/api-errors.js";
export { SIMULATOR_DEPARTURES, type SimulatorDeparture } from "./simulator/departures.js";
export { AUDIT_LOG_CSV_COLUMNS, type ExportFormat } from "./simulator/export-stream.js";
export type { FaultOptions } from "./simulator/fault-schedule.js";
export {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  DEFAULT_STORAGE_URL,
  type ListeningSimulator,
  LoyaltyDogSimulator,
  type LoyaltyDogSimulatorOptions,
  type RecordedRequest,
  type SimulatorStats,
} from "./simulator/index.js";
export type { RateLimitOptions, SimulatorRateLimitOptions } from "./simulator/rate-limiter.js";
export type { StorageRequestRecord } from "./simulator/storage-origin.js";
export type { TaskBehaviour, TaskStateCasing } from "./simulator/task-progress.js";
