import type { APIConnectionError } from "../errors/errors.js";
import { onAbort } from "../platform/abort.js";
import { ResponseBodyTimeoutError, ResponseTooLargeError } from "./wire-errors.js";

/**
 * Bounded body reads: a size limit counted on decoded bytes as they stream
 * (so `Content-Encoding: gzip` cannot inflate past it) and an idle timeout
 * (no byte for N ms). One for the API's JSON answers, read whole inside the
 * transport's attempt; one for downloads, a stream the caller reads at its
 * own pace.
 */
export interface BodyLimits {
  /** Decoded bytes; `Infinity` for none. */
  maxBytes: number;
  /** Longest wait for the next chunk; `undefined` when something else already bounds the read. */
  idleTimeoutMs: number | undefined;
}

/** What an error about this body names: never the body itself. */
export interface BodyContext {
  method: string;
  url: string;
  status: number;
}

/**
 * The whole body, within the limits. Rejects with ResponseTooLargeError or
 * ResponseBodyTimeoutError; any other failure (reset, abort) is the stream's
 * own error, for the caller to classify.
 */
export async function readBody(
  body: ReadableStream<Uint8Array> | null,
  limits: BodyLimits,
  context: BodyContext,
): Promise<Uint8Array> {
  if (body === null) return EMPTY;
  const reader = body.getReader();
  const idle = idleTimer(limits.idleTimeoutMs, context, (error) => reader.cancel(error).catch(() => {}));
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      idle?.arm();
      const { done, value } = await reader.read();
      idle?.check(); // a cancelled read ends as `done`: the timer's error is the truth
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        void reader.cancel().catch(() => {});
        throw new ResponseTooLargeError(limits.maxBytes, context);
      }
      chunks.push(value);
    }
  } finally {
    idle?.stop();
  }
  return concat(chunks, size);
}

/**
 * The same limits on a body the caller streams: waits count only while a read
 * is pending (a slow consumer is not a slow server), the caller's signal ends
 * it, and every failure is an error of the SDK's hierarchy (`toError`).
 */
export function guardBody(
  response: Response,
  limits: BodyLimits,
  context: BodyContext,
  signal: AbortSignal | undefined,
  toError: (cause: unknown) => unknown,
): Response {
  const source = response.body;
  if (source === null) return response;
  const reader = source.getReader();
  let size = 0;
  let dispose = () => {};
  const idle = idleTimer(limits.idleTimeoutMs, context, (error) => reader.cancel(error).catch(() => {}));
  const finish = () => {
    idle?.stop();
    dispose();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      dispose = onAbort(signal, (reason) => {
        finish();
        controller.error(reason);
        reader.cancel(reason).catch(() => {});
      });
    },
    async pull(controller) {
      try {
        idle?.arm();
        const { done, value } = await reader.read();
        idle?.check();
        idle?.stop();
        if (signal?.aborted) return;
        if (done) {
          finish();
          controller.close();
          return;
        }
        size += value.byteLength;
        if (size > limits.maxBytes) {
          reader.cancel().catch(() => {});
          throw new ResponseTooLargeError(limits.maxBytes, context);
        }
        controller.enqueue(value);
      } catch (error) {
        finish();
        if (signal?.aborted) return;
        controller.error(toError(error));
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason);
    },
  });
  return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
}

interface IdleTimer {
  arm(): void;
  check(): void;
  stop(): void;
}

function idleTimer(
  ms: number | undefined,
  context: BodyContext,
  onIdle: (error: APIConnectionError) => void,
): IdleTimer | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let fired: ResponseBodyTimeoutError | undefined;
  const fire = () => {
    fired = new ResponseBodyTimeoutError(ms, context);
    onIdle(fired);
  };
  return {
    arm() {
      // Node's timers restart in place; a browser's are replaced.
      if (timer !== undefined && typeof timer === "object") timer.refresh();
      else {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(fire, ms);
      }
    },
    check() {
      if (fired) throw fired;
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

const EMPTY = new Uint8Array(0);

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
