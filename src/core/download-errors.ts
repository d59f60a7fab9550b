import { oneLine } from "./error-limits.js";
import { LoyaltyDogError } from "./errors.js";
import { redactUrl } from "./redact.js";

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
