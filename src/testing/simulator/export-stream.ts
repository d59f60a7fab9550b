/**
 * Export files generated on demand, chunk by chunk, as the reader pulls.
 * Nothing is held in memory beyond the chunk being produced, so a test can
 * download hundreds of MB and observe whether *its* code buffers.
 */
import type { AuditLogEntry } from "../../types.js";

export type ExportFormat = "csv" | "json";

export const AUDIT_LOG_CSV_COLUMNS = [
  "id",
  "timestamp",
  "action",
  "actorType",
  "actorId",
  "actorName",
  "resourceType",
  "resourceId",
  "resourceName",
  "merchantId",
  "merchantName",
  "subjectId",
  "subjectName",
  "ipAddress",
  "requestId",
] as const satisfies readonly (keyof AuditLogEntry)[];

export interface AuditLogExportInit {
  entries: readonly AuditLogEntry[];
  format: ExportFormat;
  /**
   * Keep emitting rows (cycling through `entries` with suffixed ids) until at
   * least this many bytes are out; the file ends at the first row boundary at
   * or after it, so it stays valid CSV/JSON.
   */
  minBytes?: number;
  /** Target chunk size (default 64 KiB). */
  chunkBytes?: number;
  /** Told about every chunk produced, so tests can compare produced with consumed bytes. */
  onChunk?: (bytes: number) => void;
}

/** Text records of an audit-log export: header/opening, one per row, closing. */
export function* auditLogExportRecords(init: AuditLogExportInit): Generator<string> {
  const { entries, format } = init;
  const minBytes = init.minBytes ?? 0;
  let written = 0;
  const emit = (text: string) => {
    written += byteLength(text);
    return text;
  };
  yield emit(format === "csv" ? `${AUDIT_LOG_CSV_COLUMNS.join(",")}\n` : "[");
  let row = 0;
  const total = entries.length;
  while (row < total || (written < minBytes && total > 0)) {
    const source = entries[row % total] as AuditLogEntry;
    const lap = Math.floor(row / total);
    const entry = lap === 0 ? source : { ...source, id: `${source.id}-${lap}` };
    if (format === "csv") {
      yield emit(`${AUDIT_LOG_CSV_COLUMNS.map((column) => csvField(entry[column])).join(",")}\n`);
    } else {
      yield emit(`${row === 0 ? "" : ","}${JSON.stringify(entry)}`);
    }
    row += 1;
  }
  if (format === "json") yield emit("]");
}

/**
 * Records packed into chunks, produced only when the stream's reader asks (pull), which is what gives backpressure.
 *
 * Each pull first yields to the event loop. Without that, a fast reader on the same process (MSW) or at the
 * other end of a loopback socket (`listen()`) is answered one microtask after another: the producer never
 * waits on I/O, so the host's timers (the test's timeout, the SDK's own timeouts, a progress bar) are frozen
 * until the whole file is out. One macrotask per 64 KiB chunk costs a few µs; it bounds that freeze to one
 * chunk's worth of work.
 */
export function recordsToStream(
  records: Iterator<string>,
  chunkBytes = 64 * 1024,
  onChunk?: (bytes: number) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await yieldToEventLoop();
        // The reader may have hung up while we yielded; the controller is closed by then.
        if (cancelled) return;
        let text = "";
        while (text.length < chunkBytes) {
          const next = records.next();
          if (next.done) break;
          text += next.value;
        }
        if (text.length > 0) {
          const chunk = encoder.encode(text);
          onChunk?.(chunk.byteLength);
          controller.enqueue(chunk);
        }
        if (text.length < chunkBytes) controller.close();
      },
      cancel() {
        cancelled = true;
        records.return?.(undefined);
      },
    },
    // One chunk of read-ahead at most: the producer waits for the consumer.
    { highWaterMark: 1 },
  );
}

/** Lets timers and I/O run: `setImmediate` where there is one (Node, Bun, Deno), else a zero-delay timer. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

export function auditLogExportStream(init: AuditLogExportInit): ReadableStream<Uint8Array> {
  return recordsToStream(auditLogExportRecords(init), init.chunkBytes, init.onChunk);
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function byteLength(text: string): number {
  // ASCII fast path; exports are mostly ASCII.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for non-ASCII
  return /^[\x00-\x7f]*$/.test(text) ? text.length : new TextEncoder().encode(text).byteLength;
}
