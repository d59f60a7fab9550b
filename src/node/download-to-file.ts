import { randomBytes } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { AnyLoyaltyDogClient } from "../core/client-internals.js";
import type { DownloadOptions } from "../core/download.js";
import { download } from "../download.js";

export interface DownloadToFileOptions extends DownloadOptions {
  /** Called as bytes arrive (`total` from Content-Length when the host sends one). */
  onProgress?: (progress: { bytes: number; total: number | undefined }) => void;
}

/**
 * Streams a result file to disk without holding it in memory. It writes to
 * a temporary file beside `path` (`<name>.<random>.part`) and renames only
 * when the last byte is on disk, so a failure or an abort (Ctrl-C) never
 * leaves a half-written file at `path`.
 *
 * The temporary file is created exclusively (`wx`: O_CREAT|O_EXCL, which
 * never follows a symlink) under a random name, so nothing planted beside the
 * target — a symlink to a file to overwrite, a FIFO to hang on — is opened.
 * The final rename replaces a link at `path` itself, never its target.
 *
 * A plain read/write loop with backpressure rather than `pipeline` through
 * `Readable.fromWeb` and a counting Transform: each of those layers buffers
 * chunks of its own, which showed as several MB of extra RSS on a 256 MB
 * download (bench/download.ts).
 */
export async function downloadToFile(
  client: AnyLoyaltyDogClient,
  url: string,
  path: string,
  options: DownloadToFileOptions = {},
): Promise<{ path: string; bytes: number }> {
  const { signal, onProgress } = options;
  const response = await download(client, url, options);
  const total = Number(response.headers.get("content-length")) || undefined;
  const temp = join(dirname(path), `${basename(path)}.${randomBytes(6).toString("hex")}.part`);
  const reader = response.body?.getReader();
  // A stalled body must not outlive an abort: cancelling the reader ends the pending read.
  const onAbort = () => void reader?.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  let file: WriteStream | undefined;
  let bytes = 0;
  let created = false;
  try {
    await mkdir(dirname(path), { recursive: true });
    if (signal?.aborted) throw signal.reason;
    file = createWriteStream(temp, { flags: "wx" });
    await opened(file);
    created = true;
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const chunk = reader ? await reader.read() : { done: true as const, value: undefined };
      if (signal?.aborted) throw signal.reason;
      if (chunk.done) break;
      bytes += chunk.value.byteLength;
      onProgress?.({ bytes, total });
      if (!file.write(chunk.value)) await drained(file, signal);
    }
    await closed(file);
    await rename(temp, path);
    return { path, bytes };
  } catch (error) {
    await reader?.cancel(error).catch(() => {});
    file?.destroy();
    // Only a file this call created: when the exclusive open failed, whatever is at `temp` is not ours.
    if (created) await rm(temp, { force: true });
    throw signal?.aborted ? signal.reason : error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

function opened(file: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    file.once("open", () => resolve()).once("error", reject);
  });
}

function drained(file: WriteStream, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: unknown) => {
      file.off("drain", done).off("error", done);
      signal?.removeEventListener("abort", done);
      if (signal?.aborted) reject(signal.reason);
      else if (error) reject(error);
      else resolve();
    };
    file.once("drain", done).once("error", done);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function closed(file: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
