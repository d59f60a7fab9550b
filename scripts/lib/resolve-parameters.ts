import { resolveLocalRef } from "./json-pointer.js";
import type { OpenApiDocument } from "./spec-source.js";

// The two readings of an operation that the generator and the drift check share: a local `$ref` followed to
// its target, and the parameter list after path-level ones are merged in.

/** Follows a local `$ref` (chains too) to a non-schema component (parameter, body, response, path item). */
export function resolveRef(doc: OpenApiDocument, node: unknown): unknown {
  const seen = new Set<string>();
  while (node && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string") {
    const ref = (node as { $ref: string }).$ref;
    if (!ref.startsWith("#/") || ref.startsWith("#/components/schemas/") || seen.has(ref)) break;
    seen.add(ref);
    const target = resolveLocalRef(doc, ref);
    if (target === undefined) break;
    node = target;
  }
  return node;
}

/** Operation-level parameters override path-level ones with the same name and location (OpenAPI 3 rule). */
export function mergeParameters<P extends { name?: unknown; in?: unknown } = Record<string, unknown>>(
  doc: OpenApiDocument,
  shared: readonly unknown[] | undefined,
  own: readonly unknown[] | undefined,
): P[] {
  const byKey = new Map<string, P>();
  for (const raw of [...(shared ?? []), ...(own ?? [])]) {
    const p = resolveRef(doc, raw) as P;
    byKey.set(`${p.in}:${p.name}`, p);
  }
  return [...byKey.values()];
}
