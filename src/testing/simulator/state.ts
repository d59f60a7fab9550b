/**
 * Everything the simulator remembers between requests: what it was asked (records, stats), what it is doing
 * (background tasks, stored objects, idempotency keys, rate-limit windows, planned faults) and the counters
 * that make its ids deterministic. The edge and the flows read and change it; nothing else does.
 */
import { taskUuid } from "../fixtures.js";
import type { SimulatorConfig } from "./config.js";
import type { ExportFormat } from "./export-stream.js";
import { FaultSchedule } from "./fault-schedule.js";
import { IdempotencyStore } from "./idempotency-store.js";
import { presignUrl } from "./presigned-url.js";
import { RateLimiter } from "./rate-limiter.js";
import { StorageOrigin } from "./storage-origin.js";
import type { TaskBehaviour, TaskProgress } from "./task-progress.js";

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  /** Every request header, lower-cased names. */
  headers: Record<string, string>;
  requestId: string;
  idempotencyKey: string | undefined;
  /** Set once answered. */
  status: number;
}

export interface SimulatorStats {
  /** Cards actually issued (replays do not count). */
  cardsIssued: number;
  /** Bulk issuance operations actually run (replays do not count). */
  bulkIssuances: number;
  /** Bytes of export files produced so far, across downloads. */
  exportBytesProduced: number;
}

export interface AuditExportTask {
  kind: "audit-export";
  taskId: string;
  progress: TaskProgress;
  format: ExportFormat;
  storageKey: string;
}

export interface BulkTask {
  kind: "bulk";
  taskId: string;
  progress: TaskProgress;
  programId: string;
  count: number;
  firstCard: number;
}

export interface GdprExport {
  exportId: string;
  customerId: string | undefined;
  customerEmail: string | undefined;
}

/** Not a secret: it only makes tampered or re-dated URLs fail the way S3's do. */
const PRESIGN_SECRET = "simulator-presign-secret";

type Counter = "request" | "task" | "card" | "gdpr" | "analytics" | "sync";

export class SimulatorState {
  /** Every API request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  readonly stats: SimulatorStats = { cardsIssued: 0, bulkIssuances: 0, exportBytesProduced: 0 };
  readonly tasks = new Map<string, AuditExportTask | BulkTask>();
  /** GDPR exports by id: the download route serves the same customer's document as the export's URL. */
  readonly gdprExports = new Map<string, GdprExport>();
  readonly storage = new StorageOrigin(PRESIGN_SECRET);
  readonly faults = new FaultSchedule();
  readonly idempotency = new IdempotencyStore();
  readonly rateLimiter: RateLimiter;
  private readonly queuedBehaviours: TaskBehaviour[] = [];
  private readonly counters: Record<Counter, number> = { request: 0, task: 0, card: 0, gdpr: 0, analytics: 0, sync: 0 };

  constructor(private readonly config: SimulatorConfig) {
    this.rateLimiter = new RateLimiter(config.rateLimit);
  }

  /** Counts one more of `counter` and returns the new count (1 for the first). */
  next(counter: Counter): number {
    this.counters[counter] += 1;
    return this.counters[counter];
  }

  /** How many of `counter` so far. */
  count(counter: Counter): number {
    return this.counters[counter];
  }

  /** Reserves `count` card numbers; returns the first. */
  reserveCards(count: number): number {
    const first = this.counters.card;
    this.counters.card += count;
    return first;
  }

  newTaskId(): string {
    return taskUuid(this.next("task"));
  }

  queueBehaviour(behaviour: TaskBehaviour): void {
    this.queuedBehaviours.push(behaviour);
  }

  /** The behaviour of the task being created: the configured default, overridden by the next queued one. */
  takeBehaviour(): TaskBehaviour {
    return { ...this.config.tasks, ...this.queuedBehaviours.shift() };
  }

  /** A presigned URL for `key` on `storageOrigin`, valid for the configured lifetime from `now`. */
  presign(storageOrigin: string, key: string, now: number): string {
    return presignUrl({
      origin: storageOrigin,
      key,
      now,
      expiresInSeconds: this.config.presignedUrlTtlSeconds,
      secret: PRESIGN_SECRET,
    });
  }
}
