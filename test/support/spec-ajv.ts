/**
 * An independent judge of what the SDK says about the API: Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1)
 * with ajv-formats asserting formats, reading the pinned spec itself. Nothing here comes from the generator, so
 * a test that checks the SDK's validators, samples or simulator against it does not share their assumptions.
 * Dev dependencies only; never shipped.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { upstreamSpec } from "../drift/upstream-spec.js";

type Json = Record<string, unknown>;

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020;

/** JSON pointer token (RFC 6901). */
export const token = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/** Where a property that `requiredOnly` dropped had a `default`, and that default. */
export interface Omitted {
  path: (string | number)[];
  value: unknown;
}

export interface SpecJudge {
  readonly doc: OpenApiDocument;
  /**
   * The validator of `METHOD /path`'s answer with `status` and `mediaType`, or `undefined` when the spec declares
   * that status and media type without a schema, or with the untyped `{}` (anything goes). Throws when the spec
   * does not declare the status or the media type at all: an answer there is off-spec.
   */
  response(operation: string, status: number | string, mediaType?: string): ValidateFunction | undefined;
  /** The validator of `METHOD /path`'s JSON request body, if the spec types one. */
  requestBody(operation: string): ValidateFunction | undefined;
  /** The validator of the schema at a JSON pointer into the spec (`/components/schemas/UserRead`). */
  at(pointer: string): ValidateFunction;
  /** The value at a JSON pointer into the spec. */
  get(pointer: string): unknown;
  /**
   * `value` with only what the schema at `pointer` requires: every optional property dropped, at every depth,
   * following the branch of each `anyOf`/`oneOf` that Ajv says the value is in. Each dropped property that has a
   * `default` is pushed on `omitted`.
   */
  requiredOnly(value: unknown, pointer: string, omitted?: Omitted[]): unknown;
  /** The statuses the spec declares for an operation. */
  statuses(operation: string): string[];
  /** Ajv's errors in one line each: pointer, keyword, message (Ajv's messages name rules, not values). */
  explain(errors: ErrorObject[] | null | undefined): string[];
}

export function specJudge(doc: OpenApiDocument = upstreamSpec()): SpecJudge {
  // unicodeRegExp off: the spec has patterns (`\\"`) that are valid JavaScript but not under the `u` flag.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false });
  addFormats(ajv);
  // The spec uses `phone` without a pattern: no standard rule to hold a value to (the SDK documents it unchecked).
  ajv.addFormat("phone", true);
  ajv.addSchema(doc as unknown as Json, "openapi.json", undefined, false);
  const compiled = new Map<string, ValidateFunction>();
  const at = (pointer: string): ValidateFunction => {
    const known = compiled.get(pointer);
    if (known) return known;
    const validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
    compiled.set(pointer, validate);
    return validate;
  };
  const get = (pointer: string): unknown =>
    pointer
      .split("/")
      .slice(1)
      .reduce<unknown>((node, part) => (node as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  const operationOf = (operation: string) => {
    const [method, path] = operation.split(" ") as [string, string];
    const op = (doc.paths as Record<string, Record<string, Json>>)[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`no operation ${operation} in the spec`);
    return { op, pointer: `/paths/${token(path)}/${method.toLowerCase()}` };
  };
  const requiredOnly = (value: unknown, pointer: string, path: (string | number)[], omitted: Omitted[]): unknown => {
    const schema = get(pointer) as Json | undefined;
    if (!schema || typeof schema !== "object") return value;
    if (typeof schema.$ref === "string") return requiredOnly(value, schema.$ref.slice(1), path, omitted);
    let out = value;
    if (Array.isArray(schema.allOf)) {
      schema.allOf.forEach((_, i) => {
        out = requiredOnly(out, `${pointer}/allOf/${i}`, path, omitted);
      });
    }
    for (const key of ["anyOf", "oneOf"]) {
      const branches = schema[key];
      if (!Array.isArray(branches)) continue;
      const i = branches.findIndex((_, n) => at(`${pointer}/${key}/${n}`)(out));
      if (i >= 0) out = requiredOnly(out, `${pointer}/${key}/${i}`, path, omitted);
    }
    if (Array.isArray(out)) return out.map((item, i) => requiredOnly(item, `${pointer}/items`, [...path, i], omitted));
    if (!out || typeof out !== "object") return out;
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set((schema.required ?? []) as string[]);
    const kept: Json = {};
    for (const [key, item] of Object.entries(out)) {
      const property = properties[key];
      if (property) {
        if (required.has(key))
          kept[key] = requiredOnly(item, `${pointer}/properties/${token(key)}`, [...path, key], omitted);
        else if ("default" in property) omitted.push({ path: [...path, key], value: property.default });
      } else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        kept[key] = requiredOnly(item, `${pointer}/additionalProperties`, [...path, key], omitted);
      } else if (!("properties" in schema)) {
        kept[key] = item;
      }
    }
    return kept;
  };
  const untyped = (schema: unknown) =>
    schema === undefined || (typeof schema === "object" && schema !== null && Object.keys(schema).length === 0);
  return {
    doc,
    response(operation, status, mediaType = "application/json") {
      const { op, pointer } = operationOf(operation);
      const responses = (op.responses ?? {}) as Record<string, Json>;
      const code = String(status);
      const key = code in responses ? code : `${code[0]}XX` in responses ? `${code[0]}XX` : "default";
      const response = responses[key];
      if (!response) throw new Error(`${operation} does not declare status ${code}`);
      const content = (response.content ?? {}) as Record<string, Json>;
      if (!(mediaType in content)) throw new Error(`${operation} ${code} does not declare ${mediaType}`);
      if (untyped(content[mediaType]?.schema)) return undefined;
      return at(`${pointer}/responses/${token(key)}/content/${token(mediaType)}/schema`);
    },
    requestBody(operation) {
      const { op, pointer } = operationOf(operation);
      const body = op.requestBody as Json | undefined;
      const schema = (body?.content as Record<string, Json> | undefined)?.["application/json"]?.schema;
      if (!body || untyped(schema)) return undefined;
      return at(`${pointer}/requestBody/content/application~1json/schema`);
    },
    at,
    get,
    requiredOnly: (value, pointer, omitted = []) => requiredOnly(value, pointer, [], omitted),
    statuses(operation) {
      return Object.keys((operationOf(operation).op.responses ?? {}) as Json);
    },
    explain(errors) {
      return (errors ?? []).map((e) => `${e.instancePath || "(body)"} ${e.keyword}: ${e.message}`);
    },
  };
}
