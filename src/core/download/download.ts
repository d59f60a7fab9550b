import { DownloadChangedError } from "./download-errors.js";
import { type DownloadDeps, type DownloadOptions, type DownloadSession, openDownload } from "./download-session.js";

export type { DownloadDeps, DownloadOptions } from "./download-session.js";

/**
 * Fetches a result file: a presigned storage URL, a `data:` URI, or a
 * download route on the API itself. Storage hosts never see the API's
 * `Authorization` or `X-Eposn-*` headers (leaking them is the risk, and S3
 * rejects a request that carries a second auth scheme). Returns the
 * streaming Response; its body is the caller's to read or cancel.
 *
 * A body that breaks off is resumed where it stopped (download-session.ts),
 * invisibly to the reader, as long as the object has not changed. When it
 * has, after bytes of the old version were handed out, the stream errors with
 * DownloadChangedError rather than splice two versions together; it never
 * delivers a byte twice. A short body ends in DownloadIntegrityError.
 */
export async function download(deps: DownloadDeps, url: string, options: DownloadOptions = {}): Promise<Response> {
  const session = await openDownload(deps, url, options);
  return new Response(streamOf(session, url), { status: 200, headers: session.headers });
}

function streamOf(session: DownloadSession, url: string): ReadableStream<Uint8Array> {
  let delivered = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await session.next();
        if (chunk === undefined) {
          controller.close();
          return;
        }
        if (chunk.restarted && delivered > 0) {
          await session.cancel();
          throw new DownloadChangedError(
            `the file changed at the storage host after ${delivered} bytes of it were read (a new ETag or Last-Modified); read it again from the start`,
            { url, bytesDelivered: delivered },
          );
        }
        delivered += chunk.bytes.byteLength;
        controller.enqueue(chunk.bytes);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel: (reason) => session.cancel(reason),
  });
}
