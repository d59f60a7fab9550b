import { canonicalJson, canonicalEqual as same } from "../canonical.js";
import { resolveLocalRef } from "../json-pointer.js";
import { PROSE_KEYS } from "../surface.js";
import type { Emit } from "./changes.js";
import { compareSchema, type SchemaPlace, type SchemaWalk } from "./schema-rules.js";

type Json = Record<string, unknown>;

/** Operation keys with a rule of their own; any other key that changes is `operation-keyword-changed`. */
const OPERATION_KEYS = new Set([
  "operationId",
  "deprecated",
  "tags",
  "security",
  "parameters",
  "requestBody",
  "responses",
]);
const SERIALIZATION_KEYS = ["style", "explode", "allowReserved", "allowEmptyValue", "content"] as const;

/** Compares one operation present in both versions: everything it sends and receives, and its metadata. */
export function compareOperation(walk: SchemaWalk, emit: Emit, before: Json, after: Json): void {
  metadata(emit, "", before, after);
  if (before.operationId !== after.operationId) {
    emit(
      before.operationId === undefined ? "api-operation-id-added" : "api-operation-id-removed",
      "",
      `operationId \`${String(before.operationId ?? "")}\` → \`${String(after.operationId ?? "")}\` (openapi-fetch calls by path and method; the \`operations\` type is keyed by it)`,
    );
  }
  if (before.deprecated !== true && after.deprecated === true) emit("endpoint-deprecated", "", "deprecated");
  if (before.deprecated === true && after.deprecated !== true) emit("endpoint-reactivated", "", "no longer deprecated");
  const { added: tagsAdded, removed: tagsRemoved } = setDiff(strings(before.tags), strings(after.tags));
  for (const tag of tagsAdded) emit("api-tag-added", "", `tag \`${tag}\` added`);
  for (const tag of tagsRemoved) emit("api-tag-removed", "", `tag \`${tag}\` removed`);
  securityRules(emit, "api-security", before.security, after.security);
  parameters(walk, emit, before, after);
  requestBody(walk, emit, before.requestBody as Json | undefined, after.requestBody as Json | undefined);
  responses(walk, emit, (before.responses ?? {}) as Json, (after.responses ?? {}) as Json);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (OPERATION_KEYS.has(key) || PROSE_KEYS.has(key) || key.startsWith("x-")) continue;
    if (!same(before[key], after[key])) emit("operation-keyword-changed", "", `\`${key}\` changed`);
  }
}

/** Security requirements are alternatives: removing one locks out clients using it; adding one is another way in. */
export function securityRules(emit: Emit, prefix: "api-security" | "api-global-security", b: unknown, a: unknown) {
  if (b === undefined && a === undefined) return;
  const keys = (v: unknown) => (Array.isArray(v) ? v.map((r) => canonicalJson(r)) : []);
  const { added, removed } = setDiff(keys(b), keys(a));
  for (const r of removed) emit(`${prefix}-removed`, "", `security requirement ${r} removed`);
  for (const r of added) emit(`${prefix}-added`, "", `security requirement ${r} added`);
}

function parameters(walk: SchemaWalk, emit: Emit, before: Json, after: Json): void {
  const byKey = (op: Json) => {
    const map = new Map<string, Json>();
    for (const p of (op.parameters ?? []) as Json[]) map.set(`${String(p.in)} ${String(p.name)}`, p);
    return map;
  };
  const pb = byKey(before);
  const pa = byKey(after);
  for (const key of new Set([...pb.keys(), ...pa.keys()])) {
    const b = pb.get(key);
    const a = pa.get(key);
    const p = (a ?? b) as Json;
    const where = `${String(p.in)} parameter \`${String(p.name)}\``;
    if (b && !a) emit("request-parameter-removed", where, "removed");
    else if (!b && a) {
      if (a.in === "path") emit("new-request-path-parameter", where, "added (path)");
      else if (a.required === true) emit("new-required-request-parameter", where, "added, required");
      else emit("new-optional-request-parameter", where, "added, optional");
    } else if (b && a) {
      metadata(emit, where, b, a);
      if (b.required !== true && a.required === true)
        emit("request-parameter-became-required", where, "became required");
      if (b.required === true && a.required !== true)
        emit("request-parameter-became-optional", where, "became optional");
      if (b.deprecated !== true && a.deprecated === true) emit("request-parameter-deprecated", where, "deprecated");
      if (b.deprecated === true && a.deprecated !== true)
        emit("request-parameter-reactivated", where, "no longer deprecated");
      for (const k of SERIALIZATION_KEYS) {
        if (!same(b[k], a[k]))
          emit(
            "request-parameter-serialization-changed",
            where,
            `\`${k}\` changed (the query string or header is written differently)`,
          );
      }
      const place: SchemaPlace = { direction: "request", root: "parameter", prefix: where };
      if (b.schema !== undefined || a.schema !== undefined)
        compareSchema(walk, place, emit, b.schema ?? {}, a.schema ?? {});
    }
  }
}

