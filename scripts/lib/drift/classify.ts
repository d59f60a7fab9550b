// The drift classifier. The engine is Optic's `diff` (@useoptic/openapi-utilities):
// an OpenAPI-aware structural diff that matches parameters by name+location rather
// than by array index and yields JSON pointers into both documents. This file only
// decides what each of those pointers means for a client of this SDK.
import { type ObjectDiff, diff as opticDiff, typeofDiff } from "@useoptic/openapi-utilities";
import { HTTP_METHODS } from "../spec-source.js";
import type { Surface } from "../surface.js";
import {
  type ChangeClass,
  type ChangeSubject,
  type OperationRef,
  type SpecChange,
  type SurfaceDiff,
  subjectLabel,
} from "./changes.js";
import { type SchemaUsage, schemaUsage } from "./schema-usage.js";

type Json = Record<string, unknown>;
type Kind = "added" | "changed" | "removed";

/** Which way a schema's data flows; an unused component schema counts as both (it is still an exported type). */
interface Direction {
  request: boolean;
  response: boolean;
}

const PROSE = new Set(["description", "summary", "title", "example", "examples", "$comment", "externalDocs"]);
const TYPE_KEYWORDS = new Set([
  "type",
  "$ref",
  "format",
  "const",
  "nullable",
  "items",
  "prefixItems",
  "anyOf",
  "oneOf",
  "allOf",
  "not",
  "additionalProperties",
  "properties",
  "discriminator",
  "contentMediaType",
]);
const CONSTRAINTS = new Set([
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
]);
const COMBINATORS = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
const METHODS = new Set<string>(HTTP_METHODS);

interface Context {
  before: Surface;
  after: Surface;
  usage: Map<string, SchemaUsage>;
  out: Map<string, SpecChange>;
}

/** One step of the diff: what changed, with the node on each side (undefined where it does not exist). */
interface Step {
  kind: Kind;
  /** Pointer segments on the side that exists (the new side unless removed). */
  parts: string[];
  beforeParts: string[] | undefined;
  afterParts: string[] | undefined;
}

export function classifyDrift(before: Surface, after: Surface): SurfaceDiff {
  const ctx: Context = { before, after, usage: mergeUsage(schemaUsage(before), schemaUsage(after)), out: new Map() };
  for (const d of opticDiff(before, after) as ObjectDiff[]) {
    const beforeParts = d.before === undefined ? undefined : decodePointer(d.before);
    const afterParts = d.after === undefined ? undefined : decodePointer(d.after);
    const kind = typeofDiff(d);
    classifyStep(ctx, { kind, parts: (afterParts ?? beforeParts) as string[], beforeParts, afterParts });
  }
  const changes = [...ctx.out.values()].sort(compareChanges);
  return summarize(ctx, changes);
}

function classifyStep(ctx: Context, step: Step): void {
  const [root, a, b] = step.parts;
  if (root === "paths" && a !== undefined) {
    if (b === undefined) {
      // A whole path appeared or went: one change per operation under it.
      const item = (step.kind === "removed" ? ctx.before : ctx.after).paths[a] ?? {};
      for (const method of Object.keys(item).filter((m) => METHODS.has(m))) {
        operationAddedOrRemoved(ctx, step.kind, a, method);
      }
    } else if (!METHODS.has(b)) add(ctx, "non-breaking", specSubject("paths"), `path ${a}`, `${b} changed`, step);
    else if (step.parts.length === 3) operationAddedOrRemoved(ctx, step.kind, a, b);
    else operationChange(ctx, step, a, b);
    return;
  }
  if (root === "components" && a === "schemas" && b !== undefined) {
    const subject: ChangeSubject = { kind: "schema", name: b };
    if (step.parts.length === 3) {
      if (step.kind === "added") add(ctx, "non-breaking", subject, "", "added", step);
      else if (step.kind === "removed")
        add(
          ctx,
          "breaking",
          subject,
          "",
          "removed (its generated type is gone; anything referring to it breaks)",
          step,
        );
      return;
    }
    const usage = ctx.usage.get(b);
    const direction = usage ? { request: usage.request, response: usage.response } : { request: true, response: true };
    schemaChange(ctx, step, subject, "", direction, 3);
    return;
  }
  const section = root === "components" ? `components.${a}` : (root ?? "document");
  const key = root === "components" ? b : a;
  if (key !== undefined && PROSE.has(key)) add(ctx, "docs-only", specSubject(section), "", `${key} changed`, step);
  else if (root === "info" && a === "version") {
    add(
      ctx,
      "non-breaking",
      specSubject("info.version"),
      "",
      `${valueAt(ctx.before, step.beforeParts)} → ${valueAt(ctx.after, step.afterParts)}`,
      step,
    );
  } else
    add(
      ctx,
      "non-breaking",
      specSubject(section),
      "",
      `${step.parts.slice(1).join(".") || section} ${step.kind}`,
      step,
    );
}

