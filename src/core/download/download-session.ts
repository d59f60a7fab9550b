import { InvalidArgumentError } from "../errors/invalid-argument.js";
import { guardBody } from "../http/body-reader.js";
import { checkMaxBytes, checkTimer } from "../http/request-options.js";
import { backoffDelayMs, isRetryableError, type RetryPolicy } from "../http/retry-policy.js";
import type { StreamedHead, Transport } from "../http/transport.js";
import { ResponseTooLargeError } from "../http/wire-errors.js";
import type { Clock } from "../platform/clock.js";
import { dataUriResponse } from "./data-uri.js";
import { DownloadError, DownloadIntegrityError } from "./download-errors.js";
import {
  canResume,
  identityOf,
  ifRangeValue,
  lengthIsCheckable,
  type ObjectIdentity,
  parseContentRange,
  unsatisfiedRangeTotal,
} from "./download-validator.js";
import { refusal, storageUrl } from "./storage-host.js";

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Longest wait for the next byte while the body streams; default the client's `bodyIdleTimeoutMs`. */
  idleTimeoutMs?: number;
  /** Largest file accepted, in decoded bytes; default no limit (result files can be large). */
  maxBytes?: number;
}

export interface DownloadDeps {
  /** The API's origin: URLs there go through the authenticated API transport. */
  apiOrigin: string;
  /** The client's transport, with credentials: only ever used for the API's own origin. */
  api: Transport;
  /** A transport with no credentials and no request ids, same retries and timeouts: for storage hosts. */
  storage: Transport;
  /** The client's retry policy: how many resumes in a row may fail to make progress, and the backoff between them. */
  retry: RetryPolicy;
  clock: Clock;
  random: () => number;
}

/** Where an earlier, interrupted download stopped: `downloadToFile` keeps this beside its `.part` file. */
export interface ResumePoint {
  offset: number;
  identity: ObjectIdentity;
}

export interface DownloadChunk {
  bytes: Uint8Array;
  /**
   * The object changed at the host (or it stopped honouring ranges), so the
   * transfer started over: this chunk is byte 0 of the new version and every
   * byte handed out before it belongs to the old one.
   */
  restarted: boolean;
}

/**
 * One object's transfer, across as many HTTP answers as it takes. A body
 * that breaks off (reset, idle timeout, a clean end short of
 * `Content-Length`) is picked up where it stopped with `Range: bytes=N-`
 * and `If-Range` naming the version we have, so the host answers either
 * 206 (the rest of that version) or 200 (it changed: the whole new one).
 * Each answer goes through the client's transport (its own retries of 503s
 * and refused connections); the resumes themselves are budgeted by the same
 * retry policy: `maxRetries` resumes in a row that deliver no byte end it,
 * and any byte delivered resets the count, so a long transfer survives any
 * number of cuts as long as it keeps moving.
 */
export interface DownloadSession {
  /** The first answer's head. */
  readonly headers: Headers;
  /** The version being fetched (replaced when the host restarts the transfer). */
  readonly identity: ObjectIdentity;
  /** Bytes of the object before the next chunk. */
  readonly offset: number;
  /** The next chunk, or undefined at the end (after the length was checked, where it can be). */
  next(): Promise<DownloadChunk | undefined>;
  cancel(reason?: unknown): Promise<void>;
}

/** Opens a download of `url` from byte 0, or from `from` (a `.part` file's size and stored identity). */
export async function openDownload(
  deps: DownloadDeps,
  url: string,
  options: DownloadOptions = {},
  from?: ResumePoint,
): Promise<DownloadSession> {
  if (typeof url !== "string" || url === "") throw new InvalidArgumentError("download: url is required");
  const limits = {
    maxBytes: options.maxBytes === undefined ? Infinity : checkMaxBytes("download", options.maxBytes),
    idleTimeoutMs:
      options.idleTimeoutMs === undefined ? undefined : checkTimer("download", "idleTimeoutMs", options.idleTimeoutMs),
  };
  if (url.startsWith("data:")) {
    const response = dataUriResponse(url);
    return new Session(url, undefined, deps, options.signal, limits, response);
  }
  const target = storageUrl(url);
  const transport = target.origin === deps.apiOrigin ? deps.api : deps.storage;
  const session = new Session(url, { target, transport }, deps, options.signal, limits, undefined);
  await session.open(from);
  return session;
}

