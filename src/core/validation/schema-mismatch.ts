/**
 * A generated validator's verdict, in words that are safe to log: where (a
 * JSON pointer), what the spec expects and what *kind* of value came instead.
 * Never the value itself: a body can carry tokens, emails, presigned URLs, and
 * valibot's own messages quote the input, so they are not used.
 */
import type { BaseIssue, GenericSchema } from "valibot";

export interface SchemaMismatch {
  /** RFC 6901 pointer into the body (`""` is the body itself). */
  pointer: string;
  /**
   * What the spec asks for there: a type (`integer`, `string | null`), an enum, or a rule (`string matching /…/`,
   * `date-time string`).
   */
  expected: string;
  /** What came instead, as a type (`string`, `missing`), with a count for length rules; never the value. */
  received: string;
  /** The pointer with array indices and map keys as `*`, plus the rule: broken at `/items/0` and `/items/7` it is one. */
  rule: string;
}

type Issue = BaseIssue<unknown>;

/** The issue's location as keys and indices (union branches and pipes add none). */
export function issuePath(issue: Issue): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

export function pointerOf(path: readonly (string | number)[]): string {
  return path.map((key) => `/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** The JSON type of a value, the words JSON Schema uses (`integer` for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

export function mismatchOf(issue: Issue, root: GenericSchema): SchemaMismatch {
  const path = issuePath(issue);
  const pointer = pointerOf(path);
  // Array indices and map keys are data: the same rule broken under another index or key is the same rule.
  const generic: (string | number)[] = [];
  let schema: AnySchema | undefined = root as AnySchema;
  for (const item of issue.path ?? []) {
    const here = unwrap(schema);
    generic.push(item.type === "array" || here?.type === "record" ? "*" : (item.key as string));
    schema = here && (schemaAt(here, [item.key as string | number]) as AnySchema | undefined);
  }
  const rulePointer = pointerOf(generic);
  const { expected, received } = describeIssue(issue, root, path);
  return { pointer, expected, received, rule: `${rulePointer} ${expected}` };
}

function describeIssue(issue: Issue, root: GenericSchema, path: (string | number)[]) {
  const actual = jsonType(issue.input);
  if (issue.kind === "schema") {
    // A missing required key is reported by the object with `expected: '"key"'`: say what the key should hold.
    if (issue.input === undefined) {
      const field = schemaAt(root, path);
      return { expected: field ? describeSchema(field) : "a value", received: "missing" };
    }
    return { expected: issue.expected ?? issue.type, received: actual };
  }
  const length = typeof issue.input === "string" || Array.isArray(issue.input) ? issue.input.length : undefined;
  switch (issue.type) {
    case "integer":
      return { expected: "integer", received: actual };
    case "regex":
      return { expected: `string matching ${issue.expected}`, received: "string not matching" };
    case "format":
      // string-formats.ts: `expected` is the format's name.
      return { expected: `${issue.expected} string`, received: `string not in ${issue.expected} format` };
    case "min_length":
    case "max_length":
      return { expected: `${actual} of length ${issue.expected}`, received: `${actual} of length ${length}` };
    case "min_value":
    case "max_value":
    case "gt_value":
    case "lt_value":
      return { expected: `${actual} ${issue.expected}`, received: `${actual} out of range` };
    default:
      return { expected: `${actual} passing ${issue.type}`, received: `${actual} failing ${issue.type}` };
  }
}

/** A valibot schema as data: what the describers here and the testing kit's sampler read. */
export type AnySchema = GenericSchema & {
  type: string;
  entries?: Record<string, AnySchema>;
  item?: AnySchema;
  wrapped?: AnySchema;
  options?: readonly unknown[];
  /** The base schema first, then its actions (`integer`, `min_length`, `regex`, … with their `requirement`). */
  pipe?: readonly { type: string; kind: string; requirement?: unknown }[];
  literal?: unknown;
  value?: AnySchema;
  rest?: AnySchema;
};

/** The schema a path leads to, where it is unambiguous (not through a union). */
export function schemaAt(root: GenericSchema, path: readonly (string | number)[]): GenericSchema | undefined {
  let schema: AnySchema | undefined = root as AnySchema;
  for (const key of path) {
    schema = unwrap(schema);
    if (!schema) return undefined;
    if (schema.entries && typeof key === "string") schema = schema.entries[key] ?? schema.rest;
    else if (schema.item && typeof key === "number") schema = schema.item;
    else if (schema.value) schema = schema.value;
    else return undefined;
  }
  return schema;
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  while (schema && (schema.type === "optional" || schema.type === "nullable") && schema.wrapped) {
    schema = schema.wrapped;
  }
  return schema;
}

/** A schema in JSON Schema words: `integer`, `string | null`, `"a" | "b"`, `object`. */
export function describeSchema(schema: GenericSchema): string {
  const s = schema as AnySchema;
  switch (s.type) {
    case "optional":
      return s.wrapped ? describeSchema(s.wrapped) : "any";
    case "nullable":
      return s.wrapped ? `${describeSchema(s.wrapped)} | null` : "null";
    case "number":
      return s.pipe?.some((a) => a.type === "integer") ? "integer" : "number";
    case "literal":
      return JSON.stringify(s.literal);
    case "picklist":
      return (s.options ?? []).map((o) => JSON.stringify(o)).join(" | ");
    case "union":
      return (s.options ?? []).map((o) => describeSchema(o as GenericSchema)).join(" | ");
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest":
    case "record":
    case "intersect":
      return "object";
    case "unknown":
    case "any":
      return "any";
    default:
      return s.type;
  }
}
