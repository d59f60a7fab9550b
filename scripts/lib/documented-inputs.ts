import { resolveLocalRef } from "./json-pointer.js";
import { mergeParameters, resolveRef } from "./resolve-parameters.js";
import type { OpenApiDocument } from "./spec-source.js";

/**
 * The inputs a caller can set on `METHOD /path` beyond the path itself: `query.<name>` for each query parameter
 * (path-level ones merged in) and `body.<name>` for each top-level property of the JSON request body (`$ref`s
 * followed, `allOf` parts merged), sorted. Headers are left out. Reads a spec or its surface
 * (generated/surface.json) alike, so the accept step can compare the pinned surface with the new spec, and the
 * simulator's table test reads the pinned spec with the same rule. `undefined` when the operation is not there.
 */
export function documentedInputs(doc: OpenApiDocument, key: string): string[] | undefined {
  const [method = "", path = ""] = key.split(" ");
  const item = resolveRef(doc, doc.paths[path]) as Record<string, unknown> | undefined;
  const operation = item?.[method.toLowerCase()] as Record<string, unknown> | undefined;
  if (!item || !operation) return undefined;
  const parameters = mergeParameters<{ name?: unknown; in?: unknown }>(
    doc,
    item.parameters as unknown[] | undefined,
    operation.parameters as unknown[] | undefined,
  );
  const query = parameters.filter((p) => p.in === "query").map((p) => `query.${String(p.name)}`);
  const body = resolveRef(doc, operation.requestBody) as { content?: Record<string, { schema?: unknown }> } | undefined;
  const schema = body?.content?.["application/json"]?.schema;
  const properties = schema === undefined ? [] : [...propertyNames(doc, schema, new Set())].map((n) => `body.${n}`);
  return [...new Set([...query, ...properties])].sort();
}

/** Whether the operation has a JSON request body at all (its table row then lists `body`, possibly empty). */
export function hasJsonBody(doc: OpenApiDocument, key: string): boolean {
  const [method = "", path = ""] = key.split(" ");
  const item = resolveRef(doc, doc.paths[path]) as Record<string, unknown> | undefined;
  const operation = item?.[method.toLowerCase()] as Record<string, unknown> | undefined;
  const body = resolveRef(doc, operation?.requestBody) as { content?: Record<string, unknown> } | undefined;
  return body?.content?.["application/json"] !== undefined;
}

function propertyNames(doc: OpenApiDocument, node: unknown, seen: Set<string>): Set<string> {
  let schema = node as Record<string, unknown> | undefined;
  while (typeof schema?.$ref === "string") {
    if (seen.has(schema.$ref)) return new Set();
    seen.add(schema.$ref);
    schema = resolveLocalRef(doc, schema.$ref) as Record<string, unknown> | undefined;
  }
  const names = new Set(Object.keys((schema?.properties as object | undefined) ?? {}));
  for (const part of (schema?.allOf as unknown[] | undefined) ?? [])
    for (const name of propertyNames(doc, part, seen)) names.add(name);
  return names;
}