function operationAddedOrRemoved(ctx: Context, kind: Kind, path: string, method: string): void {
  const subject = operationSubject(ctx, kind, path, method);
  const parts = ["paths", path, method];
  const step: Step = { kind, parts, beforeParts: parts, afterParts: parts };
  if (kind === "added") add(ctx, "non-breaking", subject, "", "added", step);
  else if (kind === "removed") add(ctx, "breaking", subject, "", "removed", step);
}

function operationChange(ctx: Context, step: Step, path: string, method: string): void {
  const subject = operationSubject(ctx, step.kind, path, method);
  const [field, ...tail] = step.parts.slice(3);
  switch (field) {
    case "operationId":
      add(
        ctx,
        "breaking",
        subject,
        "",
        `operationId renamed (the exported \`operations\` type is keyed by it): \`${valueAt(ctx.before, step.beforeParts)}\` → \`${valueAt(ctx.after, step.afterParts)}\``,
        step,
      );
      return;
    case "summary":
    case "description":
    case "externalDocs":
      add(ctx, "docs-only", subject, "", `${field} changed`, step);
      return;
    case "parameters":
      parameterChange(ctx, step, subject, tail);
      return;
    case "requestBody":
      requestBodyChange(ctx, step, subject, tail);
      return;
    case "responses":
      responseChange(ctx, step, subject, tail);
      return;
    default:
      add(ctx, "non-breaking", subject, "", `${field} ${step.kind}`, step);
  }
}

function parameterChange(ctx: Context, step: Step, subject: ChangeSubject, tail: string[]): void {
  const param = nodeAt(step.kind === "removed" ? ctx.before : ctx.after, step.parts.slice(0, 5)) ?? {};
  const where = `${param.in} parameter \`${param.name}\``;
  const [, field] = tail;
  if (field === undefined) {
    if (step.kind === "removed")
      add(ctx, "breaking", subject, where, "removed (calls that pass it no longer compile)", step);
    else if (param.required === true) add(ctx, "breaking", subject, where, "added, required", step);
    else add(ctx, "non-breaking", subject, where, "added, optional", step);
  } else if (field === "required") {
    const required = nodeAt(ctx.after, step.afterParts?.slice(0, 5))?.required === true;
    if (required) add(ctx, "breaking", subject, where, "became required", step);
    else add(ctx, "non-breaking", subject, where, "became optional", step);
  } else if (field === "schema") {
    schemaChange(ctx, step, subject, where, { request: true, response: false }, 6);
  } else if (PROSE.has(field)) add(ctx, "docs-only", subject, where, `${field} changed`, step);
  else add(ctx, "non-breaking", subject, where, `${field} ${step.kind}`, step);
}

function requestBodyChange(ctx: Context, step: Step, subject: ChangeSubject, tail: string[]): void {
  const [field, mediaType, sub] = tail;
  const where = "request body";
  if (field === undefined) {
    const body = nodeAt(ctx.after, step.afterParts);
    if (step.kind === "removed") add(ctx, "breaking", subject, where, "removed", step);
    else if (body?.required === true) add(ctx, "breaking", subject, where, "added, required", step);
    else add(ctx, "non-breaking", subject, where, "added, optional", step);
  } else if (field === "required") {
    if (valueAt(ctx.after, step.afterParts) === true) add(ctx, "breaking", subject, where, "became required", step);
    else add(ctx, "non-breaking", subject, where, "became optional", step);
  } else if (field === "content" && mediaType !== undefined) {
    if (sub === undefined) {
      if (step.kind === "removed") add(ctx, "breaking", subject, where, `content type ${mediaType} removed`, step);
      else add(ctx, "non-breaking", subject, where, `content type ${mediaType} added`, step);
    } else if (sub === "schema") schemaChange(ctx, step, subject, where, { request: true, response: false }, 7);
    else if (PROSE.has(sub)) add(ctx, "docs-only", subject, where, `${sub} changed`, step);
    else add(ctx, "non-breaking", subject, where, `${mediaType} ${sub} ${step.kind}`, step);
  } else if (PROSE.has(field)) add(ctx, "docs-only", subject, where, `${field} changed`, step);
  else add(ctx, "non-breaking", subject, where, `${field} ${step.kind}`, step);
}

