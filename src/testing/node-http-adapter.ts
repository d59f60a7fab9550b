/**
 * Serves a WHATWG request handler on a real `node:http` server on 127.0.0.1,
 * for tests where the wire matters (sockets, streaming, header casing).
 *
 * Both directions stream. The request body reaches the handler as a stream read only on demand and capped
 * (`maxRequestBodyBytes`, 1 MiB by default, as the real edge): past the cap the stream fails with
 * `RequestBodyTooLargeError`, which this adapter answers with the edge's 413. When the handler answers
 * without reading the whole body, the connection is closed after the answer instead of draining the rest.
 * Response bodies are piped with `stream.pipeline`, so a slow reader slows the producer (backpressure) and a
 * client that hangs up cancels the stream.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { type LoopbackServer, listenOnLoopback } from "./loopback-server.js";
import type { FetchHandler } from "./msw-adapter.js";
import {
  DEFAULT_MAX_REQUEST_BODY_BYTES,
  payloadTooLargeResponse,
  RequestBodyTooLargeError,
} from "./request-body-limit.js";

export interface ServeOptions {
  /** Largest request body handed to the handler (default 1 MiB). */
  maxRequestBodyBytes?: number;
  /** Port on 127.0.0.1 (default 0: a free one). */
  port?: number;
}

export async function serveOnLoopback(handle: FetchHandler, options: ServeOptions = {}): Promise<LoopbackServer> {
  const limit = options.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES;
  let origin = "";
  const loopback = await listenOnLoopback((req, res) => {
    respond(handle, req, res, origin, limit).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain", connection: "close" });
        res.end(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        res.destroy();
      }
    });
  }, options.port);
  origin = loopback.url;
  return loopback;
}

async function respond(
  handle: FetchHandler,
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  limit: number,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody ? { body: cappedBody(req, limit), duplex: "half" } : {}),
  } as RequestInit);
  let response: Response;
  try {
    response = await handle(request);
  } catch (error) {
    if (!isTooLarge(error)) throw error;
    response = payloadTooLargeResponse();
  }
  const outHeaders: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    outHeaders[name] = value;
  });
  // Unread body bytes are still on the wire: reading them to reuse the connection is what the cap avoids.
  if (hasBody && !req.complete) outHeaders.connection = "close";
  res.writeHead(response.status, outHeaders);
  if (!response.body || method === "HEAD") {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
}

/** The request body as a web stream, pulled from the socket only as the handler reads, failing past `limit`. */
function cappedBody(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  const chunks = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let received = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) return controller.close();
        received += next.value.byteLength;
        if (received > limit) return controller.error(new RequestBodyTooLargeError(limit));
        controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      // Not `chunks.return()`: that destroys the socket the answer still has to go out on.
      cancel() {},
    },
    { highWaterMark: 0 },
  );
}

function isTooLarge(error: unknown): boolean {
  return error instanceof RequestBodyTooLargeError || (error instanceof Error && isTooLarge(error.cause));
}
