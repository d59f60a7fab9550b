import { schemaRefName } from "../json-pointer.js";
import type { Emit } from "./changes.js";
import type { DriftOptions, StabilityLevel } from "./options.js";
import { type PlaceCode, schemaRuleId } from "./rules.js";

export type Json = Record<string, unknown>;
export type Direction = "request" | "response";

/** Where a schema sits: which way its data flows, and what the root is (for the rule id prefix). */
export interface SchemaPlace {
  direction: Direction;
  /** The root's family: a parameter, a body, a response header, or a named component (compared as a property). */
  root: "parameter" | "body" | "header" | "component";
  /** Text before the field name, e.g. "query parameter `limit`"; "" for a component. */
  prefix: string;
  /** Inside a property the client never sends (read-only, in a request) or never receives (write-only, in a response). */
  offWire?: boolean;
  /** The data is text (a parameter, a non-JSON body): any value also reads as a string. */
  loose?: boolean;
  /** A form-style, exploded query parameter: `?id=1&id=2` is an array, `?id=1` one value of it. */
  formExplode?: boolean;
  /** A parameter's `in` (a header parameter's properties have ids of their own). */
  paramIn?: string;
  /** A parameter required on either side: the client always sends it, so its `default` says nothing on the wire. */
  required?: boolean;
  /** The operation's `x-stability-level` (deprecation days and the reporting threshold depend on it). */
  stability?: StabilityLevel | "invalid";
}

/** Shared state of one comparison: both documents, the options, and the queue of named pairs to compare once each. */
export interface SchemaWalk {
  before: unknown;
  after: unknown;
  options: DriftOptions;
  /** Both sides are `$ref`s to components: compare the pair once (by name) at `place`, not at every use. */
  pair(before: string, after: string, place: SchemaPlace): void;
  /** Components expanded in place (an `allOf` part, the X of `anyOf [X, null]`): compared, though not as a pair. */
  expanded(names: readonly string[]): void;
}

/** One schema being compared: where it is, how to report, and how to compare a sub-schema of it. */
export interface SchemaStep {
  walk: SchemaWalk;
  place: SchemaPlace;
  emit: Emit;
  field: readonly string[];
  /** Reports a schema rule (by suffix) at this schema. */
  say(suffix: string, what: string): void;
  /** Compares a sub-schema: `name` is appended to the field path ("[]" for items, "{}" for additional properties). */
  nested(before: unknown, after: unknown, name?: string, place?: SchemaPlace): void;
}

export function refName(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const o = raw as Json;
  // A bare `$ref` only: one with siblings (3.1) is compared in place.
  return Object.keys(o).length === 1 ? schemaRefName(o.$ref) : undefined;
}

/** The place code of oasdiff's id prefix for a schema at `field` under `place`. */
function placeCode(place: SchemaPlace, atRoot: boolean): PlaceCode {
  if (place.direction === "request") {
    if (place.offWire && !atRoot) return "o";
    if (place.root === "parameter") return atRoot ? "p" : place.paramIn === "header" ? "h" : "q";
    return atRoot && place.root === "body" ? "b" : "r";
  }
  if (place.offWire && !atRoot) return "w";
  if (place.root === "header") return "H";
  return atRoot && place.root === "body" ? "B" : "R";
}

export function ruleAt(place: SchemaPlace, field: readonly string[], suffix: string): string {
  return schemaRuleId(placeCode(place, field.length === 0), suffix);
}

export function whereOf(place: SchemaPlace, field: readonly string[]): string {
  if (field.length === 0) return place.prefix;
  const name = field.join(".").replace(/\.(\[\]|\{\})/g, "$1");
  const side = place.root === "component" || !place.prefix ? `${place.direction} ` : "";
  const text = `${side}field \`${name}\``;
  return place.prefix ? `${place.prefix} ${text}` : text;
}

export function label(types: readonly string[] | undefined): string {
  return types === undefined ? "any" : types.length === 0 ? "null" : types.join(" | ");
}

export function plural(values: readonly unknown[]): string {
  return values.length > 1 ? "s" : "";
}

export function list(values: readonly unknown[]): string {
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v));
  return values.length > 5 ? `${shown.join(", ")}, … (${values.length} in all)` : shown.join(", ");
}

export function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "none";
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