function responseChange(ctx: Context, step: Step, subject: ChangeSubject, tail: string[]): void {
  const [code, field, mediaType, sub] = tail;
  const where = `response ${code}`;
  if (field === undefined) {
    if (step.kind === "removed") add(ctx, "breaking", subject, where, "removed", step);
    else add(ctx, "non-breaking", subject, where, "added", step);
  } else if (field === "content" && mediaType !== undefined) {
    if (sub === undefined) {
      if (step.kind === "removed") add(ctx, "breaking", subject, where, `content type ${mediaType} removed`, step);
      else add(ctx, "non-breaking", subject, where, `content type ${mediaType} added`, step);
    } else if (sub === "schema") schemaChange(ctx, step, subject, where, { request: false, response: true }, 8);
    else if (PROSE.has(sub)) add(ctx, "docs-only", subject, where, `${sub} changed`, step);
    else add(ctx, "non-breaking", subject, where, `${mediaType} ${sub} ${step.kind}`, step);
  } else if (PROSE.has(field)) add(ctx, "docs-only", subject, where, `${field} changed`, step);
  else add(ctx, "non-breaking", subject, where, `${field} ${step.kind}`, step);
}

/**
 * A change inside a schema whose root is `rootDepth` pointer segments deep. Walks the
 * pointer through `properties/<name>`, `items` and combinator variants to find the
 * field and the keyword that changed, then applies the client-side rules for the
 * schema's direction.
 */
function schemaChange(
  ctx: Context,
  step: Step,
  subject: ChangeSubject,
  wherePrefix: string,
  direction: Direction,
  rootDepth: number,
): void {
  const rootB = step.beforeParts?.slice(0, rootDepth) ?? step.parts.slice(0, rootDepth);
  const rootA = step.afterParts?.slice(0, rootDepth) ?? step.parts.slice(0, rootDepth);
  const rel = step.parts.slice(rootDepth);
  const fieldPath: string[] = [];
  let fieldEnd = 0;
  let lastHop: "none" | "property" | "nested" = "none";
  let i = 0;
  while (i < rel.length) {
    const k = rel[i] as string;
    if ((k === "properties" || k === "patternProperties") && i + 1 < rel.length) {
      fieldPath.push(rel[i + 1] as string);
      i += 2;
      fieldEnd = i;
      lastHop = "property";
    } else if (k === "items" || k === "additionalProperties") {
      i += 1;
      lastHop = "nested";
      if (i < rel.length) fieldPath.push(k === "items" ? "[]" : "{}");
    } else if (COMBINATORS.has(k) && i + 1 < rel.length) {
      i += 2;
      lastHop = "nested";
    } else break;
  }
  const keyword = rel[i];
  const side = sideWord(direction);
  const fieldName = fieldPath.join(".").replace(/\.\[\]/g, "[]");
  const fieldWhere = (name: string) => join(wherePrefix, `${side}field \`${name}\``);
  const where = fieldName ? fieldWhere(fieldName) : wherePrefix;
  const at = (root: string[], upTo: number) => [...root, ...rel.slice(0, upTo)];

  if (keyword === undefined && lastHop === "property") {
    const parent = nodeAt(
      step.kind === "removed" ? ctx.before : ctx.after,
      at(step.kind === "removed" ? rootB : rootA, i - 2),
    );
    const name = rel[i - 1] as string;
    const required = Array.isArray(parent?.required) && (parent.required as unknown[]).includes(name);
    if (step.kind === "removed") {
      add(
        ctx,
        "breaking",
        subject,
        where,
        direction.response ? "removed (clients reading it break)" : "removed (clients that send it no longer compile)",
        step,
      );
    } else if (step.kind === "added") {
      if (required && direction.request) add(ctx, "breaking", subject, where, "added, required", step);
      else add(ctx, "non-breaking", subject, where, required ? "added, required" : "added, optional", step);
    } else typeChange(ctx, step, subject, where, direction, at(rootB, fieldEnd), at(rootA, fieldEnd));
    return;
  }
  if (keyword === undefined) {
    if (lastHop === "none" && step.kind === "added") add(ctx, "non-breaking", subject, where, "schema added", step);
    else if (lastHop === "none" && step.kind === "removed")
      add(ctx, "breaking", subject, where, "schema removed", step);
    else typeChange(ctx, step, subject, where, direction, at(rootB, fieldEnd), at(rootA, fieldEnd));
    return;
  }
  if (keyword === "required") {
    requiredChange(ctx, step, subject, direction, at(rootB, i), at(rootA, i), (name) =>
      fieldWhere(fieldName ? `${fieldName}.${name}` : name),
    );
  } else if (keyword === "enum") {
    enumChange(ctx, step, subject, where, direction, at(rootB, i + 1), at(rootA, i + 1));
  } else if (PROSE.has(keyword)) add(ctx, "docs-only", subject, where, `${keyword} changed`, step);
  else if (TYPE_KEYWORDS.has(keyword)) {
    typeChange(ctx, step, subject, where, direction, at(rootB, fieldEnd), at(rootA, fieldEnd));
  } else if (CONSTRAINTS.has(keyword)) {
    add(
      ctx,
      "non-breaking",
      subject,
      where,
      `validation \`${keyword}\` ${step.kind} (the types are unaffected; the server may answer 422)`,
      step,
    );
  } else add(ctx, "non-breaking", subject, where, `\`${keyword}\` ${step.kind}`, step);
}

