import { canonicalEqual as same } from "../canonical.js";
import { type Json, list, type SchemaStep, short } from "./schema-step.js";

const isSchema = (x: unknown) => x !== null && typeof x === "object" && !Array.isArray(x);

/** `items` and `additionalProperties`: sub-schemas compared in place, or how open an object is. */
export function compareContainers(step: SchemaStep, b: Json, a: Json): void {
  if (isSchema(b.items) && isSchema(a.items)) step.nested(b.items, a.items, "[]");
  else if (!same(b.items, a.items) && !(b.items === undefined && step.place.formExplode)) {
    step.say("keyword-changed", "`items` changed");
  }
  const xb = b.additionalProperties;
  const xa = a.additionalProperties;
  if (isSchema(xb) && isSchema(xa)) step.nested(xb, xa, "{}");
  else if (!same(xb, xa)) {
    // Absent, true or {} allows any extra key; false allows none; any other schema allows some.
    const openness = (x: unknown) => (x === false ? 0 : isSchema(x) && Object.keys(x as Json).length > 0 ? 1 : 2);
    const ob = openness(xb);
    const oa = openness(xa);
    if (oa !== ob) {
      const text = `additionalProperties ${short(xb)} → ${short(xa)}`;
      step.say(oa > ob ? "additional-properties-widened" : "additional-properties-narrowed", text);
    }
  }
}

/** Sub-schema keywords of JSON Schema 2019-09/2020-12: added or removed is a rule, one on both sides is compared. */
const SUB_SCHEMAS: Record<string, string> = {
  contains: "contains",
  if: "if",
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
  then: "then",
  else: "else",
  propertyNames: "property-names",
  unevaluatedItems: "unevaluated-items",
  unevaluatedProperties: "unevaluated-properties",
  contentSchema: "content-schema",
};

/** Keywords this file has a rule for (the rest of the schema's keywords are someone else's, or `keyword-changed`). */
export const KEYWORDS = new Set([
  ...Object.keys(SUB_SCHEMAS),
  "items",
  "additionalProperties",
  "minContains",
  "maxContains",
  "prefixItems",
  "dependentRequired",
  "dependentSchemas",
  "patternProperties",
  "contentMediaType",
  "contentEncoding",
  "not",
]);

export function compareKeywords(step: SchemaStep, b: Json, a: Json): void {
  for (const [keyword, stem] of Object.entries(SUB_SCHEMAS)) {
    const xb = b[keyword];
    const xa = a[keyword];
    if (xb === undefined && xa === undefined) continue;
    if (xb === undefined) step.say(`${stem}-added`, `\`${keyword}\` added`);
    else if (xa === undefined) step.say(`${stem}-removed`, `\`${keyword}\` removed`);
    // `unevaluated…: false` ⇄ a schema is an opening or closing, not a sub-schema to compare.
    else if (isSchema(xb) && isSchema(xa)) step.nested(xb, xa, keyword === "contains" ? "[]" : `<${keyword}>`);
    else if (!same(xb, xa)) step.say("keyword-changed", `\`${keyword}\` ${short(xb)} → ${short(xa)}`);
  }
  counted(step, "minContains", b.minContains, a.minContains, 1);
  counted(step, "maxContains", b.maxContains, a.maxContains, Number.POSITIVE_INFINITY);
  prefixItems(step, b, a);
  namedSchemas(step, "patternProperties", "pattern-property", b.patternProperties, a.patternProperties);
  namedSchemas(step, "dependentSchemas", "dependent-schema", b.dependentSchemas, a.dependentSchemas);
  dependentRequired(step, b.dependentRequired, a.dependentRequired);
  for (const [keyword, stem] of [
    ["contentMediaType", "content-media-type"],
    ["contentEncoding", "content-encoding"],
  ] as const) {
    if (!same(b[keyword], a[keyword])) {
      step.say(`${stem}-changed`, `\`${keyword}\` ${short(b[keyword])} → ${short(a[keyword])}`);
    }
  }
  not(step, b.not, a.not);
}

/** `minContains` (1 when absent) and `maxContains` (unbounded when absent). */
function counted(step: SchemaStep, keyword: string, b: unknown, a: unknown, absent: number): void {
  if (same(b, a)) return;
  const vb = typeof b === "number" ? b : absent;
  const va = typeof a === "number" ? a : absent;
  const stem = keyword === "minContains" ? "min-contains" : "max-contains";
  if (va > vb) step.say(`${stem}-increased`, `${keyword} ${short(b)} → ${short(a)}`);
  else if (va < vb) step.say(`${stem}-decreased`, `${keyword} ${short(b)} → ${short(a)}`);
}

/** Tuple positions: each added or removed position is a rule; positions on both sides are compared. */
function prefixItems(step: SchemaStep, b: Json, a: Json): void {
  const lb = Array.isArray(b.prefixItems) ? (b.prefixItems as unknown[]) : [];
  const la = Array.isArray(a.prefixItems) ? (a.prefixItems as unknown[]) : [];
  for (let i = 0; i < Math.max(lb.length, la.length); i++) {
    if (i >= lb.length) step.say("prefix-items-added", `tuple position ${i} added`);
    else if (i >= la.length) step.say("prefix-items-removed", `tuple position ${i} removed`);
    else step.nested(lb[i], la[i], `[${i}]`);
  }
}

/** A map of sub-schemas by name or pattern (`patternProperties`, `dependentSchemas`). */
function namedSchemas(step: SchemaStep, keyword: string, stem: string, b: unknown, a: unknown): void {
  const mb = (isSchema(b) ? b : {}) as Json;
  const ma = (isSchema(a) ? a : {}) as Json;
  for (const key of new Set([...Object.keys(mb), ...Object.keys(ma)])) {
    if (!Object.hasOwn(mb, key)) step.say(`${stem}-added`, `${keyword} \`${key}\` added`);
    else if (!Object.hasOwn(ma, key)) step.say(`${stem}-removed`, `${keyword} \`${key}\` removed`);
    else step.nested(mb[key], ma[key], `<${keyword} ${key}>`);
  }
}

function dependentRequired(step: SchemaStep, b: unknown, a: unknown): void {
  const mb = (isSchema(b) ? b : {}) as Json;
  const ma = (isSchema(a) ? a : {}) as Json;
  for (const key of new Set([...Object.keys(mb), ...Object.keys(ma)])) {
    if (!Object.hasOwn(mb, key))
      step.say("dependent-required-added", `with \`${key}\`, requires ${list(ma[key] as unknown[])}`);
    else if (!Object.hasOwn(ma, key))
      step.say("dependent-required-removed", `with \`${key}\`, no longer requires others`);
    else if (!same(mb[key], ma[key]))
      step.say("dependent-required-changed", `with \`${key}\`, requires ${list(ma[key] as unknown[])}`);
  }
}

/**
 * `not`: on both sides, compared in place as oasdiff walks it (its rules keep their direction). Added or removed,
 * oasdiff has no rule: what it now excludes (or no longer does) is this project's warning.
 */
function not(step: SchemaStep, b: unknown, a: unknown): void {
  if (same(b, a)) return;
  if (isSchema(b) && isSchema(a)) {
    step.nested(b, a, "<not>");
    return;
  }
  step.say("not-changed", `\`not\` ${b === undefined ? "added" : a === undefined ? "removed" : "changed"}`);
}
