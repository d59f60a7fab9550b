/**
 * What identifies one version of a downloaded object, and what a resumed
 * answer must say to be a continuation of it. Pure functions over headers,
 * shared by `client.download` (download-session.ts) and `downloadToFile`,
 * which stores an {@link ObjectIdentity} beside its `.part` file.
 *
 * The rules are HTTP's (RFC 9110 §13.1.5, §14.4) as S3 applies them to
 * presigned GETs: `If-Range` takes a strong ETag, else a Last-Modified date;
 * a weak ETag (`W/"…"`) may not be used there at all.
 */

export interface ObjectIdentity {
  /** The strong ETag, quotes included, as the host sent it. */
  etag?: string;
  /** Used for `If-Range` only when there is no strong ETag. */
  lastModified?: string;
  /** Size in bytes of the whole object, from `Content-Length` (200) or `Content-Range` (206). */
  total?: number;
}

/** The identity of the object a 200 (whole object) answer carries. */
export function identityOf(headers: Headers): ObjectIdentity {
  const identity: ObjectIdentity = {};
  const etag = headers.get("etag")?.trim();
  if (etag && /^"[^"]*"$/.test(etag)) identity.etag = etag;
  const lastModified = headers.get("last-modified")?.trim();
  if (lastModified && !Number.isNaN(Date.parse(lastModified))) identity.lastModified = lastModified;
  const length = headers.get("content-length");
  if (length !== null && /^\d+$/.test(length.trim())) identity.total = Number(length);
  return identity;
}

/** The `If-Range` value that makes a host answer 200 (the whole new object) instead of a range of a changed one. */
export function ifRangeValue(identity: ObjectIdentity): string | undefined {
  return identity.etag ?? identity.lastModified;
}

/**
 * Whether a cut transfer may continue with `Range`: it needs a validator for
 * `If-Range` (without one, a range of a replaced object would be spliced
 * onto the old bytes), and bytes we count the way the host counts them: with
 * `Content-Encoding`, fetch hands out decoded bytes while ranges address
 * encoded ones.
 */
export function canResume(identity: ObjectIdentity, headers: Headers): boolean {
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  const acceptRanges = headers.get("accept-ranges")?.trim().toLowerCase();
  return ifRangeValue(identity) !== undefined && (!encoding || encoding === "identity") && acceptRanges !== "none";
}

/** Whether the byte count can be checked against `total`: not when fetch decoded a `Content-Encoding`. */
export function lengthIsCheckable(headers: Headers): boolean {
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  return !encoding || encoding === "identity";
}

export interface ContentRange {
  start: number;
  end: number;
  /** Undefined for `*` (size unknown). */
  total: number | undefined;
}

/** `Content-Range: bytes 100-199/1000` of a 206; undefined when absent or malformed. */
export function parseContentRange(value: string | null): ContentRange | undefined {
  const match = value === null ? null : /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim());
  if (!match) return undefined;
  const [start, end] = [Number(match[1]), Number(match[2])];
  const total = match[3] === "*" ? undefined : Number(match[3]);
  if (end < start || (total !== undefined && end >= total)) return undefined;
  return { start, end, total };
}

/** `Content-Range: bytes *\/1000` of a 416: the size of the object as the host sees it now. */
export function unsatisfiedRangeTotal(value: string | null): number | undefined {
  const match = value === null ? null : /^bytes \*\/(\d+)$/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * The MD5 digest an ETag stands for, in hex, when it is one: S3 sets a
 * single-part object's ETag to the MD5 of its bytes (32 hex digits), but not
 * a multipart upload's (`"…-N"`) nor an object encrypted with SSE-KMS or
 * SSE-C, whose ETags are opaque though they look the same.
 */
export function md5FromEtag(identity: ObjectIdentity, headers: Headers): string | undefined {
  const match = identity.etag === undefined ? null : /^"([0-9a-fA-F]{32})"$/.exec(identity.etag);
  if (!match) return undefined;
  const sse = headers.get("x-amz-server-side-encryption")?.toLowerCase();
  if (sse?.startsWith("aws:kms") || headers.has("x-amz-server-side-encryption-customer-algorithm")) return undefined;
  if (!lengthIsCheckable(headers)) return undefined;
  return match[1]?.toLowerCase();
}