/** `required` compared as sets; a name that is new (or gone) as a property is the field change, not this one. */
function requiredChange(
  ctx: Context,
  step: Step,
  subject: ChangeSubject,
  direction: Direction,
  schemaB: string[],
  schemaA: string[],
  where: (name: string) => string,
): void {
  const before = nodeAt(ctx.before, schemaB);
  const after = nodeAt(ctx.after, schemaA);
  const req = (s: Json | undefined) => new Set(Array.isArray(s?.required) ? (s.required as string[]) : []);
  const has = (s: Json | undefined, name: string) => Object.hasOwn((s?.properties as Json | undefined) ?? {}, name);
  const rb = req(before);
  const ra = req(after);
  for (const name of ra) {
    if (rb.has(name) || !has(before, name)) continue;
    if (direction.request) add(ctx, "breaking", subject, where(name), "became required", step);
    else add(ctx, "non-breaking", subject, where(name), "became required (now always present)", step);
  }
  for (const name of rb) {
    if (ra.has(name) || !has(after, name)) continue;
    if (direction.response)
      add(ctx, "breaking", subject, where(name), "made optional (clients reading it must handle absence)", step);
    else add(ctx, "non-breaking", subject, where(name), "became optional", step);
  }
}

function enumChange(
  ctx: Context,
  step: Step,
  subject: ChangeSubject,
  where: string,
  direction: Direction,
  enumB: string[],
  enumA: string[],
): void {
  const before = valueAt(ctx.before, enumB);
  const after = valueAt(ctx.after, enumA);
  if (!Array.isArray(before) || !Array.isArray(after)) {
    // An enum appearing narrows the type; one disappearing widens it.
    const narrowed = Array.isArray(after);
    const breaking = narrowed ? direction.request : direction.response;
    add(
      ctx,
      breaking ? "breaking" : "non-breaking",
      subject,
      where,
      narrowed ? `now restricted to ${list(after as unknown[])}` : "no longer an enum",
      step,
    );
    return;
  }
  const removed = before.filter((v) => !after.some((w) => Object.is(v, w)));
  const added = after.filter((v) => !before.some((w) => Object.is(v, w)));
  // Sent values: a removed one is rejected. Received values: an added one is unknown to exhaustive client code.
  if (removed.length > 0)
    add(
      ctx,
      direction.request ? "breaking" : "non-breaking",
      subject,
      where,
      `enum value${removed.length > 1 ? "s" : ""} removed: ${list(removed)}`,
      step,
    );
  if (added.length > 0)
    add(
      ctx,
      direction.response ? "breaking" : "non-breaking",
      subject,
      where,
      `enum value${added.length > 1 ? "s" : ""} added: ${list(added)}`,
      step,
    );
}

