/**
 * The request-body cap of LoyaltyDog's edge. The API runs behind an nginx-style gateway (its 502/503/504 pages
 * are nginx's), and such a gateway refuses an oversized body itself with `413 Request Entity Too Large` and its
 * HTML page, before the app (FastAPI, which would otherwise read any size) sees a byte. nginx's default
 * `client_max_body_size` is 1 MiB, which is also far above any JSON body this API takes. Reading stops at the
 * cap: a 200 MB body costs the fake at most 1 MiB of memory, and a declared `Content-Length` over the cap is
 * refused without reading at all.
 */

export const DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** Raised through a request body stream that delivered more than the cap (see `node-http-adapter.ts`). */
export class RequestBodyTooLargeError extends Error {
  override readonly name = "RequestBodyTooLargeError";
  constructor(readonly limitBytes: number) {
    super(`request body is larger than ${limitBytes} bytes`);
  }
}

/** The declared `Content-Length`, or undefined when there is none (chunked) or it is not a number. */
export function declaredLength(headers: Headers): number | undefined {
  const value = headers.get("content-length");
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

/**
 * The body's bytes if it holds at most `limitBytes`, else `undefined`, having read no more than `limitBytes` plus
 * one chunk (and nothing when `Content-Length` already says too much). The stream is cancelled when refused.
 */
export async function readBodyWithin(request: Request, limitBytes: number): Promise<Uint8Array | undefined> {
  const body = request.body;
  if (body === null) return new Uint8Array(0);
  if ((declaredLength(request.headers) ?? 0) > limitBytes) {
    stopReading(body.cancel());
    return undefined;
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch (error) {
      if (error instanceof RequestBodyTooLargeError) return undefined;
      throw error;
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > limitBytes) {
      stopReading(reader.cancel());
      return undefined;
    }
    chunks.push(next.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Not awaited: when the body is one branch of a `tee()` (MSW clones every request it handles), cancelling it
 * settles only once the other branch is cancelled too, which may be never.
 */
function stopReading(cancelled: Promise<void>): void {
  cancelled.catch(() => {});
}

/** nginx's answer to an oversized body; it closes the connection rather than read the rest. */
export function payloadTooLargeResponse(): Response {
  const title = "413 Request Entity Too Large";
  return new Response(
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    { status: 413, headers: { "content-type": "text/html", connection: "close" } },
  );
}
