/**
 * The simulator's options, and the one place they are read: `settleConfig` resolves every default once into a
 * `SimulatorConfig` with no optional fields, so the flows never re-derive a default with `?.` and `??`.
 */

import { InvalidArgumentError } from "../../core/errors/invalid-argument.js";
import type { Clock } from "../../core/platform/clock.js";
import type { AuditLogEntry, UserRead } from "../../types.js";
import { fixtures } from "../fixtures.js";
import { DEFAULT_CLOCK_START } from "../manual-clock.js";
import { DEFAULT_MAX_REQUEST_BODY_BYTES } from "../request-body-limit.js";
import type { RateLimitOptions, SimulatorRateLimitOptions } from "./rate-limiter.js";
import type { TaskBehaviour } from "./task-progress.js";

export const DEFAULT_SIMULATOR_TOKEN = "ld_test_simulator";
export const DEFAULT_STORAGE_URL = "https://loyaltydog-exports.s3.amazonaws.com";
const DEFAULT_API_URL = "https://api.loyalty.dog";

export interface LoyaltyDogSimulatorOptions {
  /** API origin the MSW handlers answer for (default `https://api.loyalty.dog`). */
  baseUrl?: string;
  /** Storage origin presigned URLs point at under MSW (default an S3 bucket host). */
  storageUrl?: string;
  /** Accepted bearer secrets (default `["ld_test_simulator"]`). */
  tokens?: readonly string[];
  /** Time source for task progress, URL expiry, rate limits (default: a clock frozen at 2025-01-01, moved by nothing). */
  clock?: Pick<Clock, "now">;
  /** Audit-log entries served and exported (default: `fixtures.auditLogEntries(auditLogCount)`). */
  auditLogEntries?: readonly AuditLogEntry[];
  /** How many entries to generate when `auditLogEntries` is not given (default 120). */
  auditLogCount?: number;
  /** Default behaviour of every background task; `nextTask()` overrides it per task. */
  tasks?: TaskBehaviour;
  /** Make every audit-log export at least this large (streamed, never held in memory). */
  exportSizeBytes?: number;
  /** Lifetime of presigned URLs (default 3600 s, as upstream). */
  presignedUrlTtlSeconds?: number;
  bulk?: {
    /** Largest batch issued synchronously (default 50). */
    syncThreshold?: number;
    /** Status of the async acceptance (default 202, as documented; the spec declares 201). */
    asyncStatus?: 201 | 202;
    /** Cards that fail in each async batch (partial failure; default 0). */
    failedCount?: number;
    /** Refuse bulk issuance without an `Idempotency-Key` (422; default false, as the spec marks it optional). */
    requireIdempotencyKey?: boolean;
  };
  /** `presigned` (default) answers analytics exports with a storage URL, `data-uri` with an inline `data:` URI. */
  analyticsExport?: "presigned" | "data-uri";
  /**
   * LoyaltyDog's rate limits (default: all of them, as documented, on `clock`); `{ timeScale: 30 }` runs every
   * window 30 times faster, `{ budgets }` sets others, `{ limit, windowSeconds }` one burst window; `false`: none.
   */
  rateLimit?: SimulatorRateLimitOptions | RateLimitOptions | false;
  /** Overrides for the `GET /v2/token` answer. */
  user?: Partial<UserRead>;
  /**
   * Largest request body accepted (default 1 MiB, nginx's default `client_max_body_size`); a larger one gets the
   * edge's `413 Request Entity Too Large` HTML page, and no more than this is ever read.
   */
  maxRequestBodyBytes?: number;
}

export interface SimulatorConfig {
  baseUrl: string;
  storageUrl: string;
  tokens: ReadonlySet<string>;
  clock: Pick<Clock, "now">;
  auditLogEntries: readonly AuditLogEntry[];
  tasks: TaskBehaviour;
  exportSizeBytes: number;
  presignedUrlTtlSeconds: number;
  bulk: {
    syncThreshold: number;
    asyncStatus: 201 | 202;
    failedCount: number;
    requireIdempotencyKey: boolean;
  };
  analyticsExport: "presigned" | "data-uri";
  rateLimit: SimulatorRateLimitOptions | RateLimitOptions | false;
  user: Partial<UserRead>;
  maxRequestBodyBytes: number;
}

export function settleConfig(options: LoyaltyDogSimulatorOptions): SimulatorConfig {
  const bulk = options.bulk ?? {};
  return {
    baseUrl: originOf("baseUrl", options.baseUrl ?? DEFAULT_API_URL),
    storageUrl: originOf("storageUrl", options.storageUrl ?? DEFAULT_STORAGE_URL),
    tokens: new Set(options.tokens ?? [DEFAULT_SIMULATOR_TOKEN]),
    clock: options.clock ?? { now: () => DEFAULT_CLOCK_START },
    auditLogEntries:
      options.auditLogEntries ?? fixtures.auditLogEntries(count("auditLogCount", options.auditLogCount ?? 120)),
    tasks: options.tasks ?? {},
    exportSizeBytes: count("exportSizeBytes", options.exportSizeBytes ?? 0),
    presignedUrlTtlSeconds: count("presignedUrlTtlSeconds", options.presignedUrlTtlSeconds ?? 3600),
    bulk: {
      syncThreshold: count("bulk.syncThreshold", bulk.syncThreshold ?? 50),
      asyncStatus: bulk.asyncStatus ?? 202,
      failedCount: count("bulk.failedCount", bulk.failedCount ?? 0),
      requireIdempotencyKey: bulk.requireIdempotencyKey ?? false,
    },
    analyticsExport: options.analyticsExport ?? "presigned",
    rateLimit: options.rateLimit ?? {},
    user: options.user ?? {},
    maxRequestBodyBytes: count("maxRequestBodyBytes", options.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES),
  };
}

function originOf(name: string, url: string): string {
  if (!URL.canParse(url)) throw new InvalidArgumentError(`simulator option ${name} must be an absolute URL`);
  return new URL(url).origin;
}

function count(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(`simulator option ${name} must be a non-negative integer`);
  }
  return value;
}
