/**
 * S3-style presigned URLs for the simulator's storage origin. The signature is
 * not SigV4 (nothing here needs AWS credentials): it is a keyed hash over the
 * object key, date and lifetime, so a tampered or re-dated URL is rejected the
 * way S3 rejects it, and expiry follows the injected clock.
 */

export interface PresignInit {
  origin: string;
  key: string;
  now: number;
  expiresInSeconds: number;
  secret: string;
}

export function presignUrl(init: PresignInit): string {
  const amzDate = toAmzDate(init.now);
  const url = new URL(`${init.origin.replace(/\/+$/, "")}/${init.key.split("/").map(encodeURIComponent).join("/")}`);
  url.searchParams.set("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  url.searchParams.set("X-Amz-Credential", `SIMULATOR/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`);
  url.searchParams.set("X-Amz-Date", amzDate);
  url.searchParams.set("X-Amz-Expires", String(init.expiresInSeconds));
  url.searchParams.set("X-Amz-SignedHeaders", "host");
  url.searchParams.set("X-Amz-Signature", sign(init.key, amzDate, init.expiresInSeconds, init.secret));
  return url.toString();
}

export type PresignVerdict =
  | { ok: true; key: string }
  | { ok: false; reason: "unsigned" | "bad-signature" | "expired"; key: string };

export function verifyPresignedUrl(url: URL, now: number, secret: string): PresignVerdict {
  const key = url.pathname.replace(/^\/+/, "").split("/").map(decodeURIComponent).join("/");
  const amzDate = url.searchParams.get("X-Amz-Date");
  const expires = Number(url.searchParams.get("X-Amz-Expires"));
  const signature = url.searchParams.get("X-Amz-Signature");
  if (!amzDate || !signature || !Number.isFinite(expires)) return { ok: false, reason: "unsigned", key };
  if (signature !== sign(key, amzDate, expires, secret)) return { ok: false, reason: "bad-signature", key };
  if (now >= fromAmzDate(amzDate) + expires * 1000) return { ok: false, reason: "expired", key };
  return { ok: true, key };
}

/** `20250101T000000Z` */
export function toAmzDate(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace(/[-:]/g, "").replace(".000", "");
}

function fromAmzDate(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** FNV-1a (64-bit), four rounds with different salts: 64 hex digits, the length of a SigV4 signature. */
function sign(key: string, amzDate: string, expires: number, secret: string): string {
  const input = `${key}\n${amzDate}\n${expires}\n${secret}`;
  let out = "";
  for (let round = 0; round < 4; round++) {
    let hash = 0xcbf29ce484222325n ^ BigInt(round);
    for (let i = 0; i < input.length; i++) {
      hash ^= BigInt(input.charCodeAt(i));
      hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
    }
    out += hash.toString(16).padStart(16, "0");
  }
  return out;
}
