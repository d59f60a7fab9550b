import { mergeParameters, resolveRef } from "../resolve-parameters.js";
import { HTTP_METHODS, type OpenApiDocument } from "../spec-source.js";
import type { ValidatorEmitter } from "./emitter.js";
import { checksFormat, type Direction, readSchema, refsOf, type SchemaNode } from "./schema-ir.js";

/** src/core/validation/string-formats.ts as generated/validators.ts imports it. */
const STRING_FORMATS_FROM_GENERATED = "../src/core/validation/string-formats.js";

/** What one operation's validators check, in spec terms (before printing). */
export interface OperationSchemas {
  /** `METHOD /path/template`, the key every table of the SDK uses. */
  operation: string;
  operationId: string;
  /** Status code → JSON body schema, for every status whose JSON body the spec types (not `{}`). */
  responses: [status: string, node: SchemaNode][];
  /** The JSON request body's schema, when the spec types one (multipart forms are not checked). */
  requestBody?: SchemaNode;
  /** The query parameters as one object (values already decoded from the query string). */
  query?: SchemaNode;
}

type Json = Record<string, unknown>;

export function operationSchemas(doc: OpenApiDocument): OperationSchemas[] {
  const out: OperationSchemas[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    const item = doc.paths[path] as Json & { parameters?: unknown[] };
    for (const method of HTTP_METHODS) {
      const op = item[method] as (Json & { parameters?: unknown[] }) | undefined;
      if (!op) continue;
      const operation = `${method.toUpperCase()} ${path}`;
      const responses: [string, SchemaNode][] = [];
      for (const status of Object.keys((op.responses ?? {}) as Json).sort()) {
        const response = resolveRef(doc, (op.responses as Json)[status]) as Json | undefined;
        const node = jsonSchemaOf(response?.content, "response");
        if (node) responses.push([status, node]);
      }
      const body = resolveRef(doc, op.requestBody) as Json | undefined;
      const requestBody = jsonSchemaOf(body?.content, "request");
      const params = mergeParameters<Json & { name: string; in: string }>(doc, item.parameters, op.parameters);
      const queryParams = params.filter((p) => p.in === "query");
      const query: SchemaNode | undefined = queryParams.length
        ? {
            k: "object",
            rest: "loose",
            props: queryParams.map((p) => ({
              name: p.name,
              node: readSchema(p.schema, "request"),
              optional: p.required !== true,
            })),
          }
        : undefined;
      out.push({
        operation,
        operationId: typeof op.operationId === "string" ? op.operationId : operation,
        responses,
        ...(requestBody ? { requestBody } : {}),
        ...(query ? { query } : {}),
      });
    }
  }
  return out;
}

/** The `application/json` schema of a content map, unless missing or untyped (`{}`). */
function jsonSchemaOf(content: unknown, direction: Direction): SchemaNode | undefined {
  const media = (content as Record<string, { schema?: unknown }> | undefined)?.["application/json"];
  if (!media) return undefined;
  const node = readSchema(media.schema, direction);
  return node.k === "unknown" ? undefined : node;
}

/**
 * The validators module: one constant per component schema an operation reaches (per direction, and one
 * shared constant when both directions print the same), then the operation table. Only the table is
 * exported, typed loosely, so the declaration file stays small and type-checking it stays cheap.
 */
export function validatorModule(
  doc: OpenApiDocument,
  emitter: ValidatorEmitter,
  operations: readonly OperationSchemas[] = operationSchemas(doc),
  /** Where the module imports the string-format checks from: from generated/ by default; a scratch copy says its own. */
  formatsModule = STRING_FORMATS_FROM_GENERATED,
): string {
  const components = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  const printed = new Map<string, { name: string; code: string }>();
  let formats = false;
  const print = (node: SchemaNode) => {
    formats ||= checksFormat(node);
    return emitter.print(node, constantFor);
  };
  const order: string[] = [];
  const used = new Set<string>();

  const ident = (name: string, direction: Direction) => {
    const base = `${name.replace(/[^A-Za-z0-9_$]/g, "_")}${direction === "request" ? "Input" : ""}Schema`;
    let candidate = base;
    for (let i = 2; used.has(candidate); i++) candidate = `${base}${i}`;
    used.add(candidate);
    return candidate;
  };

  // Depth-first, so a constant is declared after everything it refers to (the spec has no cycles; a cycle fails loudly).
  const visiting = new Set<string>();
  const constantFor = (name: string, direction: Direction): string => {
    const id = `${direction}:${name}`;
    const done = printed.get(id);
    if (done) return done.name;
    if (!(name in components)) throw new Error(`$ref to missing component schema ${name}`);
    if (visiting.has(id)) throw new Error(`component schema ${name} refers to itself: not supported`);
    visiting.add(id);
    const node = readSchema(components[name], direction);
    for (const ref of refsOf(node)) {
      const [dir, ...rest] = ref.split(":");
      constantFor(rest.join(":"), dir as Direction);
    }
    const code = print(node);
    visiting.delete(id);
    if (direction === "request") {
      const response = constantFor(name, "response");
      if (printed.get(`response:${name}`)?.code === code) {
        printed.set(id, { name: response, code });
        return response;
      }
    }
    const entry = { name: ident(name, direction), code };
    printed.set(id, entry);
    order.push(id);
    return entry.name;
  };

  const rows = operations
    .filter((op) => op.responses.length || op.requestBody || op.query)
    .map((op) => {
      const fields = [`operationId: ${JSON.stringify(op.operationId)}`];
      if (op.responses.length) {
        const statuses = op.responses.map(([status, node]) => `${JSON.stringify(status)}: ${print(node)}`);
        fields.push(`responses: { ${statuses.join(", ")} }`);
      }
      if (op.requestBody) fields.push(`requestBody: ${print(op.requestBody)}`);
      if (op.query) fields.push(`query: ${print(op.query)}`);
      return `  ${JSON.stringify(op.operation)}: { ${fields.join(", ")} },`;
    });

  const constants = order.map((id) => {
    const entry = printed.get(id) as { name: string; code: string };
    return `const ${entry.name}: ${emitter.schemaType} = ${entry.code};`;
  });

  return [
    emitter.imports,
    ...(formats ? [emitter.formatImport(formatsModule)] : []),
    "",
    ...constants,
    "",
    "/** The validators of one operation: its typed JSON answers by status, its JSON request body, its query. */",
    "export interface OperationValidators {",
    "  readonly operationId: string;",
    `  readonly responses?: { readonly [status: string]: ${emitter.schemaType} };`,
    `  readonly requestBody?: ${emitter.schemaType};`,
    `  readonly query?: ${emitter.schemaType};`,
    "}",
    "",
    `/** By \`METHOD /path/template\`; ${rows.length} of the spec's ${operations.length} operations type something. */`,
    "export const operationValidators: { readonly [operation: string]: OperationValidators } = {",
    ...rows,
    "};",
    "",
  ].join("\n");
}
