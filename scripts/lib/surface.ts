import { canonicalize, canonicalJson, sha256 } from "./canonical.js";
import { mergeParameters, resolveRef } from "./resolve-parameters.js";
import { assertRefsResolve } from "./spec-refs.js";
import { HTTP_METHODS, type OpenApiDocument } from "./spec-source.js";

/**
 * The API surface of a spec: an OpenAPI document with every operation's parameters,
 * request body and responses resolved in place (path-level parameters merged,
 * `components.parameters|requestBodies|responses` inlined), component schemas kept,
 * and every piece of prose (description, summary, title, examples) replaced by a
 * short digest. It is what the drift check compares: enough to classify a change,
 * and a docs edit still shows as a changed digest, but it is a derived description,
 * not a copy of the third-party file, so it is committed as `generated/surface.json`.
 */
export type Surface = OpenApiDocument;

/** Root key carrying which pinned spec a committed surface was derived from. Not part of the compared surface. */
export const SURFACE_META_KEY = "x-loyaltydog-surface";

export interface SurfaceMeta {
  canonicalSha256: string;
  note: string;
}

/** Keys whose values are prose: a change to them is docs-only. */
export const PROSE_KEYS: ReadonlySet<string> = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "$comment",
  "externalDocs",
]);

/** Objects whose keys are names chosen by the spec author (a property called `title`), not keywords. */
const NAMED_MAPS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "schemas",
  "securitySchemes",
  "paths",
  "responses",
  "content",
  "headers",
  "encoding",
  "mapping",
  "variables",
  "links",
  "callbacks",
]);

/** Component sections that are inlined at their use, so a move between inline and `$ref` is not a change. */
const INLINED_COMPONENTS = ["parameters", "requestBodies", "responses"] as const;

export function buildSurface(doc: OpenApiDocument): Surface {
  // Work on the canonical form: the surface then depends only on the canonical hash, not on key or set order.
  const source = canonicalize(doc) as OpenApiDocument;
  // A dangling ref or a ref loop is a broken spec: say so (SpecRefError) rather than compare half of it.
  assertRefsResolve(source);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, rawItem] of Object.entries(source.paths)) {
    const item = (resolveRef(source, rawItem) ?? {}) as Record<string, unknown>;
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    const ops: Record<string, unknown> = {};
    for (const method of HTTP_METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (op) ops[method] = resolveOperation(source, op, shared);
    }
    paths[path] = ops;
  }
  const components = { ...(source.components ?? {}) };
  for (const section of INLINED_COMPONENTS) delete components[section];
  const { paths: _paths, components: _components, ...rest } = source;
  return digestProse({ ...rest, paths, components }) as Surface;
}

function resolveOperation(doc: OpenApiDocument, op: Record<string, unknown>, shared: unknown[]): unknown {
  const params = mergeParameters(doc, shared, op.parameters as unknown[] | undefined);
  const out: Record<string, unknown> = { ...op };
  const keyOf = (p: Record<string, unknown>) => `${p.in}:${p.name}`;
  if (params.length > 0) out.parameters = params.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  else delete out.parameters;
  if (op.requestBody) out.requestBody = resolveRef(doc, op.requestBody);
  if (op.responses) {
    out.responses = Object.fromEntries(
      Object.entries(op.responses as Record<string, unknown>).map(([code, r]) => [code, resolveRef(doc, r)]),
    );
  }
  return out;
}

export function proseDigest(value: unknown): string {
  return `sha256:${sha256(canonicalJson(value)).slice(0, 16)}`;
}

function digestProse(value: unknown, named = false): unknown {
  if (Array.isArray(value)) return value.map((v) => digestProse(v));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (named) out[key] = digestProse(child);
    else if (PROSE_KEYS.has(key) && (typeof child !== "object" || key !== "title" || child === null))
      out[key] = proseDigest(child);
    else out[key] = digestProse(child, NAMED_MAPS.has(key));
  }
  return out;
}

/**
 * Stable text for the committed file: objects expanded down to one line per path item
 * operation and per component schema, compact below that, so a spec change reads as a
 * small git diff.
 */
export function serializeSurface(surface: Surface, canonicalSha256: string): string {
  const meta: SurfaceMeta = {
    canonicalSha256,
    note: "Derived by `npm run generate` from the pinned spec (prose replaced by digests); the baseline of `npm run spec:check`.",
  };
  return `${stringifyExpanded({ [SURFACE_META_KEY]: meta, ...surface }, 3)}\n`;
}

function stringifyExpanded(value: unknown, depth: number, indent = ""): string {
  if (depth === 0 || value === null || typeof value !== "object" || Array.isArray(value)) return JSON.stringify(value);
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyExpanded(v, depth - 1, inner)}`);
  return `{\n${lines.join(",\n")}\n${indent}}`;
}

/** Reads a committed surface back: the meta says which pin it belongs to, the rest is the surface. */
export function parseSurface(text: string): { meta: SurfaceMeta | undefined; surface: Surface } {
  const { [SURFACE_META_KEY]: meta, ...surface } = JSON.parse(text) as Surface & { [SURFACE_META_KEY]?: SurfaceMeta };
  return { meta, surface: surface as Surface };
}
