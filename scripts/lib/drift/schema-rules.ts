import { canonicalEqual as same } from "../canonical.js";
import { PROSE_KEYS } from "../surface.js";
import type { Emit } from "./changes.js";
import { LOWER_BOUNDS, UPPER_BOUNDS } from "./rules.js";
import { compareBounds } from "./schema-bounds.js";
import { compareContainers, compareKeywords, KEYWORDS } from "./schema-keywords.js";
import { compareSchemaLifecycle } from "./schema-lifecycle.js";
import { compareProperties } from "./schema-properties.js";
import {
  type Json,
  refName,
  ruleAt,
  type SchemaPlace,
  type SchemaStep,
  type SchemaWalk,
  whereOf,
} from "./schema-step.js";
import { compareTypes } from "./schema-types.js";
import { compareAllOf, compareDiscriminator, compareUnions, wrappedInOneOf } from "./schema-unions.js";
import { compareValues } from "./schema-values.js";
import { type SchemaView, viewOf } from "./schema-view.js";

export type { Direction, SchemaPlace, SchemaWalk } from "./schema-step.js";

/** Keywords with a rule of their own; any other keyword that changes is `sdk-…-keyword-changed`. */
const HANDLED = new Set([
  "type",
  "format",
  "enum",
  "const",
  "default",
  "deprecated",
  "pattern",
  "uniqueItems",
  "multipleOf",
  "discriminator",
  "properties",
  "required",
  "anyOf",
  "oneOf",
  "readOnly",
  "writeOnly",
  ...KEYWORDS,
  ...Object.keys(UPPER_BOUNDS),
  ...Object.keys(LOWER_BOUNDS),
]);

const MAX_DEPTH = 64;

/**
 * Compares what a schema accepts before and after, in one direction, and emits a rule per difference. Each
 * aspect has its file: types (schema-types.ts), values (schema-values.ts), bounds (schema-bounds.ts),
 * properties (schema-properties.ts), unions and `allOf` (schema-unions.ts), containers and JSON Schema
 * 2019/2020 keywords (schema-keywords.ts), deprecation and stability (schema-lifecycle.ts). Narrowing what
 * the client sends, or widening what it receives, is the breaking side of each rule (levels in rules.ts).
 */
export function compareSchema(
  walk: SchemaWalk,
  place: SchemaPlace,
  emit: Emit,
  before: unknown,
  after: unknown,
  field: readonly string[] = [],
  expanding: ReadonlySet<string> = new Set(),
): void {
  const nameB = refName(before);
  const nameA = refName(after);
  // Named on both sides: compared once per pair, under the component's name, with the operations that reach it.
  // Below the root as a field; at the root of a body as a body (its own changes carry `…-body-…` ids). At the
  // root of a parameter or header it is compared in place.
  if (nameB !== undefined && nameA !== undefined && (field.length > 0 || place.root === "body")) {
    const { direction, stability } = place;
    const loose = place.loose === true;
    walk.pair(nameB, nameA, { direction, root: field.length > 0 ? "component" : "body", prefix: "", loose, stability });
    return;
  }
  if (field.length > MAX_DEPTH) return;
  const b = viewOf(walk.before, before, expanding);
  const a = viewOf(walk.after, after, expanding);
  const step = stepAt(walk, place, emit, field, expanding, b, a);
  if (b.cyclicRef !== undefined || a.cyclicRef !== undefined) {
    // A recursive type met again while expanding it: compared where it was first expanded.
    if (b.cyclicRef !== a.cyclicRef) step.say("type-changed", `type ${describe(b)} → ${describe(a)}`);
    return;
  }
  walk.expanded(b.refs);
  walk.expanded(a.refs);
  run(step, b, a);
}

function stepAt(
  walk: SchemaWalk,
  place: SchemaPlace,
  emit: Emit,
  field: readonly string[],
  expanding: ReadonlySet<string>,
  b: SchemaView,
  a: SchemaView,
): SchemaStep {
  const inner = new Set([...expanding, ...b.refs, ...a.refs]);
  const where = whereOf(place, field);
  return {
    walk,
    place,
    emit,
    field,
    say: (suffix, what) => emit(ruleAt(place, field, suffix), where, what),
    // Read-only or write-only is the property's own flag: what is inside it is compared as anywhere else (oasdiff).
    nested: (x, y, name, at) =>
      compareSchema(
        walk,
        at ?? (name === undefined ? place : { ...place, offWire: false }),
        emit,
        x,
        y,
        name === undefined ? field : [...field, name],
        inner,
      ),
  };
}

function run(step: SchemaStep, b: SchemaView, a: SchemaView): void {
  metadata(step, b.node, a.node);
  compareSchemaLifecycle(step, b.node, a.node);
  // A schema with no type at all accepts null already: dropping or adding the type list leaves null as it was.
  if (!b.nullable && a.nullable && !b.untyped) step.say("became-nullable", "became nullable");
  if (b.nullable && !a.nullable && !a.untyped) step.say("became-not-nullable", "no longer nullable");
  if (wrappedInOneOf(step, b.node, a.node)) return;
  if (b.allOf || a.allOf) compareAllOf(step, b.allOf, a.allOf, same(b.node, a.node));
  const comparable = compareTypes(step, b, a);
  compareValues(step, b.node, a.node);
  if (!comparable) return; // an incompatible type: its bounds and fields would only repeat it
  compareBounds(step, b.node, a.node);
  compareDiscriminator(step, b.node, a.node);
  compareProperties(step, b.node, a.node);
  compareContainers(step, b.node, a.node);
  compareKeywords(step, b.node, a.node);
  compareUnions(step, b.node, a.node);
  for (const key of new Set([...Object.keys(b.node), ...Object.keys(a.node)])) {
    if (HANDLED.has(key) || PROSE_KEYS.has(key) || key.startsWith("x-")) continue;
    const [xb, xa] = [b.node[key], a.node[key]];
    if (!same(xb, xa)) {
      step.say(
        "keyword-changed",
        `\`${key}\` ${xb === undefined ? "added" : xa === undefined ? "removed" : "changed"}`,
      );
    }
  }
}

/** Prose and extensions: docs-only. */
function metadata(step: SchemaStep, b: Json, a: Json): void {
  const changed = (pred: (k: string) => boolean) =>
    [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => pred(k) && !same(b[k], a[k]));
  const where = whereOf(step.place, step.field);
  const prose = changed((k) => PROSE_KEYS.has(k));
  if (prose.length > 0) step.emit("sdk-documentation-changed", where, `${prose.join(", ")} changed`);
  const extensions = changed((k) => k.startsWith("x-"));
  if (extensions.length > 0) step.emit("sdk-extension-changed", where, `${extensions.join(", ")} changed`);
}

function describe(v: SchemaView): string {
  return v.cyclicRef ?? (v.types === undefined ? "any" : v.types.join(" | "));
}
