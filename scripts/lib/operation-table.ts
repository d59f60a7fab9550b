import { mergeParameters, resolveRef } from "./resolve-parameters.js";
import { HTTP_METHODS, type OpenApiDocument } from "./spec-source.js";

/** One row per operation: what the runtime, the testing kit and the drift check need to know without reading the spec. */
export interface OperationRow {
  method: Uppercase<(typeof HTTP_METHODS)[number]>;
  path: string;
  operationId: string;
  tags: string[];
  /** Header parameters the spec declares, lower-cased (e.g. `idempotency-key`, `x-eposn-merchant-token`). */
  headerParams: string[];
  pathParams: string[];
  queryParams: { name: string; required: boolean }[];
  requestBody: { required: boolean; contentTypes: string[] } | null;
  successCodes: string[];
  /** Every declared status (`200`, `2XX`, `default`) with its media types, as the spec lists them. */
  responses: Record<string, string[]>;
  deprecated: boolean;
}

interface Param {
  name: string;
  in: string;
  required?: boolean;
  $ref?: string;
}

export function buildOperationTable(doc: OpenApiDocument): OperationRow[] {
  const rows: OperationRow[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    const item = doc.paths[path] as Record<string, unknown> & { parameters?: Param[] };
    for (const method of HTTP_METHODS) {
      const op = item[method] as
        | {
            operationId?: string;
            tags?: string[];
            parameters?: Param[];
            requestBody?: { required?: boolean; content?: Record<string, unknown>; $ref?: string };
            responses?: Record<string, unknown>;
            deprecated?: boolean;
          }
        | undefined;
      if (!op) continue;
      const params = mergeParameters<Param>(doc, item.parameters, op.parameters);
      const body = resolveRef(doc, op.requestBody) as typeof op.requestBody;
      rows.push({
        method: method.toUpperCase() as OperationRow["method"],
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        tags: op.tags ?? [],
        headerParams: params.filter((p) => p.in === "header").map((p) => p.name.toLowerCase()),
        pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
        queryParams: params
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, required: p.required === true })),
        requestBody: body ? { required: body.required === true, contentTypes: Object.keys(body.content ?? {}) } : null,
        successCodes: Object.keys(op.responses ?? {}).filter((code) => /^2(\d\d|XX)$/i.test(code)),
        responses: Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([code, response]) => {
            const resolved = resolveRef(doc, response) as { content?: Record<string, unknown> } | undefined;
            return [code, Object.keys(resolved?.content ?? {})];
          }),
        ),
        deprecated: op.deprecated === true,
      });
    }
  }
  return rows;
}

export function idempotencyKeyOperations(rows: readonly OperationRow[]): string[] {
  return rows.filter((r) => r.headerParams.includes("idempotency-key")).map((r) => `${r.method} ${r.path}`);
}
