import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level and no whitespace.
 * Two documents that differ only in key order or formatting have the same
 * canonical form, so the pin does not call a re-serialised spec a change.
 * Array order is kept: in OpenAPI it carries meaning (parameters, enums, tags).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

export function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export function canonicalHash(doc: unknown): string {
  return sha256(canonicalJson(doc));
}
