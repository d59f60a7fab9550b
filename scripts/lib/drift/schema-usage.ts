import { HTTP_METHODS } from "../spec-source.js";
import type { Surface } from "../surface.js";

/** Which way a schema's data flows for a client: sent in requests, received in responses, or both. */
export interface SchemaUsage {
  request: boolean;
  response: boolean;
  /** `METHOD /path` of every operation that reaches the schema, directly or through other schemas. */
  operations: Set<string>;
}

const SCHEMA_REF = "#/components/schemas/";

/**
 * Walks every operation's parameters and request body (request side) and responses
 * (response side), following `$ref`s transitively. A breaking change depends on the
 * direction: a removed enum value hurts a client that sends it, an added one a client
 * that receives it.
 */
export function schemaUsage(surface: Surface): Map<string, SchemaUsage> {
  const schemas = (surface.components?.schemas ?? {}) as Record<string, unknown>;
  const directRefs = new Map<string, string[]>();
  const refsOf = (name: string): string[] => {
    let refs = directRefs.get(name);
    if (!refs) {
      refs = collectRefs(schemas[name]);
      directRefs.set(name, refs);
    }
    return refs;
  };
  const usage = new Map<string, SchemaUsage>();
  const mark = (roots: string[], side: "request" | "response", operation: string) => {
    const queue = [...roots];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      let u = usage.get(name);
      if (!u) {
        u = { request: false, response: false, operations: new Set() };
        usage.set(name, u);
      }
      u[side] = true;
      u.operations.add(operation);
      queue.push(...refsOf(name));
    }
  };
  for (const [path, item] of Object.entries(surface.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as { parameters?: unknown; requestBody?: unknown; responses?: unknown } | undefined;
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      mark(collectRefs([op.parameters, op.requestBody]), "request", key);
      mark(collectRefs(op.responses), "response", key);
    }
  }
  return usage;
}

export function collectRefs(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) collectRefs(child, into);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF)) {
        into.push(decodeURIComponent(value.slice(SCHEMA_REF.length)));
      } else collectRefs(value, into);
    }
  }
  return into;
}
