import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { LoyaltyDogClient } from "../client.js";
import type { DownloadOptions } from "../core/download.js";

export interface DownloadToFileOptions extends DownloadOptions {
  /** Called as bytes arrive (`total` from Content-Length when the host sends one). */
  onProgress?: (progress: { bytes: number; total: number | undefined }) => void;
}

/**
 * Streams a result file to disk without holding it in memory. It writes to
 * `<path>.part` and renames only when the last byte is on disk, so a failure
 * or an abort (Ctrl-C) never leaves a half-written file at `path`.
 */
export async function downloadToFile(
  client: Pick<LoyaltyDogClient, "download">,
  url: string,
  path: string,
  options: DownloadToFileOptions = {},
): Promise<{ path: string; bytes: number }> {
  const response = await client.download(url, options);
  const temp = `${path}.part`;
  const total = Number(response.headers.get("content-length")) || undefined;
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength;
      options.onProgress?.({ bytes, total });
      done(null, chunk);
    },
  });
  try {
    await mkdir(dirname(path), { recursive: true });
    const body = response.body
      ? Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>)
      : Readable.from([]);
    await pipeline(body, count, createWriteStream(temp), options.signal ? { signal: options.signal } : {});
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  }
  return { path, bytes };
}