/** A body that ended cleanly but short of `Content-Length`: resumed like a cut. */
class ShortBody extends Error {}

class Session implements DownloadSession {
  #headers: Headers | undefined;
  identity: ObjectIdentity = {};
  offset = 0;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #resumable = false;
  #checkLength = false;
  /** Bytes the host resends that we already have (it ignored `Range` but the version is the same). */
  #skip = 0;
  #restarted = false;
  /** Resumes in a row that have not delivered a byte. */
  #failures = 0;

  constructor(
    private readonly url: string,
    private readonly remote: { target: URL; transport: Transport } | undefined,
    private readonly deps: DownloadDeps,
    private readonly signal: AbortSignal | undefined,
    private readonly limits: { maxBytes: number; idleTimeoutMs: number | undefined },
    /** A `data:` URI's bytes: complete already, never resumed. */
    inline: Response | undefined,
  ) {
    if (inline) this.#adoptWhole(inline, 0, true);
  }

  get headers(): Headers {
    return this.#headers ?? new Headers();
  }

  async open(from: ResumePoint | undefined): Promise<void> {
    if (from && from.offset > 0 && ifRangeValue(from.identity) !== undefined) {
      this.identity = from.identity;
      this.offset = from.offset;
      await this.#resume();
      return;
    }
    const response = await this.#request(0);
    this.#adoptWhole(response, 0, false);
  }

  async next(): Promise<DownloadChunk | undefined> {
    for (;;) {
      let chunk: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]>>;
      try {
        if (this.signal?.aborted) throw this.signal.reason;
        chunk = this.#reader ? await this.#reader.read() : { done: true, value: undefined };
        if (chunk.done && this.#checkLength && this.identity.total !== undefined && this.offset < this.identity.total) {
          throw new ShortBody();
        }
      } catch (error) {
        await this.#recover(error);
        continue;
      }
      if (chunk.done) return undefined;
      let bytes = chunk.value;
      if (this.#skip > 0) {
        const dropped = Math.min(this.#skip, bytes.byteLength);
        this.#skip -= dropped;
        bytes = bytes.subarray(dropped);
        if (bytes.byteLength === 0) continue;
      }
      const offset = this.offset + bytes.byteLength;
      const { total } = this.identity;
      if (this.#checkLength && total !== undefined && offset > total) {
        await this.cancel();
        throw new DownloadIntegrityError({
          url: this.url,
          check: "length",
          expected: String(total),
          actual: `more than ${total}`,
        });
      }
      if (offset > this.limits.maxBytes) {
        await this.cancel();
        throw new ResponseTooLargeError(this.limits.maxBytes, { method: "GET", url: this.url, status: 200 });
      }
      this.offset = offset;
      this.#failures = 0;
      const restarted = this.#restarted;
      this.#restarted = false;
      return { bytes, restarted };
    }
  }

  async cancel(reason?: unknown): Promise<void> {
    const reader = this.#reader;
    this.#reader = undefined;
    await reader?.cancel(reason).catch(() => {});
  }

