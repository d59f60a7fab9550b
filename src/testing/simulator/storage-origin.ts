/**
 * The object store behind presigned download URLs, behaving like S3 where it
 * matters to a client: it refuses a request that also carries an
 * `Authorization` header (400, two auth mechanisms), answers an expired or
 * tampered URL with 403 and an XML error, and records the headers of every
 * request so a test can assert the API token never reached it.
 */
import { verifyPresignedUrl } from "./presigned-url.js";

export interface StoredObject {
  contentType: string;
  /** Produces the body; called per download so a streamed export can be fetched more than once. */
  body(): ReadableStream<Uint8Array> | string;
}

export interface StorageRequestRecord {
  method: string;
  url: string;
  key: string;
  /** Every request header, lower-cased names. */
  headers: Record<string, string>;
  status: number;
}

export class StorageOrigin {
  private objects = new Map<string, StoredObject & { etag: string; lastModified: string }>();
  private versions = 0;
  readonly requests: StorageRequestRecord[] = [];
  private counter = 0;

  constructor(private readonly secret: string) {}

  /**
   * Each object gets a strong ETag and a Last-Modified, as S3 gives every
   * object, so a client can resume with `If-Range`. Ranges themselves are not
   * served (the answer is the whole object, 200), like a host without range
   * support; a re-put key gets a new ETag.
   */
  put(key: string, object: StoredObject): void {
    this.versions += 1;
    const etag = `"sim-${this.versions}"`;
    this.objects.set(key, { ...object, etag, lastModified: new Date(0).toUTCString() });
  }

  handle(request: Request, now: number): Response {
    const url = new URL(request.url);
    const headers = Object.fromEntries(request.headers);
    const record: StorageRequestRecord = { method: request.method, url: url.toString(), key: "", headers, status: 0 };
    this.requests.push(record);
    const response = this.answer(request, url, now, record);
    record.status = response.status;
    this.counter += 1;
    response.headers.set("x-amz-request-id", `SIM${String(this.counter).padStart(13, "0")}`);
    return response;
  }

  private answer(request: Request, url: URL, now: number, record: StorageRequestRecord): Response {
    if (request.headers.has("authorization")) {
      return s3Error(
        400,
        "InvalidArgument",
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
      );
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return s3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }
    const verdict = verifyPresignedUrl(url, now, this.secret);
    record.key = verdict.key;
    if (!verdict.ok) {
      if (verdict.reason === "expired") return s3Error(403, "AccessDenied", "Request has expired");
      if (verdict.reason === "bad-signature") {
        return s3Error(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.",
        );
      }
      return s3Error(403, "AccessDenied", "Access Denied");
    }
    const object = this.objects.get(verdict.key);
    if (!object) return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    const body = request.method === "HEAD" ? null : object.body();
    const responseHeaders: Record<string, string> = {
      "content-type": object.contentType,
      etag: object.etag,
      "last-modified": object.lastModified,
    };
    if (typeof body === "string") responseHeaders["content-length"] = String(new TextEncoder().encode(body).byteLength);
    return new Response(body, { status: 200, headers: responseHeaders });
  }
}

export function s3Error(status: number, code: string, message: string): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new Response(xml, { status, headers: { "content-type": "application/xml" } });
}