/** Compares a field's whole schema on both sides, so `type` → `anyOf [type, null]` reads as "made nullable". */
function typeChange(
  ctx: Context,
  step: Step,
  subject: ChangeSubject,
  where: string,
  direction: Direction,
  fieldB: string[],
  fieldA: string[],
): void {
  const before = nodeAt(ctx.before, fieldB);
  const after = nodeAt(ctx.after, fieldA);
  if (before && after && sameIgnoringNull(before, after)) {
    const nowNullable = isNullable(after) && !isNullable(before);
    if (nowNullable) {
      if (direction.response)
        add(ctx, "breaking", subject, where, "made nullable (clients reading it must handle null)", step);
      else add(ctx, "non-breaking", subject, where, "now accepts null", step);
    } else if (isNullable(before) && !isNullable(after)) {
      if (direction.request) add(ctx, "breaking", subject, where, "no longer accepts null", step);
      else add(ctx, "non-breaking", subject, where, "no longer null", step);
    }
    return;
  }
  add(ctx, "breaking", subject, where, `type changed: ${typeLabel(before)} → ${typeLabel(after)}`, step);
}

function isNullable(s: Json): boolean {
  if (s.type === "null" || s.nullable === true) return true;
  if (Array.isArray(s.type) && s.type.includes("null")) return true;
  for (const k of ["anyOf", "oneOf"]) {
    if (Array.isArray(s[k]) && (s[k] as Json[]).some((v) => v?.type === "null")) return true;
  }
  return false;
}

function withoutNull(s: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) if (!PROSE.has(k) && k !== "nullable" && k !== "default") out[k] = v;
  if (Array.isArray(out.type)) {
    const types = (out.type as string[]).filter((t) => t !== "null");
    out.type = types.length === 1 ? types[0] : types;
  }
  for (const k of ["anyOf", "oneOf"]) {
    if (!Array.isArray(out[k])) continue;
    const rest = (out[k] as Json[]).filter((v) => v?.type !== "null");
    delete out[k];
    if (rest.length === 1) Object.assign(out, withoutNull(rest[0] as Json));
    else out[k] = rest;
  }
  return out;
}

function sameIgnoringNull(a: Json, b: Json): boolean {
  return JSON.stringify(sortDeep(withoutNull(a))) === JSON.stringify(sortDeep(withoutNull(b)));
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortDeep((v as Json)[k])]),
    );
  }
  return v;
}

function typeLabel(s: Json | undefined): string {
  if (!s) return "nothing";
  if (typeof s.$ref === "string") return s.$ref.replace("#/components/schemas/", "");
  if (Array.isArray(s.enum)) return list(s.enum as unknown[]);
  for (const k of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(s[k])) return (s[k] as Json[]).map(typeLabel).join(k === "allOf" ? " & " : " | ");
  }
  if (s.type === "array") return `${typeLabel(s.items as Json | undefined)}[]`;
  const type = Array.isArray(s.type) ? s.type.join(" | ") : String(s.type ?? "any");
  return s.format ? `${type} (${s.format})` : type;
}

function list(values: readonly unknown[]): string {
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v));
  return values.length > 5 ? `${shown.join(", ")}, … (${values.length} in all)` : shown.join(", ");
}

function sideWord({ request, response }: Direction): string {
  if (request && !response) return "request ";
  if (response && !request) return "response ";
  return "";
}

function join(prefix: string, rest: string): string {
  return prefix ? `${prefix} ${rest}` : rest;
}

function add(ctx: Context, cls: ChangeClass, subject: ChangeSubject, where: string, what: string, step: Step): void {
  const key = `${subjectLabel(subject)}|${where}|${what}`;
  if (ctx.out.has(key)) return;
  const change: SpecChange = { class: cls, subject, where, what, pointer: encodePointer(step.parts) };
  if (subject.kind === "schema") change.usedBy = [...(ctx.usage.get(subject.name)?.operations ?? [])].sort();
  ctx.out.set(key, change);
}