function requestBody(walk: SchemaWalk, emit: Emit, b: Json | undefined, a: Json | undefined): void {
  const where = "request body";
  if (!b && !a) return;
  if (b && !a) {
    emit("request-body-removed", where, "removed");
    return;
  }
  if (!b && a) {
    if (a.required === true) emit("request-body-added-required", where, "added, required");
    else emit("request-body-added-optional", where, "added, optional");
    return;
  }
  if (!b || !a) return;
  metadata(emit, where, b, a);
  if (b.required !== true && a.required === true) emit("request-body-became-required", where, "became required");
  if (b.required === true && a.required !== true) emit("request-body-became-optional", where, "became optional");
  content(walk, emit, "request", where, (b.content ?? {}) as Json, (a.content ?? {}) as Json);
}

function responses(walk: SchemaWalk, emit: Emit, before: Json, after: Json): void {
  for (const code of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[code] as Json | undefined;
    const a = after[code] as Json | undefined;
    const where = `response ${code}`;
    const success = /^2/.test(code);
    if (b && !a) {
      emit(success ? "response-success-status-removed" : "response-non-success-status-removed", where, "removed");
    } else if (!b && a) {
      emit(success ? "response-success-status-added" : "response-non-success-status-added", where, "added");
    } else if (b && a) {
      metadata(emit, where, b, a);
      content(walk, emit, "response", where, (b.content ?? {}) as Json, (a.content ?? {}) as Json);
      headers(walk, emit, where, (b.headers ?? {}) as Json, (a.headers ?? {}) as Json);
    }
  }
}

/** One body's media types; the same code for what is sent and what is received, the rules differ by direction. */
function content(
  walk: SchemaWalk,
  emit: Emit,
  direction: "request" | "response",
  where: string,
  before: Json,
  after: Json,
): void {
  const ids =
    direction === "request"
      ? {
          added: "request-body-media-type-added",
          removed: "request-body-media-type-removed",
          schema: "request-body-media-type-schema",
        }
      : {
          added: "response-media-type-added",
          removed: "response-media-type-removed",
          schema: "response-body-media-type-schema",
        };
  const types = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const type of types) {
    const b = before[type] as Json | undefined;
    const a = after[type] as Json | undefined;
    const at = types.size > 1 ? `${where} (${type})` : where;
    if (b && !a) emit(ids.removed, where, `content type ${type} removed`);
    else if (!b && a) emit(ids.added, where, `content type ${type} added`);
    else if (b && a) {
      metadata(emit, at, b, a);
      if (b.schema === undefined && a.schema !== undefined) emit(`${ids.schema}-added`, at, "schema added");
      else if (b.schema !== undefined && a.schema === undefined) emit(`${ids.schema}-removed`, at, "schema removed");
      else if (b.schema !== undefined && a.schema !== undefined) {
        compareSchema(walk, { direction, root: "body", prefix: at }, emit, b.schema, a.schema);
      }
    }
  }
}

function headers(walk: SchemaWalk, emit: Emit, where: string, before: Json, after: Json): void {
  const deref = (doc: unknown, h: unknown) => {
    const ref = (h as Json | undefined)?.$ref;
    return (typeof ref === "string" ? resolveLocalRef(doc, ref) : h) as Json | undefined;
  };
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = deref(walk.before, before[name]);
    const a = deref(walk.after, after[name]);
    const at = `${where} header \`${name}\``;
    if (b && !a)
      emit(
        b.required === true ? "required-response-header-removed" : "optional-response-header-removed",
        at,
        "removed",
      );
    else if (!b && a) emit("response-header-added", at, "added");
    else if (b && a) {
      metadata(emit, at, b, a);
      if (b.required === true && a.required !== true) emit("response-header-became-optional", at, "became optional");
      if (b.required !== true && a.required === true) emit("response-header-became-required", at, "became required");
      if (b.schema !== undefined || a.schema !== undefined) {
        compareSchema(
          walk,
          { direction: "response", root: "header", prefix: at },
          emit,
          b.schema ?? {},
          a.schema ?? {},
        );
      }
    }
  }
}

/** Prose and `x-` extensions of an object that is not a schema (operation, parameter, body, response). */
export function metadata(emit: Emit, where: string, b: Json, a: Json): void {
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const prose = keys.filter((k) => PROSE_KEYS.has(k) && !same(b[k], a[k]));
  if (prose.length > 0) emit("documentation-changed", where, `${prose.join(", ")} changed`);
  const extensions = keys.filter((k) => k.startsWith("x-") && !same(b[k], a[k]));
  if (extensions.length > 0) emit("extension-changed", where, `${extensions.join(", ")} changed`);
}

export function setDiff(b: readonly string[], a: readonly string[]) {
  const sb = new Set(b);
  const sa = new Set(a);
  return { added: a.filter((x) => !sb.has(x)), removed: b.filter((x) => !sa.has(x)) };
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
