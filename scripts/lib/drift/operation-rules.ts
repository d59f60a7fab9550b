import { canonicalEqual as same } from "../canonical.js";
import { resolveLocalRef } from "../json-pointer.js";
import { PROSE_KEYS } from "../surface.js";
import type { Emit } from "./changes.js";
import { type Operation, operationStability, sunsetMoved } from "./endpoint-rules.js";
import { daysBetween, deprecationDays, deprecationVerdict, sunsetOf } from "./lifecycle.js";
import type { StabilityLevel } from "./options.js";
import { compareSchema, type SchemaPlace, type SchemaWalk } from "./schema-rules.js";
import { securityRules } from "./security-rules.js";
import { setDiff, strings } from "./sets.js";

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
type PlaceExtra = Pick<SchemaPlace, "stability">;
const SERIALIZATION_KEYS = ["style", "explode", "allowReserved", "allowEmptyValue", "content"] as const;

/** Compares one operation present in both versions: everything it sends and receives, and its metadata. */
export function compareOperation(walk: SchemaWalk, emit: Emit, op: Operation): void {
  const before = op.before as Json;
  const after = op.after as Json;
  const stability = operationStability(op);
  metadata(emit, "", before, after);
  if (before.operationId !== after.operationId) {
    emit(
      before.operationId === undefined ? "api-operation-id-added" : "api-operation-id-removed",
      "",
      `operationId \`${String(before.operationId ?? "")}\` → \`${String(after.operationId ?? "")}\` (openapi-fetch calls by path and method; the \`operations\` type is keyed by it)`,
    );
  }
  const { added: tagsAdded, removed: tagsRemoved } = setDiff(strings(before.tags), strings(after.tags));
  for (const tag of tagsAdded) emit("api-tag-added", "", `tag \`${tag}\` added`);
  for (const tag of tagsRemoved) emit("api-tag-removed", "", `tag \`${tag}\` removed`);
  securityRules(emit, "api-security", before.security, after.security);
  parameters(walk, emit, op, stability);
  const place = { stability };
  requestBody(walk, emit, before.requestBody as Json | undefined, after.requestBody as Json | undefined, place);
  responses(walk, emit, (before.responses ?? {}) as Json, (after.responses ?? {}) as Json, place);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (OPERATION_KEYS.has(key) || PROSE_KEYS.has(key) || key.startsWith("x-")) continue;
    if (!same(before[key], after[key])) emit("sdk-operation-keyword-changed", "", `\`${key}\` changed`);
  }
}

function parameters(walk: SchemaWalk, emit: Emit, op: Operation, stability: StabilityLevel | undefined | "invalid") {
  const renamed = pathParameterRenames(op.pathBefore, op.path);
  const byKey = (o: Json, rename: (name: string) => string) => {
    const map = new Map<string, Json>();
    for (const p of (o.parameters ?? []) as Json[]) {
      const name = p.in === "path" ? rename(String(p.name)) : String(p.name);
      map.set(`${String(p.in)} ${name}`, p);
    }
    return map;
  };
  const pb = byKey(op.before as Json, (name) => renamed.get(name) ?? name);
  const pa = byKey(op.after as Json, (name) => name);
  const { options } = walk;
  const days = deprecationDays(options, stability);
  for (const key of new Set([...pb.keys(), ...pa.keys()])) {
    const b = pb.get(key);
    const a = pa.get(key);
    const p = (a ?? b) as Json;
    const where = `${String(p.in)} parameter \`${String(p.name)}\``;
    if (b && !a) parameterRemoved(emit, where, b, options.today);
    else if (!b && a) {
      if (a.in === "path") emit("new-request-path-parameter", where, "added (path)");
      else if (a.required === true) emit("new-required-request-parameter", where, "added, required");
      else emit("new-optional-request-parameter", where, "added, optional");
    } else if (b && a) {
      metadata(emit, where, b, a);
      if (b.name !== a.name)
        emit("sdk-request-parameter-renamed", where, `renamed from \`${String(b.name)}\` (same place in the path)`);
      if (b.required !== true && a.required === true)
        emit("request-parameter-became-required", where, "became required");
      if (b.required === true && a.required !== true)
        emit("request-parameter-became-optional", where, "became optional");
      parameterLifecycle(emit, where, b, a, walk, days);
      for (const k of SERIALIZATION_KEYS) {
        if (!same(b[k], a[k]))
          emit(
            "sdk-request-parameter-serialization-changed",
            where,
            `\`${k}\` changed (the query string or header is written differently)`,
          );
      }
      const style = a.style ?? (a.in === "query" || a.in === "cookie" ? "form" : "simple");
      const place: SchemaPlace = {
        direction: "request",
        root: "parameter",
        prefix: where,
        loose: true,
        formExplode: style === "form" && (a.explode ?? true) === true,
        required: b.required === true || a.required === true,
        paramIn: String(a.in),
        stability,
      };
      if (b.schema !== undefined || a.schema !== undefined)
        compareSchema(walk, place, emit, b.schema ?? {}, a.schema ?? {});
    }
  }
}

