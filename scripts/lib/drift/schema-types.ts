import { canonicalEqual as same } from "../canonical.js";
import { type Json, label, type SchemaStep } from "./schema-step.js";
import type { SchemaView } from "./schema-view.js";

/**
 * `type` and `format`, judged as oasdiff judges them (checker/check_types.go): a change is breaking when a value
 * the client sends (or the server may now send) is no longer of the type the other side reads. Integer is a
 * number; a wider format (int32 → int64, float → double, date → date-time) widens; removing the type or the
 * format widens. Where the data is text (a parameter, a non-JSON body) any value can be read as a string. Two
 * concrete type lists that neither contains the other are "compatible" at most (a loose swap) when nothing is lost
 * on the wire, else changed. Returns false when the types are incomparable: the rest of the schema would only
 * repeat it.
 */
export function compareTypes(step: SchemaStep, b: SchemaView, a: SchemaView): boolean {
  const union = (v: SchemaView) => Array.isArray(v.node.anyOf) || Array.isArray(v.node.oneOf);
  if (union(b) || union(a)) return true;
  const tb = b.types ?? [];
  const ta = a.types ?? [];
  const typeChanged = !sameSet(tb, ta);
  const fb = b.node.format;
  const fa = a.node.format;
  const formatChanged = !same(fb, fa);
  if (!typeChanged && !formatChanged) return true;
  const request = step.place.direction === "request";
  const loose = step.place.loose === true;
  const text = describe(b.types, fb, a.types, fa, typeChanged, formatChanged);

  if (step.place.root === "parameter" && step.field.length === 0) {
    // oasdiff: a parameter's type only generalizes or changes.
    const breaking = typeFormatBreaking(typeChanged && !subset(tb, ta) ? { from: tb, to: ta } : null, fb, fa, ta, true);
    const scalarToArray = formExplodeArray(step, b, a);
    step.say(breaking && !scalarToArray ? "type-changed" : "type-generalized", text);
    return !breaking || scalarToArray;
  }
  if (step.place.root === "parameter") {
    // A property of an object parameter: whether a number and a string look alike on the wire depends on how the
    // object is serialized (`?f[id]=1` or `?f={"id":1}`). oasdiff: breaking either way is "specialized"; breaking
    // only when strongly typed is a warning ("changed", WARN); otherwise "generalized".
    const types = typeChanged ? { from: tb, to: ta } : null;
    const strong = typeFormatBreaking(types, fb, fa, ta, false);
    const weak = typeFormatBreaking(types, fb, fa, ta, true);
    step.say(strong !== weak ? "type-changed" : strong ? "type-specialized" : "type-generalized", text);
    return true;
  }
  if (request) {
    const widened = typeChanged && subset(tb, ta);
    const breaking = typeFormatBreaking(typeChanged && !widened ? { from: tb, to: ta } : null, fb, fa, ta, loose);
    if (breaking) step.say("type-changed", text);
    else if (typeChanged && tb.length > 0 && ta.length > 0 && !widened) step.say("type-compatible", text);
    else step.say("type-generalized", text);
    return !breaking;
  }
  const narrowed = typeChanged && subset(ta, tb);
  const widened = typeChanged && subset(tb, ta);
  // What is received: the old reader must read the new value, so the check runs backwards.
  const breaking = typeFormatBreaking(typeChanged && !narrowed ? { from: ta, to: tb } : null, fa, fb, tb, loose);
  if (breaking) step.say(widened ? "type-generalized" : "type-changed", text);
  else if (typeChanged && tb.length > 0 && ta.length > 0 && !narrowed) step.say("type-compatible", text);
  else step.say("type-specialized", text);
  return !breaking || widened;
}

function typeFormatBreaking(
  types: { from: string[]; to: string[] } | null,
  fromFormat: unknown,
  toFormat: unknown,
  toTypes: string[],
  loose: boolean,
): boolean {
  if (types && types.to.length === 0) return false;
  // As oasdiff's type diff: the types only the new side has against those only the old side had.
  const added = types?.to.filter((t) => !types.from.includes(t)) ?? [];
  const deleted = types?.from.filter((t) => !types.to.includes(t)) ?? [];
  const typeBreaking = types !== null && !typeContained(added, deleted, loose);
  const formatBreaking = !same(fromFormat, toFormat) && !formatContained(toTypes, toFormat, fromFormat);
  return typeBreaking || formatBreaking;
}

function typeContained(to: string[], from: string[], loose: boolean): boolean {
  if (to.length === 1 && from.length === 1 && subtype(from[0] as string, to[0] as string)) return true;
  // In text (a query string, a form), any value also reads as a string.
  return loose && (to.length === 0 || (to.length === 1 && to[0] === "string"));
}

const WIDER_FORMATS: Record<string, Record<string, string[]>> = {
  number: { double: ["float"] },
  integer: { int64: ["int32"], bigint: ["int32", "int64"] },
  string: { "date-time": ["date", "time"] },
};

function formatContained(toTypes: string[], to: unknown, from: unknown): boolean {
  if (to === undefined) return true; // the format dropped: wider
  if (toTypes.length !== 1) return false;
  return WIDER_FORMATS[toTypes[0] as string]?.[String(to)]?.includes(String(from)) ?? false;
}

const subtype = (sub: string, sup: string) => sub === sup || (sub === "integer" && sup === "number");

/** Every type of `sub` is covered by one of `sup` (integer by number). */
function subset(sub: readonly string[], sup: readonly string[]): boolean {
  return sub.length > 0 && sub.every((t) => sup.some((s) => subtype(t, s)));
}

function sameSet(x: readonly string[], y: readonly string[]): boolean {
  return x.length === y.length && x.every((t) => y.includes(t));
}

/** A scalar query parameter widened to a form-exploded array of the same values: `?id=1` still means the same. */
function formExplodeArray(step: SchemaStep, b: SchemaView, a: SchemaView): boolean {
  if (!step.place.formExplode || !a.types?.includes("array") || (b.types ?? []).includes("array")) return false;
  const item = (a.node.items ?? {}) as Json;
  const itemType =
    typeof item.type === "string" ? [item.type] : Array.isArray(item.type) ? (item.type as string[]) : [];
  if (!typeContained(itemType, b.types ?? [], true)) return false;
  // Each item must accept what the scalar accepted: the same constraints, type aside.
  const { type: _bt, ...baseRest } = b.node;
  const { type: _it, nullable: _in, ...itemRest } = item;
  return same(baseRest, itemRest);
}

function describe(
  tb: string[] | undefined,
  fb: unknown,
  ta: string[] | undefined,
  fa: unknown,
  t: boolean,
  f: boolean,
) {
  const one = (types: string[] | undefined, format: unknown) =>
    `${label(types)}${format === undefined ? "" : `/${String(format)}`}`;
  if (t) return `type ${one(tb, f ? fb : undefined)} → ${one(ta, f ? fa : undefined)}`;
  return `format \`${String(fb ?? "none")}\` → \`${String(fa ?? "none")}\``;
}
