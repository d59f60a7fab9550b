import { createHash } from "node:crypto";

/**
 * The canonical form of a spec: object keys sorted at every level, no whitespace,
 * and the arrays OpenAPI defines as sets sorted too. Two documents that differ
 * only in key order, formatting, or the order of a set have the same canonical
 * form (and hash), so neither the pin nor the drift check calls a re-sorted spec
 * a change. Arrays whose order carries meaning (`allOf`, `prefixItems`, examples,
 * servers) keep it.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}

/**
 * Keys whose array value is a set. `parameters` are keyed by `in`+`name` (a `$ref`
 * one by its target), `security` and `enum` by their canonical JSON, `type` (3.1
 * type lists), `required` and operation `tags` are strings. Top-level `tags` are
 * objects and sort by `name`.
 */
const SET_KEYS: ReadonlySet<string> = new Set(["required", "enum", "tags", "security", "parameters", "type"]);

/** Values copied as data: a key called `tags` inside an example is not the OpenAPI keyword. */
const DATA_KEYS: ReadonlySet<string> = new Set(["example", "examples", "default", "const"]);

/** Maps whose keys are names chosen by the author, so a property called `enum` is not the keyword. */
const NAMED_MAPS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "schemas",
  "parameters",
  "responses",
  "headers",
  "paths",
  "content",
  "securitySchemes",
  "requestBodies",
  "links",
  "callbacks",
  "webhooks",
  "mapping",
  "variables",
  "encoding",
]);

export function canonicalize(value: unknown): unknown {
  return walk(value, "keywords");
}

type Mode = "keywords" | "names" | "data";

function walk(value: unknown, mode: Mode): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, mode === "data" ? "data" : "keywords"));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source).sort()) {
    const child = source[key];
    if (mode === "data" || key.startsWith("x-")) out[key] = walk(child, "data");
    else if (mode === "names") out[key] = walk(child, "keywords");
    else if (DATA_KEYS.has(key)) out[key] = walk(child, "data");
    else if (SET_KEYS.has(key) && Array.isArray(child)) out[key] = sortSet(child.map((v) => walk(v, "keywords")));
    else out[key] = walk(child, NAMED_MAPS.has(key) && !Array.isArray(child) ? "names" : "keywords");
  }
  return out;
}

function sortSet(items: unknown[]): unknown[] {
  const keyed = items.map((item) => ({ item, key: setKey(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.item);
}

function setKey(item: unknown): string {
  if (item !== null && typeof item === "object" && !Array.isArray(item)) {
    const o = item as Record<string, unknown>;
    if (typeof o.in === "string" && typeof o.name === "string") return `0:${o.in}:${o.name}`;
    if (typeof o.$ref === "string") return `1:${o.$ref}`;
    if (typeof o.name === "string") return `2:${o.name}`;
  }
  return `3:${JSON.stringify(item)}`;
}

/** Equal content: same value, or objects with the same canonical form. */
export function canonicalEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (x === undefined || y === undefined || typeof x !== "object" || typeof y !== "object") return false;
  return canonicalJson(x) === canonicalJson(y);
}

export function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export function canonicalHash(doc: unknown): string {
  return sha256(canonicalJson(doc));
}
