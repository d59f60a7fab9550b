/**
 * The spec's JSON Schemas (OpenAPI 3.1, as FastAPI/pydantic write them) read
 * into a small tree that any schema library's emitter can print. Reading once
 * and printing per library is what lets the bench compare valibot and zod on
 * exactly the same rules.
 *
 * What is checked is what the spec says, as a validator with format
 * assertion (ajv-formats, Prism) reads it: types, required fields, enums,
 * lengths, bounds, patterns, and the string formats the SDK knows
 * (src/core/validation/string-formats.ts: date-time, date, email, uri; `phone`
 * and other names are annotations).
 *
 * Defaults, read as a pydantic client reads them: in a response, a property
 * that is not `required` but has a `default` may be left out by the server,
 * and the validator then hands back the default (what the types, generated with
 * `defaultNonNullable`, promise). In a request it stays the caller's to omit
 * and nothing is filled in (the server does that).
 */

import { isCheckedFormat, type StringFormat } from "../../../src/core/validation/string-formats.js";

export type Direction = "response" | "request";

export type SchemaNode =
  | { k: "unknown" }
  | { k: "null" }
  | { k: "boolean" }
  | { k: "string"; minLength?: number; maxLength?: number; pattern?: string; format?: StringFormat }
  | {
      k: "number";
      integer: boolean;
      minimum?: number;
      maximum?: number;
      exclusiveMinimum?: number;
      exclusiveMaximum?: number;
    }
  | { k: "enum"; values: readonly (string | number | boolean | null)[] }
  | { k: "array"; item: SchemaNode; minItems?: number; maxItems?: number }
  | { k: "object"; props: readonly ObjectProp[]; rest: "loose" | "strict" | SchemaNode }
  | { k: "record"; value: SchemaNode }
  | { k: "nullable"; inner: SchemaNode }
  | { k: "union"; options: readonly SchemaNode[] }
  | { k: "intersect"; options: readonly SchemaNode[] }
  | { k: "ref"; name: string; direction: Direction };

export interface ObjectProp {
  name: string;
  node: SchemaNode;
  optional: boolean;
  /** Response side only: the value an optional property reads as when the answer leaves it out. */
  default?: { value: unknown };
}

type Json = Record<string, unknown>;

const COMPONENT_PREFIX = "#/components/schemas/";

/** A component schema's name from its `$ref`; other refs are not schemas this reader can follow. */
export function componentName(ref: string): string {
  if (!ref.startsWith(COMPONENT_PREFIX)) throw new Error(`unsupported $ref ${ref}: only ${COMPONENT_PREFIX}… is read`);
  return decodeURIComponent(ref.slice(COMPONENT_PREFIX.length)).replace(/~1/g, "/").replace(/~0/g, "~");
}

export function readSchema(schema: unknown, direction: Direction): SchemaNode {
  if (schema === true || schema === undefined) return { k: "unknown" };
  if (schema === false) return { k: "union", options: [] };
  if (!schema || typeof schema !== "object") return { k: "unknown" };
  const s = schema as Json;
  if (typeof s.$ref === "string") return { k: "ref", name: componentName(s.$ref), direction };
  if (Array.isArray(s.allOf)) {
    const options = s.allOf.map((x) => readSchema(x, direction));
    return options.length === 1 ? (options[0] as SchemaNode) : { k: "intersect", options };
  }
  const alternatives = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (alternatives) return unionOf(alternatives.map((x) => readSchema(x, direction)));
  if (Array.isArray(s.enum)) return { k: "enum", values: s.enum as (string | number | boolean | null)[] };
  if ("const" in s) return { k: "enum", values: [s.const as string | number | boolean | null] };
  if (Array.isArray(s.type)) return unionOf(s.type.map((type) => readTyped(s, type as string, direction)));
  if (typeof s.type === "string") return readTyped(s, s.type, direction);
  if (s.properties || s.additionalProperties !== undefined) return readTyped(s, "object", direction);
  return { k: "unknown" };
}

