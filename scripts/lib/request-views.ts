import { unescapeToken } from "./json-pointer.js";
import type { OpenApiDocument } from "./spec-source.js";

/**
 * openapi-typescript types a property with a `default` as required, which is
 * right for responses (the server always fills it) and wrong for request
 * bodies (the caller may leave it out and the server fills it). It already
 * knows the difference for inline request bodies, but not for the
 * `$ref`-ed component schemas FastAPI emits. This module works out which
 * component schemas callers *send* ("input view") so the generator can make
 * their defaulted properties optional, and gives a schema used both ways a
 * separate `<Name>Input` copy for the request side (as FastAPI itself does
 * with `-Input` / `-Output`), so neither side loses its guarantee.
 */
export interface RequestViews {
  /** A prepared copy of the document; the input never changes. */
  doc: OpenApiDocument;
  /** Component schema names that only appear on the request side. */
  inputSchemas: ReadonlySet<string>;
  /** Schemas that were split: original name → request-side copy. */
  split: ReadonlyMap<string, string>;
}

const SCHEMA_REF = "#/components/schemas/";

export function prepareRequestViews(source: OpenApiDocument): RequestViews {
  const doc = structuredClone(source) as OpenApiDocument;
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;

  const inputRoots = new Set<string>();
  const outputRoots = new Set<string>();
  forEachOperation(doc, (op, pathItem) => {
    collectRefs([pathItem.parameters, op.parameters, op.requestBody], inputRoots);
    collectRefs([op.responses], outputRoots);
  });
  const input = closure(inputRoots, schemas);
  const output = closure(outputRoots, schemas);

  // Only schemas that need two views are split: used both ways and reaching a defaulted optional property.
  const split = new Map<string, string>();
  for (const name of [...input].sort()) {
    if (!output.has(name)) continue;
    const reachesDefault = [...closure(new Set([name]), schemas)].some((n) => hasDefaultedOptional(schemas[n]));
    if (!reachesDefault) continue;
    let copy = `${name}Input`;
    while (copy in schemas) copy += "_";
    split.set(name, copy);
  }
  const renameRefs = (node: unknown) => rewriteRefs(node, split);
  for (const [name, copy] of split) schemas[copy] = renameRefs(structuredClone(schemas[name])) as Schema;

  const inputSchemas = new Set<string>(split.values());
  for (const name of input) {
    if (output.has(name)) continue;
    inputSchemas.add(name);
    schemas[name] = renameRefs(schemas[name]) as Schema;
  }
  forEachOperation(doc, (op, pathItem) => {
    if (pathItem.parameters) pathItem.parameters = renameRefs(pathItem.parameters);
    if (op.parameters) op.parameters = renameRefs(op.parameters);
    if (op.requestBody) op.requestBody = renameRefs(op.requestBody);
  });
  return { doc, inputSchemas, split };
}

/** True when this property path (as openapi-typescript reports it) lies inside a request-side component and has a server default. */
export function isServerDefaultedInput(views: RequestViews, path: string | undefined, property: unknown): boolean {
  if (!path?.startsWith(SCHEMA_REF)) return false;
  if (!property || typeof property !== "object" || !("default" in property)) return false;
  const segments = path.slice(SCHEMA_REF.length).split("/").map(unescapeToken);
  const [name, ...rest] = segments;
  if (!name || !views.inputSchemas.has(name) || rest.length === 0) return false;
  // Walk to the object that owns the property, to read its `required` list.
  let owner = views.doc.components?.schemas?.[name] as Schema | undefined;
  for (const segment of rest.slice(0, -1)) owner = owner?.properties?.[segment];
  const key = rest[rest.length - 1] as string;
  if (!owner?.properties || owner.properties[key] === undefined) return false;
  return !(owner.required ?? []).includes(key);
}

interface Schema {
  properties?: Record<string, Schema>;
  required?: string[];
  [k: string]: unknown;
}

interface Operation {
  parameters?: unknown;
  requestBody?: unknown;
  responses?: unknown;
}

function forEachOperation(doc: OpenApiDocument, visit: (op: Operation, pathItem: { parameters?: unknown }) => void) {
  for (const pathItem of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(pathItem)) {
      if (method === "parameters" || !op || typeof op !== "object") continue;
      visit(op as Operation, pathItem as { parameters?: unknown });
    }
  }
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF)) {
        into.add(unescapeToken(value.slice(SCHEMA_REF.length)));
      } else {
        collectRefs(value, into);
      }
    }
  }
}

function closure(roots: Set<string>, schemas: Record<string, Schema>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name) || !(name in schemas)) continue;
    seen.add(name);
    const refs = new Set<string>();
    collectRefs(schemas[name], refs);
    stack.push(...refs);
  }
  return seen;
}

function hasDefaultedOptional(schema: Schema | undefined): boolean {
  if (!schema?.properties) return false;
  const required = schema.required ?? [];
  return Object.entries(schema.properties).some(
    ([key, prop]) => !required.includes(key) && prop !== null && typeof prop === "object" && "default" in prop,
  );
}

function rewriteRefs<T>(node: T, renames: ReadonlyMap<string, string>): T {
  if (renames.size === 0) return node;
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, renames)) as T;
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF)) {
        const target = renames.get(unescapeToken(value.slice(SCHEMA_REF.length)));
        out[key] = target ? `${SCHEMA_REF}${target}` : value;
      } else {
        out[key] = rewriteRefs(value, renames);
      }
    }
    return out as T;
  }
  return node;
}
