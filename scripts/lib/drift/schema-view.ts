import { resolveLocalRef, schemaRefName } from "../json-pointer.js";
import { PROSE_KEYS } from "../surface.js";

type Json = Record<string, unknown>;

/**
 * One side of a schema comparison as the wire sees it: `$ref`s followed,
 * `allOf` parts merged into one object, and "may be null" pulled out of its
 * three spellings (3.0 `nullable`, a 3.1 type list with "null", a union with a
 * `{type: "null"}` branch) into one flag. Nested schemas (properties, items,
 * union branches) stay as written, so a named one can still be compared once
 * by name.
 */
export interface SchemaView {
  /** The merged keywords, without `$ref`, `allOf`, `nullable` or null branches. */
  node: Json;
  nullable: boolean;
  /** Types other than null; undefined when the schema does not constrain it. */
  types: string[] | undefined;
  /** No `type` declared (null is as allowed as anything else). */
  untyped?: boolean;
  /** The `allOf` members as written (merged into `node`), for the rule on members added or removed. */
  allOf?: unknown[];
  /** Component names followed to build this view (for cycle guards). */
  refs: string[];
  /** Set when the view stopped at a ref already being expanded (a recursive type). */
  cyclicRef?: string;
}

const isNullBranch = (s: unknown): boolean => {
  if (s === null || typeof s !== "object") return false;
  const o = s as Json;
  if (o.type === "null") return true;
  return Array.isArray(o.enum) && o.enum.length === 1 && o.enum[0] === null;
};

export function viewOf(doc: unknown, raw: unknown, expanding: ReadonlySet<string> = new Set()): SchemaView {
  const refs: string[] = [];
  let node: Json = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Json) : {};
  // Follow the ref chain; siblings of a `$ref` (3.1) apply on top of its target.
  while (typeof node.$ref === "string") {
    const name = schemaRefName(node.$ref);
    if (name !== undefined && (expanding.has(name) || refs.includes(name))) {
      return { node: { $ref: node.$ref }, nullable: false, types: undefined, refs, cyclicRef: name };
    }
    const target = resolveLocalRef(doc, node.$ref);
    if (target === null || typeof target !== "object") break; // checked up front; an external ref stays opaque
    if (name !== undefined) refs.push(name);
    const { $ref: _ref, ...siblings } = node;
    node = { ...(target as Json), ...siblings };
  }
  let nullable = node.nullable === true;
  let merged: Json = { ...node };
  delete merged.nullable;
  const allOf = Array.isArray(merged.allOf) ? (merged.allOf as unknown[]) : undefined;

  if (Array.isArray(merged.allOf)) {
    const inner = new Set([...expanding, ...refs]);
    const parts = (merged.allOf as unknown[]).map((p) => viewOf(doc, p, inner));
    delete merged.allOf;
    merged = mergeParts(
      parts.map((p) => p.node),
      merged,
    );
    for (const p of parts) refs.push(...p.refs);
    // Null is allowed only if every part allows it (or the schema says so itself).
    if (parts.length > 0 && parts.every((p) => p.nullable)) nullable = true;
  }

  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = merged[key];
    if (!Array.isArray(branches) || !branches.some(isNullBranch)) continue;
    nullable = true;
    const rest = branches.filter((b) => !isNullBranch(b));
    if (rest.length === 1) {
      // `anyOf: [X, null]` is X that may be null: compare it as X.
      delete merged[key];
      const inner = viewOf(doc, rest[0], new Set([...expanding, ...refs]));
      refs.push(...inner.refs);
      if (inner.cyclicRef) return { ...inner, nullable: true, refs };
      merged = mergeParts([inner.node], merged);
      if (inner.nullable) nullable = true;
    } else merged[key] = rest;
  }

  let types: string[] | undefined;
  const declared = merged.type;
  if (typeof declared === "string") types = [declared];
  else if (Array.isArray(declared)) types = declared.filter((t): t is string => typeof t === "string");
  if (types?.includes("null")) {
    nullable = true;
    types = types.filter((t) => t !== "null");
  }
  // No declared type: it accepts any JSON value, null included (the type below is inferred for comparison only).
  const untyped = types === undefined;
  if (types === undefined) {
    if (merged.properties !== undefined || merged.additionalProperties !== undefined) types = ["object"];
    else if (merged.items !== undefined) types = ["array"];
  }
  // Kept in the node too (without null), so an `allOf` merge can intersect part types.
  if (types === undefined || types.length === 0) delete merged.type;
  else merged.type = types.length === 1 ? types[0] : [...types].sort();
  if (Array.isArray(merged.enum) && merged.enum.includes(null)) {
    nullable = true;
    merged.enum = merged.enum.filter((v) => v !== null);
  }
  return { node: merged, nullable, types: types?.sort(), refs, untyped, ...(allOf ? { allOf } : {}) };
}

/** `allOf` parts (and the schema's own keywords, last) merged: properties and `required` unite, the rest first-wins. */
function mergeParts(parts: Json[], own: Json): Json {
  const out: Json = {};
  const properties: Json = {};
  const required = new Set<string>();
  let types: string[] | undefined;
  for (const part of [...parts, own]) {
    for (const [key, value] of Object.entries(part)) {
      if (key === "properties" && value && typeof value === "object") {
        for (const [name, schema] of Object.entries(value as Json)) {
          const prev = properties[name];
          properties[name] =
            prev === undefined || JSON.stringify(prev) === JSON.stringify(schema) ? schema : { allOf: [prev, schema] };
        }
      } else if (key === "required" && Array.isArray(value)) {
        for (const name of value) if (typeof name === "string") required.add(name);
      } else if (key === "type") {
        const list = (Array.isArray(value) ? value : [value]).filter((t): t is string => typeof t === "string");
        types = types === undefined ? list : types.filter((t) => list.includes(t));
      } else if (PROSE_KEYS.has(key)) {
        // The whole schema's prose is its own; a part's prose describes the part.
        if (part === own || out[key] === undefined) out[key] = value;
      } else if (out[key] === undefined) out[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.size > 0) out.required = [...required].sort();
  if (types !== undefined) out.type = types.length === 1 ? types[0] : types;
  return out;
}