/** `anyOf: [X, {type: null}]`, pydantic's `Optional[X]`, reads as nullable X. */
function unionOf(options: SchemaNode[]): SchemaNode {
  const nonNull = options.filter((o) => o.k !== "null");
  if (options.some((o) => o.k === "unknown")) return { k: "unknown" };
  const inner: SchemaNode = nonNull.length === 1 ? (nonNull[0] as SchemaNode) : { k: "union", options: nonNull };
  return nonNull.length === options.length ? inner : nonNull.length === 0 ? { k: "null" } : { k: "nullable", inner };
}

function readTyped(s: Json, type: string, direction: Direction): SchemaNode {
  switch (type) {
    case "null":
      return { k: "null" };
    case "boolean":
      return { k: "boolean" };
    case "string":
      return {
        k: "string",
        ...num("minLength", s.minLength),
        ...num("maxLength", s.maxLength),
        ...(typeof s.pattern === "string" && isJsRegex(s.pattern) ? { pattern: s.pattern } : {}),
        ...(isCheckedFormat(s.format) ? { format: s.format } : {}),
      };
    case "integer":
    case "number":
      return {
        k: "number",
        integer: type === "integer",
        ...num("minimum", s.minimum),
        ...num("maximum", s.maximum),
        ...num("exclusiveMinimum", s.exclusiveMinimum),
        ...num("exclusiveMaximum", s.exclusiveMaximum),
      };
    case "array":
      return {
        k: "array",
        item: readSchema(s.items, direction),
        ...num("minItems", s.minItems),
        ...num("maxItems", s.maxItems),
      };
    case "object":
      return readObject(s, direction);
    default:
      return { k: "unknown" };
  }
}

function readObject(s: Json, direction: Direction): SchemaNode {
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const props = Object.keys(properties).map((name) => {
    const schema = properties[name];
    const optional = !required.has(name);
    const defaulted =
      direction === "response" && optional && !!schema && typeof schema === "object" && "default" in schema;
    return {
      name,
      node: readSchema(schema, direction),
      optional,
      ...(defaulted ? { default: { value: (schema as Json).default } } : {}),
    };
  });
  const extra = s.additionalProperties;
  const rest =
    extra === false ? "strict" : extra === undefined || extra === true ? "loose" : readSchema(extra, direction);
  if (props.length === 0 && typeof rest === "object") return { k: "record", value: rest };
  return { k: "object", props, rest };
}

function num<K extends string>(key: K, value: unknown): { [P in K]?: number } {
  return (typeof value === "number" && Number.isFinite(value) ? { [key]: value } : {}) as { [P in K]?: number };
}

/** A pattern JavaScript cannot compile (Python-only syntax) is left unchecked rather than failing generation. */
function isJsRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Whether a node checks a string format itself (not through the components it refers to). */
export function checksFormat(node: SchemaNode): boolean {
  switch (node.k) {
    case "string":
      return node.format !== undefined;
    case "array":
      return checksFormat(node.item);
    case "object":
      return node.props.some((p) => checksFormat(p.node)) || (typeof node.rest === "object" && checksFormat(node.rest));
    case "record":
      return checksFormat(node.value);
    case "nullable":
      return checksFormat(node.inner);
    case "union":
    case "intersect":
      return node.options.some(checksFormat);
    default:
      return false;
  }
}

/** Every component a node refers to, directly. */
export function refsOf(node: SchemaNode, into: Set<string> = new Set()): Set<string> {
  switch (node.k) {
    case "ref":
      into.add(`${node.direction}:${node.name}`);
      break;
    case "array":
      refsOf(node.item, into);
      break;
    case "object":
      for (const p of node.props) refsOf(p.node, into);
      if (typeof node.rest === "object") refsOf(node.rest, into);
      break;
    case "record":
      refsOf(node.value, into);
      break;
    case "nullable":
      refsOf(node.inner, into);
      break;
    case "union":
    case "intersect":
      for (const o of node.options) refsOf(o, into);
      break;
  }
  return into;
}
