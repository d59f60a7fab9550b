import { InvalidArgumentError } from "../errors/invalid-argument.js";

/**
 * Decodes a `data:` URI (RFC 2397) into a Response, so an analytics export
 * that came back inline reads exactly like one fetched from storage.
 */
export function dataUriResponse(uri: string): Response {
  const comma = uri.indexOf(",");
  if (!uri.startsWith("data:") || comma < 0) throw new InvalidArgumentError("malformed data: URI");
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  const isBase64 = /;base64$/i.test(meta);
  const mediaType = (isBase64 ? meta.slice(0, -7) : meta) || "text/plain;charset=US-ASCII";
  let bytes: Uint8Array;
  try {
    bytes = isBase64
      ? Uint8Array.from(atob(decodeURIComponent(payload)), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(decodeURIComponent(payload));
  } catch (cause) {
    throw new InvalidArgumentError("data: URI payload does not decode", { cause });
  }
  return new Response(bytes, {
    status: 200,
    headers: { "content-type": mediaType, "content-length": String(bytes.byteLength) },
  });
}