/** A removed parameter, judged by its deprecation and sunset date as an operation is. */
function parameterRemoved(emit: Emit, where: string, b: Json, today: string): void {
  if (b.deprecated !== true) {
    emit("request-parameter-removed", where, "removed");
    return;
  }
  const sunset = sunsetOf(b);
  if (sunset.kind === "none") {
    emit("request-parameter-removed-with-deprecation", where, "removed (was deprecated)");
    return;
  }
  if (sunset.kind === "invalid") {
    emit("request-parameter-sunset-parse", where, `removed; sunset ${sunset.text} is unreadable`);
    return;
  }
  if (daysBetween(today, sunset.date) > 0) {
    emit("request-parameter-removed-before-sunset", where, `removed before its sunset date ${sunset.date}`);
    return;
  }
  emit("sdk-removed-after-sunset", where, `removed after its sunset date ${sunset.date}`);
}

function parameterLifecycle(emit: Emit, where: string, b: Json, a: Json, walk: SchemaWalk, days: number): void {
  if (b.deprecated !== true && a.deprecated === true) {
    const verdict = deprecationVerdict(a, walk.options, days);
    if (verdict === null || verdict === "with-sunset") emit("request-parameter-deprecated", where, "deprecated");
    else if (verdict === "sunset-missing")
      emit("request-parameter-deprecated-sunset-missing", where, "deprecated without a sunset date");
    else if (verdict === "sunset-invalid")
      emit(
        "request-parameter-sunset-parse",
        where,
        `deprecated; sunset ${JSON.stringify(a["x-sunset"])} is unreadable`,
      );
    else
      emit(
        "request-parameter-sunset-date-too-small",
        where,
        `deprecated with sunset ${String(a["x-sunset"])}, too soon`,
      );
  } else if (b.deprecated === true && a.deprecated !== true) {
    emit("request-parameter-reactivated", where, "no longer deprecated");
  } else if (a.deprecated === true && !same(b["x-sunset"], a["x-sunset"])) {
    const ids = {
      deleted: "request-parameter-sunset-deleted",
      parse: "request-parameter-sunset-parse",
      tooSmall: "request-parameter-sunset-date-changed-too-small",
    };
    sunsetMoved(emit, b, a, walk.options, days, ids, where);
  }
}

/** `/items/{id}` → `/items/{itemId}`: old name → new name, by position in the template. */
function pathParameterRenames(before: string | undefined, after: string): Map<string, string> {
  const names = (path: string) => [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] as string);
  const map = new Map<string, string>();
  if (before === undefined) return map;
  const nb = names(before);
  const na = names(after);
  nb.forEach((name, i) => {
    if (na[i] !== undefined && na[i] !== name) map.set(name, na[i] as string);
  });
  return map;
}

function requestBody(walk: SchemaWalk, emit: Emit, b: Json | undefined, a: Json | undefined, extra: PlaceExtra): void {
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
  content(walk, emit, "request", where, (b.content ?? {}) as Json, (a.content ?? {}) as Json, extra);
}

function responses(walk: SchemaWalk, emit: Emit, before: Json, after: Json, extra: PlaceExtra): void {
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
      content(walk, emit, "response", where, (b.content ?? {}) as Json, (a.content ?? {}) as Json, extra);
      headers(walk, emit, where, (b.headers ?? {}) as Json, (a.headers ?? {}) as Json, extra);
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
  extra: PlaceExtra,
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
        // Only JSON tells a number from a string: any other media type is text (oasdiff's "loosely typed").
        const loose = !(type === "application/json" || type.endsWith("+json"));
        compareSchema(walk, { direction, root: "body", prefix: at, loose, ...extra }, emit, b.schema, a.schema);
      }
    }
  }
}

function headers(walk: SchemaWalk, emit: Emit, where: string, before: Json, after: Json, extra: PlaceExtra): void {
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
      if (b.required !== true && a.required === true)
        emit("sdk-response-header-became-required", at, "became required");
      if (b.schema !== undefined || a.schema !== undefined) {
        compareSchema(
          walk,
          { direction: "response", root: "header", prefix: at, loose: true, ...extra },
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
  if (prose.length > 0) emit("sdk-documentation-changed", where, `${prose.join(", ")} changed`);
  const extensions = keys.filter((k) => k.startsWith("x-") && !same(b[k], a[k]));
  if (extensions.length > 0) emit("sdk-extension-changed", where, `${extensions.join(", ")} changed`);
}
