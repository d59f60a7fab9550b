import { oneLine } from "../errors/error-limits.js";
import { LoyaltyDogError } from "../errors/errors.js";
import { redactUrl } from "../errors/redact.js";

/**
 * A result file could not be fetched from its (usually presigned) URL. The
 * URL's signature is never kept: not in `url`, nor in the message, where a
 * storage host's `<Message>` may quote the URL (LoyaltyDogError scrubs it).
 */
export class DownloadError extends LoyaltyDogError {
  override name = "DownloadError";
  /** The storage host's HTTP status; undefined when the URL was refused before sending. */
  readonly status: number | undefined;
  /** The URL with its signature and credentials redacted. */
  readonly url: string;
  /** The storage host's error code (S3's `<Code>`), when it sent one. */
  readonly code: string | undefined;

  constructor(message: string, init: { url: string; status?: number; code?: string; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.url = redactUrl(init.url);
    this.status = init.status;
    this.code = init.code === undefined ? undefined : oneLine(init.code, 100);
  }
}

/**
 * The storage host refused the URL with 403: a presigned URL lives an hour,
 * so the usual cause is expiry. Ask for a fresh one (poll the task again, or
 * start a new export) rather than retrying this URL.
 */
export class DownloadExpiredError extends DownloadError {
  override name = "DownloadExpiredError";
}

/**
 * The object at the URL changed (a new ETag or Last-Modified, or the host
 * stopped honouring ranges) after `client.download`'s stream had already
 * handed out bytes of the old version. Continuing would splice two versions
 * together, so the stream ends with this error instead: read the file again
 * from the start. `downloadToFile` never throws it: it starts its `.part` over.
 */
export class DownloadChangedError extends DownloadError {
  override name = "DownloadChangedError";
  /** Bytes of the old version the stream had delivered before the change was seen. */
  readonly bytesDelivered: number;

  constructor(message: string, init: { url: string; bytesDelivered: number; status?: number }) {
    super(message, init);
    this.bytesDelivered = init.bytesDelivered;
  }
}

/**
 * The bytes do not match what the storage host promised: fewer or more than
 * its `Content-Length` (after every resume the retry budget allows), or an
 * MD5 digest other than a single-part object's ETag. `downloadToFile` never
 * renames such a file into place; it deletes the `.part` when the bytes are
 * wrong (`check: "md5"`, or too many bytes) and keeps it, with `resume: true`,
 * when they are only short.
 */
export class DownloadIntegrityError extends DownloadError {
  override name = "DownloadIntegrityError";
  /** Which promise was broken: the length (`Content-Length`) or the MD5 digest (ETag). */
  readonly check: "length" | "md5";
  readonly expected: string;
  readonly actual: string;

  constructor(init: { url: string; check: "length" | "md5"; expected: string; actual: string }) {
    const [expected, actual] =
      init.check === "length"
        ? [`${init.expected} bytes`, init.actual]
        : [`MD5 ${init.expected} (the ETag)`, init.actual];
    super(`download does not match what the host promised: expected ${expected}, got ${actual}`, { url: init.url });
    this.check = init.check;
    this.expected = init.expected;
    this.actual = init.actual;
  }
}