  /** After a cut: wait the policy's backoff, then ask for the rest of the version we have. */
  async #recover(error: unknown): Promise<void> {
    if (this.signal?.aborted) throw this.signal.reason;
    // Transient by the one rule the transport and the poller use (retry-policy.ts), or a body that ended short.
    const transient = error instanceof ShortBody || isRetryableError(error);
    await this.cancel(error);
    if (!transient || !this.#resumable || this.#failures >= this.deps.retry.maxRetries) {
      if (!(error instanceof ShortBody)) throw error;
      throw new DownloadIntegrityError({
        url: this.url,
        check: "length",
        expected: String(this.identity.total),
        actual: String(this.offset),
      });
    }
    await this.deps.clock.sleep(backoffDelayMs(this.#failures, this.deps.retry, this.deps.random), this.signal);
    this.#failures++;
    await this.#resume();
  }

  /** `Range: bytes=<offset>-` with `If-Range`: the rest of our version (206), or the whole of a new one (200). */
  async #resume(): Promise<void> {
    const response = await this.#request(this.offset);
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get("content-range"));
      const etag = identityOf(response.headers).etag;
      const { total } = this.identity;
      const continues =
        range !== undefined &&
        range.start === this.offset &&
        (range.total === undefined || total === undefined || range.total === total) &&
        (etag === undefined || this.identity.etag === undefined || etag === this.identity.etag);
      if (continues) {
        if (this.identity.total === undefined && range.total !== undefined) this.identity.total = range.total;
        this.#checkLength = lengthIsCheckable(response.headers);
        this.#resumable = canResume(this.identity, response.headers);
        this.#reader = response.body?.getReader();
        return;
      }
      // A range of something else: never splice it on. Start over with the whole object.
      void response.body?.cancel().catch(() => {});
      this.#adoptWhole(await this.#request(0), this.offset, false);
      return;
    }
    if (response.status === 416) {
      // Nothing after `offset`: complete when the host's size is ours, else the object changed under us.
      const total = unsatisfiedRangeTotal(response.headers.get("content-range"));
      if (total !== undefined && total === this.offset && (this.identity.total ?? total) === total) {
        this.identity.total = total;
        this.#reader = undefined;
        return;
      }
      this.#adoptWhole(await this.#request(0), this.offset, false);
      return;
    }
    this.#adoptWhole(response, this.offset, false);
  }

  /**
   * A 200: the whole object. When we asked for a range and the strong ETag is
   * the one we have, the host merely ignored `Range`: skip what we hold. Any
   * other version restarts the transfer at byte 0.
   */
  #adoptWhole(response: Response, had: number, inline: boolean): void {
    const identity = identityOf(response.headers);
    this.#headers ??= response.headers;
    this.#reader = response.body?.getReader();
    this.#checkLength = lengthIsCheckable(response.headers);
    if (had > 0 && identity.etag !== undefined && identity.etag === this.identity.etag) {
      this.#skip = had;
      return;
    }
    this.identity = identity;
    this.#resumable = !inline && canResume(identity, response.headers);
    this.#restarted = had > 0;
    this.offset = 0;
    this.#skip = 0;
  }

  /** One GET through the client's transport; answers other than 200, 206 and a 416 to a range become typed errors. */
  async #request(offset: number): Promise<Response> {
    const remote = this.remote as { target: URL; transport: Transport };
    const { url, signal } = this;
    const headers = new Headers();
    const validator = ifRangeValue(this.identity);
    if (offset > 0 && validator !== undefined) {
      headers.set("range", `bytes=${offset}-`);
      headers.set("if-range", validator);
    }
    const request = new Request(remote.target, { method: "GET", headers, signal: signal ?? null });
    const { idleTimeoutMs } = this.limits;
    const take = (response: Response, head: StreamedHead) =>
      guardBody(
        response,
        { maxBytes: Infinity, idleTimeoutMs: idleTimeoutMs ?? head.bodyIdleTimeoutMs },
        head.context,
        head.signal,
        head.toError,
      );
    const response = await remote.transport(request, { take }).catch((cause: unknown) => {
      if (signal?.aborted) throw signal.reason;
      throw new DownloadError(`download failed: ${(cause as Error)?.message ?? cause}`, { url, cause });
    });
    if (response.ok || (response.status === 416 && offset > 0)) {
      if (offset === 0 && response.status === 206) {
        void response.body?.cancel().catch(() => {});
        throw new DownloadError("download failed: the host answered 206 to a request without Range", {
          url,
          status: 206,
        });
      }
      this.#headers ??= response.headers;
      return response;
    }
    throw await refusal(response, url, remote.transport === this.deps.api);
  }
}