function operationSubject(ctx: Context, kind: Kind, path: string, method: string): ChangeSubject {
  const op = (kind === "removed" ? ctx.before : ctx.after).paths[path]?.[method] as Json | undefined;
  return { kind: "operation", method: method.toUpperCase(), path, operationId: String(op?.operationId ?? "") };
}

function specSubject(name: string): ChangeSubject {
  return { kind: "spec", name };
}

function mergeUsage(a: Map<string, SchemaUsage>, b: Map<string, SchemaUsage>): Map<string, SchemaUsage> {
  const out = new Map<string, SchemaUsage>();
  for (const map of [a, b]) {
    for (const [name, u] of map) {
      const prev = out.get(name);
      out.set(name, {
        request: (prev?.request ?? false) || u.request,
        response: (prev?.response ?? false) || u.response,
        operations: new Set([...(prev?.operations ?? []), ...u.operations]),
      });
    }
  }
  return out;
}

function summarize(ctx: Context, changes: SpecChange[]): SurfaceDiff {
  const opRefs = new Map<string, OperationRef>();
  for (const surface of [ctx.before, ctx.after]) {
    for (const [path, item] of Object.entries(surface.paths)) {
      for (const method of Object.keys(item).filter((m) => METHODS.has(m))) {
        const op = item[method] as Json;
        opRefs.set(`${method.toUpperCase()} ${path}`, {
          method: method.toUpperCase(),
          path,
          operationId: String(op.operationId ?? ""),
        });
      }
    }
  }
  const added = new Set<string>();
  const removed = new Set<string>();
  const changed = new Set<string>();
  const schemas = { added: new Set<string>(), removed: new Set<string>(), changed: new Set<string>() };
  for (const c of changes) {
    if (c.subject.kind === "operation") {
      const key = `${c.subject.method} ${c.subject.path}`;
      if (c.where === "" && c.what === "added") added.add(key);
      else if (c.where === "" && c.what === "removed") removed.add(key);
      else changed.add(key);
    } else if (c.subject.kind === "schema") {
      if (c.where === "" && c.what === "added") schemas.added.add(c.subject.name);
      else if (c.where === "" && c.what.startsWith("removed")) schemas.removed.add(c.subject.name);
      else {
        schemas.changed.add(c.subject.name);
        // An operation whose request or response schema changed has changed too.
        for (const op of c.usedBy ?? []) changed.add(op);
      }
    }
  }
  const refs = (keys: Set<string>) =>
    [...keys]
      .filter((k) => !added.has(k) && !removed.has(k))
      .sort()
      .map((k) => opRefs.get(k) as OperationRef);
  return {
    operations: {
      added: [...added].sort().map((k) => opRefs.get(k) as OperationRef),
      removed: [...removed].sort().map((k) => opRefs.get(k) as OperationRef),
      changed: refs(changed),
    },
    schemas: {
      added: [...schemas.added].sort(),
      removed: [...schemas.removed].sort(),
      changed: [...schemas.changed].filter((s) => !schemas.added.has(s) && !schemas.removed.has(s)).sort(),
    },
    changes,
  };
}

const CLASS_ORDER: Record<ChangeClass, number> = { breaking: 0, "non-breaking": 1, "docs-only": 2 };

function compareChanges(a: SpecChange, b: SpecChange): number {
  return (
    CLASS_ORDER[a.class] - CLASS_ORDER[b.class] ||
    subjectLabel(a.subject).localeCompare(subjectLabel(b.subject)) ||
    a.where.localeCompare(b.where) ||
    a.what.localeCompare(b.what)
  );
}

function decodePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function encodePointer(parts: readonly string[]): string {
  return parts.map((p) => `/${p.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function valueAt(doc: unknown, parts: readonly string[] | undefined): unknown {
  if (!parts) return undefined;
  let node = doc;
  for (const p of parts) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Json)[p];
  }
  return node;
}

function nodeAt(doc: unknown, parts: readonly string[] | undefined): Json | undefined {
  const v = valueAt(doc, parts);
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}
