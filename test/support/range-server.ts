import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type LoopbackServer, listenOnLoopback } from "../../src/testing/loopback-server.js";

/**
 * A storage host on 127.0.0.1 that serves one object the way S3 serves a
 * presigned GET: `ETag` (the MD5 of a single-part object), `Last-Modified`,
 * `Accept-Ranges`, and `Range: bytes=N-` honoured only while `If-Range`
 * names the current version (else the whole object, 200). Faults are queued
 * per request, so a test says exactly which answer breaks, and how.
 */

export interface StoredObject {
  bytes: Buffer;
  /** Quotes included; default the MD5 of `bytes` (a single-part object). `null`: send no ETag. */
  etag?: string | null;
  /** Default a fixed date; `null`: send none. */
  lastModified?: string | null;
}

export type Fault =
  /** Send this many bytes of the body, then reset the connection (RST). */
  | { cutAfter: number; how: "reset" }
  /** Send this many bytes, then nothing more, keeping the connection open: the client's idle timeout must fire. */
  | { cutAfter: number; how: "stall" }
  /** Answer with this status (and an S3-style XML body) instead of the object. */
  | { status: number; code?: string }
  /** Serve the whole object with 200 even when the range would be honoured (a host without range support). */
  | { ignoreRange: true }
  /** A 206 whose body is this many bytes short of what its Content-Length and Content-Range promise; ends cleanly. */
  | { lieShort: number };

export interface SeenRequest {
  range: string | undefined;
  ifRange: string | undefined;
  status: number;
  query: string;
}

export interface RangeServer extends LoopbackServer {
  /** The object as served now; replace it to simulate a new upload between attempts. */
  object: StoredObject;
  /** Consumed one per request, in order. */
  faults: Fault[];
  requests: SeenRequest[];
  /** Body bytes handed to the socket, over every answer. */
  bytesSent: number;
  /** Called as each request arrives (after its fault is picked), e.g. to replace the object. */
  onRequest?: ((request: SeenRequest) => void) | undefined;
  /** Back to the object it started with, no faults, no history: for `afterEach`. */
  reset(): void;
}

export const LAST_MODIFIED = "Wed, 01 Jan 2025 00:00:00 GMT";

export function md5Etag(bytes: Buffer): string {
  return `"${createHash("md5").update(bytes).digest("hex")}"`;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function startRangeServer(object: StoredObject): Promise<RangeServer> {
  const state = {
    object,
    faults: [] as Fault[],
    requests: [] as SeenRequest[],
    bytesSent: 0,
    reset() {
      Object.assign(state, { object, faults: [], requests: [], bytesSent: 0, onRequest: undefined });
    },
  } as RangeServer;
  const loopback = await listenOnLoopback((req, res) => void serve(state, req, res));
  return Object.assign(state, loopback);
}

async function serve(state: RangeServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fault = state.faults.shift();
  const seen: SeenRequest = {
    range: header(req, "range"),
    ifRange: header(req, "if-range"),
    status: 0,
    query: new URL(req.url ?? "/", "http://x").search,
  };
  state.requests.push(seen);
  state.onRequest?.(seen);
  const { bytes } = state.object;
  const etag = state.object.etag === undefined ? md5Etag(bytes) : state.object.etag;
  const lastModified = state.object.lastModified === undefined ? LAST_MODIFIED : state.object.lastModified;
  const common: Record<string, string> = { "accept-ranges": "bytes", "content-type": "text/csv" };
  if (etag !== null) common.etag = etag;
  if (lastModified !== null) common["last-modified"] = lastModified;

  if (fault && "status" in fault) {
    seen.status = fault.status;
    const code = fault.code ?? (fault.status === 403 ? "AccessDenied" : "SlowDown");
    res.writeHead(fault.status, { "content-type": "application/xml" });
    res.end(`<?xml version="1.0"?><Error><Code>${code}</Code><Message>Request has expired</Message></Error>`);
    return;
  }
  let start = 0;
  const match = /^bytes=(\d+)-$/.exec(seen.range ?? "");
  const current = seen.ifRange === undefined || seen.ifRange === (etag ?? lastModified);
  if (match && current && !(fault && "ignoreRange" in fault)) start = Number(match[1]);
  if (match && current && start >= bytes.length) {
    seen.status = 416;
    res.writeHead(416, { ...common, "content-range": `bytes */${bytes.length}` });
    res.end();
    return;
  }
  let body = bytes.subarray(start);
  seen.status = start > 0 ? 206 : 200;
  const headers: Record<string, string> = { ...common, "content-length": String(body.length) };
  if (start > 0) headers["content-range"] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
  if (fault && "lieShort" in fault) {
    body = body.subarray(0, body.length - fault.lieShort);
    headers["content-length"] = String(body.length);
    headers["content-range"] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    seen.status = 206;
  }
  res.writeHead(seen.status, headers);
  // The head goes out now even when no byte of the body follows: a cut after 0 bytes is a body cut, not a refused request.
  res.flushHeaders();
  const cut = fault && "cutAfter" in fault ? fault : undefined;
  const limit = cut ? Math.min(cut.cutAfter, body.length) : body.length;
  for (let offset = 0; offset < limit; ) {
    const piece = body.subarray(offset, Math.min(offset + 65_536, limit));
    offset += piece.length;
    state.bytesSent += piece.length;
    if (!res.write(piece)) await drainedOrClosed(res);
    if (res.destroyed) return;
  }
  if (cut?.how === "reset") {
    // Let what was written leave first, so the client holds exactly `cutAfter` bytes when the RST lands.
    await new Promise((resolve) => setImmediate(resolve));
    req.socket.resetAndDestroy();
    return;
  }
  if (cut?.how === "stall") return; // the client's idle timeout ends it; close() drops the socket
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
