import { canonicalJson, canonicalEqual as same } from "../canonical.js";
import { schemaRefName } from "../json-pointer.js";
import { PROSE_KEYS } from "../surface.js";
import type { Emit } from "./changes.js";
import { LOWER_BOUNDS, type SchemaPrefix, UPPER_BOUNDS } from "./rules.js";
import { type SchemaView, viewOf } from "./schema-view.js";

type Json = Record<string, unknown>;
export type Direction = "request" | "response";

/** Where a schema sits: which way its data flows, and what the root is (for the rule id prefix). */
export interface SchemaPlace {
  direction: Direction;
  /** The root's family: a parameter, a body, a response header, or a named component (compared as a property). */
  root: "parameter" | "body" | "header" | "component";
  /** Text before the field name, e.g. "query parameter `limit`"; "" for a component. */
  prefix: string;
}

/** Shared state of one comparison: both documents, and the queue of named pairs to compare once each. */
export interface SchemaWalk {
  before: unknown;
  after: unknown;
  /** Both sides are `$ref`s to components: compare the pair once (by name), not at every use. */
  pair(before: string, after: string, direction: Direction): void;
  /** Components expanded in place (an `allOf` part, the X of `anyOf [X, null]`): compared, though not as a pair. */
  expanded(names: readonly string[]): void;
}

/** Keywords with a rule of their own below; any other keyword that changes is `keyword-changed`. */
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
  "items",
  "additionalProperties",
  "anyOf",
  "oneOf",
  "readOnly",
  "writeOnly",
  ...Object.keys(UPPER_BOUNDS),
  ...Object.keys(LOWER_BOUNDS),
]);

const MAX_DEPTH = 64;

/** Format changes that only widen the range of values. */
const WIDER_FORMAT: Record<string, string> = { int32: "int64", float: "double" };

/**
 * Compares what a schema accepts before and after, in one direction, and emits a
 * rule per difference. Narrowing what the client sends, or widening what it
 * receives, is the breaking side of each rule (levels in rules.ts).
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
  if (nameB !== undefined && nameA !== undefined && !(field.length === 0 && place.root === "component")) {
    walk.pair(nameB, nameA, place.direction);
    return;
  }
  if (field.length > MAX_DEPTH) return;
  const b = viewOf(walk.before, before, expanding);
  const a = viewOf(walk.after, after, expanding);
  if (b.cyclicRef !== undefined || a.cyclicRef !== undefined) {
    // A recursive type met again while expanding it: compared where it was first expanded.
    if (b.cyclicRef !== a.cyclicRef) emitType(place, emit, field, "type-changed", describe(b), describe(a));
    return;
  }
  walk.expanded(b.refs);
  walk.expanded(a.refs);
  const inner = new Set([...expanding, ...b.refs, ...a.refs]);
  new SchemaComparison(walk, place, emit, field, inner).run(b, a);
}

function refName(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const o = raw as Json;
  // A bare `$ref` only: one with siblings (3.1) is compared in place.
  return Object.keys(o).length === 1 ? schemaRefName(o.$ref) : undefined;
}

class SchemaComparison {
  constructor(
    private readonly walk: SchemaWalk,
    private readonly place: SchemaPlace,
    private readonly emit: Emit,
    private readonly field: readonly string[],
    private readonly expanding: ReadonlySet<string>,
  ) {}

  private get atRoot(): boolean {
    return this.field.length === 0;
  }

  private id(suffix: string): string {
    return `${prefixFor(this.place, this.atRoot)}-${suffix}`;
  }

  private say(suffix: string, what: string): void {
    this.emit(this.id(suffix), whereOf(this.place, this.field), what);
  }

  run(b: SchemaView, a: SchemaView): void {
    this.metadata(b.node, a.node);
    this.nullability(b, a);
    if (!this.types(b, a)) return; // an incompatible type: the rest would only repeat it
    this.values(b.node, a.node);
    this.constraints(b.node, a.node);
    this.discriminator(b.node, a.node);
    this.properties(b.node, a.node);
    this.nested(b.node, a.node);
    this.unions(b.node, a.node);
    this.others(b.node, a.node);
  }

  private metadata(b: Json, a: Json): void {
    const changed = (pred: (k: string) => boolean) =>
      [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => pred(k) && !same(b[k], a[k]));
    const prose = changed((k) => PROSE_KEYS.has(k));
    if (prose.length > 0) {
      this.emit("documentation-changed", whereOf(this.place, this.field), `${prose.join(", ")} changed`);
    }
    const extensions = changed((k) => k.startsWith("x-"));
    if (extensions.length > 0) {
      this.emit("extension-changed", whereOf(this.place, this.field), `${extensions.join(", ")} changed`);
    }
    if (b.deprecated !== true && a.deprecated === true) this.say("deprecated", "deprecated");
    if (b.deprecated === true && a.deprecated !== true) this.say("reactivated", "no longer deprecated");
  }

  private nullability(b: SchemaView, a: SchemaView): void {
    if (!b.nullable && a.nullable) this.say("became-nullable", "became nullable");
    if (b.nullable && !a.nullable) this.say("became-not-nullable", "no longer nullable");
  }

  /** False when the types are incomparable (reported as one change). */
  private types(b: SchemaView, a: SchemaView): boolean {
    const union = (v: SchemaView) => Array.isArray(v.node.anyOf) || Array.isArray(v.node.oneOf);
    if (union(b) || union(a)) return true;
    const tb = b.types;
    const ta = a.types;
    if (!sameList(tb, ta)) {
      const widened = tb !== undefined && (ta === undefined || tb.every((t) => covers(ta, t)));
      const narrowed = ta !== undefined && (tb === undefined || ta.every((t) => covers(tb, t)));
      const text = `type ${label(tb)} → ${label(ta)}`;
      if (widened) this.say("type-generalized", `${text} (widened)`);
      else if (narrowed) this.say("type-specialized", `${text} (narrowed)`);
      else {
        this.say("type-changed", text);
        return false;
      }
    }
    const fb = b.node.format;
    const fa = a.node.format;
    if (!same(fb, fa)) {
      if (fa === undefined) this.say("type-generalized", `format \`${String(fb)}\` removed`);
      else if (WIDER_FORMAT[String(fb)] === fa) this.say("type-generalized", `format \`${String(fb)}\` → \`${fa}\``);
      else if (WIDER_FORMAT[String(fa)] === fb) this.say("type-specialized", `format \`${String(fb)}\` → \`${fa}\``);
      else if (fb === undefined) this.say("type-specialized", `format \`${String(fa)}\` added`);
      else this.say("type-changed", `format \`${String(fb)}\` → \`${String(fa)}\``);
    }
    return true;
  }

  private values(b: Json, a: Json): void {
    const eb = Array.isArray(b.enum) ? b.enum : undefined;
    const ea = Array.isArray(a.enum) ? a.enum : undefined;
    if (eb && ea) {
      const keys = (list: unknown[]) => new Set(list.map((v) => JSON.stringify(v)));
      const kb = keys(eb);
      const ka = keys(ea);
      const added = ea.filter((v) => !kb.has(JSON.stringify(v)));
      const removed = eb.filter((v) => !ka.has(JSON.stringify(v)));
      if (added.length > 0) this.say("enum-value-added", `enum value${plural(added)} added: ${list(added)}`);
      if (removed.length > 0) this.say("enum-value-removed", `enum value${plural(removed)} removed: ${list(removed)}`);
    } else if (ea) this.say("became-enum", `now restricted to ${list(ea)}`);
    else if (eb) this.say("enum-dropped", `no longer restricted to ${list(eb)}`);

    if (!same(b.const, a.const)) {
      if (b.const === undefined) this.say("const-added", `now always ${JSON.stringify(a.const)}`);
      else if (a.const === undefined) this.say("const-removed", `no longer always ${JSON.stringify(b.const)}`);
      else this.say("const-changed", `const ${JSON.stringify(b.const)} → ${JSON.stringify(a.const)}`);
    }
    if (!same(b.default, a.default)) {
      if (b.default === undefined) this.say("default-value-added", `default ${short(a.default)} added`);
      else if (a.default === undefined) this.say("default-value-removed", `default ${short(b.default)} removed`);
      else this.say("default-value-changed", `default ${short(b.default)} → ${short(a.default)}`);
    }
  }

  private constraints(b: Json, a: Json): void {
    for (const [keyword, stem] of Object.entries(UPPER_BOUNDS)) this.bound(b, a, keyword, stem, "upper");
    for (const [keyword, stem] of Object.entries(LOWER_BOUNDS)) this.bound(b, a, keyword, stem, "lower");
    if (!same(b.pattern, a.pattern)) {
      if (b.pattern === undefined) this.say("pattern-added", `pattern \`${String(a.pattern)}\` added`);
      else if (a.pattern === undefined) this.say("pattern-removed", `pattern \`${String(b.pattern)}\` removed`);
      else this.say("pattern-changed", `pattern \`${String(b.pattern)}\` → \`${String(a.pattern)}\``);
    }
    if ((b.uniqueItems === true) !== (a.uniqueItems === true)) {
      this.say(
        a.uniqueItems === true ? "unique-items-set" : "unique-items-unset",
        `uniqueItems ${a.uniqueItems === true ? "set" : "unset"}`,
      );
    }
    if (!same(b.multipleOf, a.multipleOf)) {
      if (b.multipleOf === undefined) this.say("multiple-of-set", `multipleOf ${String(a.multipleOf)} set`);
      else if (a.multipleOf === undefined) this.say("multiple-of-unset", `multipleOf ${String(b.multipleOf)} unset`);
      else this.say("multiple-of-changed", `multipleOf ${String(b.multipleOf)} → ${String(a.multipleOf)}`);
    }
  }

  /**
   * A numeric bound. OpenAPI 3.0's `exclusiveMaximum`/`exclusiveMinimum` are booleans beside `maximum`/`minimum`
   * (3.1's are numbers): as in oasdiff (diff/schema_bounds.go), `false` is the same as absent, so turning the flag
   * on is `…-set` (the bound itself is no longer allowed: narrower) and turning it off is `…-unset` (wider).
   */
  private bound(b: Json, a: Json, keyword: string, stem: string, side: "upper" | "lower"): void {
    const fb = b[keyword] === true;
    const fa = a[keyword] === true;
    const nb = typeof b[keyword] === "number";
    const na = typeof a[keyword] === "number";
    if (fb !== fa && !nb && !na) {
      const base = side === "upper" ? "maximum" : "minimum";
      const at = a[base] ?? b[base];
      const of = at === undefined ? `, no \`${base}\`` : ` at ${base} ${String(at)}`;
      this.say(fa ? `${stem}-set` : `${stem}-unset`, `${keyword} ${String(fb)} → ${String(fa)}${of}`);
      return;
    }
    if ((fb && na) || (nb && fa)) {
      // The 3.0 flag on one side, a 3.1 bound on the other: a respelling whose meaning depends on `maximum`/`minimum`.
      this.say("keyword-changed", `\`${keyword}\` ${JSON.stringify(b[keyword])} → ${JSON.stringify(a[keyword])}`);
      return;
    }
    const vb = nb ? (b[keyword] as number) : undefined;
    const va = na ? (a[keyword] as number) : undefined;
    if (vb === va) return;
    const text = `${keyword} ${vb ?? "none"} → ${va ?? "none"}`;
    if (vb === undefined) this.say(`${stem}-set`, text);
    else if (va === undefined) this.say(side === "upper" ? `${stem}-unset` : `${stem}-decreased`, text);
    else this.say(va > vb ? `${stem}-increased` : `${stem}-decreased`, text);
  }

  private discriminator(b: Json, a: Json): void {
    const db = b.discriminator as Json | undefined;
    const da = a.discriminator as Json | undefined;
    if (same(db, da)) return;
    if (!db) {
      this.say("discriminator-added", `discriminator \`${String(da?.propertyName)}\` added`);
      return;
    }
    if (!da) {
      this.say("discriminator-removed", `discriminator \`${String(db.propertyName)}\` removed`);
      return;
    }
    if (db.propertyName !== da.propertyName) {
      this.say(
        "discriminator-property-name-changed",
        `discriminator \`${String(db.propertyName)}\` → \`${String(da.propertyName)}\``,
      );
    }
    const mb = (db.mapping ?? {}) as Json;
    const ma = (da.mapping ?? {}) as Json;
    for (const key of new Set([...Object.keys(mb), ...Object.keys(ma)])) {
      if (mb[key] === undefined) this.say("discriminator-mapping-added", `discriminator mapping \`${key}\` added`);
      else if (ma[key] === undefined)
        this.say("discriminator-mapping-deleted", `discriminator mapping \`${key}\` removed`);
      else if (mb[key] !== ma[key])
        this.say("discriminator-mapping-changed", `discriminator mapping \`${key}\` changed`);
    }
  }

  private properties(b: Json, a: Json): void {
    const pb = (b.properties ?? {}) as Json;
    const pa = (a.properties ?? {}) as Json;
    const rb = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
    const ra = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
    const request = this.place.direction === "request";
    // A read-only property is never sent, a write-only one never received: neither side of it is this direction's wire.
    const offWire = (s: unknown) => {
      const o = (s ?? {}) as Json;
      return request ? o.readOnly === true : o.writeOnly === true;
    };
    const say = (id: string, name: string, what: string) =>
      this.emit(id, whereOf(this.place, [...this.field, name]), what);
    for (const name of new Set([...Object.keys(pb), ...Object.keys(pa)])) {
      const inB = Object.hasOwn(pb, name);
      const inA = Object.hasOwn(pa, name);
      if (inB && !inA) {
        if (offWire(pb[name])) continue;
        if (request) say("request-property-removed", name, "removed");
        else if (rb.has(name)) say("response-required-property-removed", name, "removed (was required)");
        else say("response-optional-property-removed", name, "removed (was optional)");
      } else if (!inB && inA) {
        if (offWire(pa[name])) continue;
        const required = ra.has(name);
        if (request)
          say(
            required ? "new-required-request-property" : "new-optional-request-property",
            name,
            `added, ${required ? "required" : "optional"}`,
          );
        else
          say(
            required ? "response-required-property-added" : "response-optional-property-added",
            name,
            `added, ${required ? "required" : "optional"}`,
          );
      } else {
        if (!offWire(pb[name]) && !offWire(pa[name]) && rb.has(name) !== ra.has(name)) {
          const nowRequired = ra.has(name);
          say(
            `${this.place.direction}-property-became-${nowRequired ? "required" : "optional"}`,
            name,
            `became ${nowRequired ? "required" : "optional"}`,
          );
        }
        compareSchema(this.walk, this.place, this.emit, pb[name], pa[name], [...this.field, name], this.expanding);
      }
    }
  }

  private nested(b: Json, a: Json): void {
    if (b.items !== undefined && a.items !== undefined && !Array.isArray(b.items) && !Array.isArray(a.items)) {
      compareSchema(this.walk, this.place, this.emit, b.items, a.items, [...this.field, "[]"], this.expanding);
    } else if (!same(b.items, a.items)) this.say("keyword-changed", "`items` changed");
    const xb = b.additionalProperties;
    const xa = a.additionalProperties;
    const isSchema = (x: unknown) => x !== null && typeof x === "object";
    if (isSchema(xb) && isSchema(xa)) {
      compareSchema(this.walk, this.place, this.emit, xb, xa, [...this.field, "{}"], this.expanding);
    } else if (!same(xb, xa)) {
      // Absent, true or {} allows any extra key; false allows none; any other schema allows some.
      const openness = (x: unknown) => (x === false ? 0 : isSchema(x) && Object.keys(x as Json).length > 0 ? 1 : 2);
      const ob = openness(xb);
      const oa = openness(xa);
      if (oa !== ob) {
        const text = `additionalProperties ${short(xb)} → ${short(xa)}`;
        this.say(oa > ob ? "additional-properties-widened" : "additional-properties-narrowed", text);
      }
    }
  }

  private unions(b: Json, a: Json): void {
    const ub = unionOf(b);
    const ua = unionOf(a);
    if (ub.length === 0 && ua.length === 0) return;
    // `oneOf` ⇄ `anyOf` over the same branches is one union respelled: its branches are compared across.
    const respelled = ub.length === 1 && ua.length === 1 && ub[0]?.keyword !== ua[0]?.keyword;
    if (respelled) this.say("keyword-changed", `\`${ub[0]?.keyword}\` → \`${ua[0]?.keyword}\``);
    for (const keyword of ["anyOf", "oneOf"] as const) {
      const from = respelled ? ub[0] : ub.find((u) => u.keyword === keyword);
      const to = respelled ? ua[0] : ua.find((u) => u.keyword === keyword);
      if ((respelled && keyword === "oneOf") || (!from && !to)) continue;
      const { pairs, removed, added } = matchBranches(from?.branches ?? [], to?.branches ?? [], this.walk);
      for (const [x, y] of pairs) compareSchema(this.walk, this.place, this.emit, x, y, this.field, this.expanding);
      const stem = (k: string) => (k === "anyOf" ? "any-of" : "one-of");
      const kb = from?.keyword ?? keyword;
      const ka = to?.keyword ?? keyword;
      for (const x of removed) this.say(`${stem(kb)}-removed`, `${kb} branch removed: ${branchLabel(x)}`);
      for (const y of added) this.say(`${stem(ka)}-added`, `${ka} branch added: ${branchLabel(y)}`);
    }
  }

  private others(b: Json, a: Json): void {
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (HANDLED.has(key) || PROSE_KEYS.has(key) || key.startsWith("x-")) continue;
      if (!same(b[key], a[key]))
        this.say(
          "keyword-changed",
          `\`${key}\` ${b[key] === undefined ? "added" : a[key] === undefined ? "removed" : "changed"}`,
        );
    }
  }
}

/**
 * Pairs the branches of a union across versions: same component name, then same
 * structure, then (for what is left, when the counts match) in order, as edited
 * branches. What cannot be paired was added or removed.
 */
function matchBranches(before: unknown[], after: unknown[], walk: SchemaWalk) {
  const pairs: [unknown, unknown][] = [];
  const restB = [...before];
  const restA = [...after];
  const take = (key: (x: unknown) => string | undefined) => {
    for (let i = 0; i < restB.length; i++) {
      const kb = key(restB[i]);
      if (kb === undefined) continue;
      const j = restA.findIndex((y) => key(y) === kb);
      if (j < 0) continue;
      pairs.push([restB[i], restA[j]]);
      restB.splice(i--, 1);
      restA.splice(j, 1);
    }
  };
  take((x) => refName(x));
  take((x) => canonicalJson(x));
  take((x) => titleOf(x));
  // Event-style unions tell branches apart by a property with one fixed value (`type: "response.created"`).
  const tagged = (doc: unknown) => (x: unknown) => tagOf(viewOf(doc, x).node);
  takeAcross(restB, restA, pairs, tagged(walk.before), tagged(walk.after));
  if (restB.length === restA.length) {
    for (let i = 0; i < restB.length; i++) pairs.push([restB[i], restA[i]]);
    return { pairs, removed: [], added: [] };
  }
  return { pairs, removed: restB, added: restA };
}

function takeAcross(
  restB: unknown[],
  restA: unknown[],
  pairs: [unknown, unknown][],
  keyB: (x: unknown) => string | undefined,
  keyA: (x: unknown) => string | undefined,
): void {
  const keysA = restA.map(keyA);
  for (let i = 0; i < restB.length; i++) {
    const k = keyB(restB[i]);
    if (k === undefined) continue;
    const j = keysA.indexOf(k);
    if (j < 0) continue;
    pairs.push([restB[i], restA[j]]);
    restB.splice(i--, 1);
    restA.splice(j, 1);
    keysA.splice(j, 1);
  }
}

/** `prop=value` for the first property that allows exactly one value, the usual discriminator. */
function tagOf(node: Json): string | undefined {
  const props = (node.properties ?? {}) as Json;
  for (const name of Object.keys(props).sort()) {
    const p = (props[name] ?? {}) as Json;
    if (p.const !== undefined) return `${name}=${JSON.stringify(p.const)}`;
    if (Array.isArray(p.enum) && p.enum.length === 1) return `${name}=${JSON.stringify(p.enum[0])}`;
  }
  return undefined;
}

function unionOf(node: Json): { keyword: "anyOf" | "oneOf"; branches: unknown[] }[] {
  const out: { keyword: "anyOf" | "oneOf"; branches: unknown[] }[] = [];
  for (const keyword of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(node[keyword])) out.push({ keyword, branches: node[keyword] as unknown[] });
  }
  return out;
}

function titleOf(x: unknown): string | undefined {
  const t = (x as Json | null)?.title;
  return typeof t === "string" ? t : undefined;
}

export function prefixFor(place: SchemaPlace, atRoot: boolean): SchemaPrefix {
  if (place.direction === "request") {
    if (place.root === "parameter") return "request-parameter";
    return atRoot && place.root === "body" ? "request-body" : "request-property";
  }
  if (place.root === "header") return "response-header";
  return atRoot && place.root === "body" ? "response-body" : "response-property";
}

function emitType(place: SchemaPlace, emit: Emit, field: readonly string[], suffix: string, b: string, a: string) {
  emit(`${prefixFor(place, field.length === 0)}-${suffix}`, whereOf(place, field), `type ${b} → ${a}`);
}

export function whereOf(place: SchemaPlace, field: readonly string[]): string {
  if (field.length === 0) return place.prefix;
  const name = field.join(".").replace(/\.(\[\]|\{\})/g, "$1");
  const side = place.root === "component" ? `${place.direction} ` : "";
  const text = `${side}field \`${name}\``;
  return place.prefix ? `${place.prefix} ${text}` : text;
}

function describe(v: SchemaView): string {
  return v.cyclicRef ?? label(v.types);
}

function branchLabel(x: unknown): string {
  const name = refName(x);
  if (name) return `\`${name}\``;
  const o = (x ?? {}) as Json;
  if (Array.isArray(o.enum)) return `enum ${list(o.enum)}`;
  if (typeof o.title === "string" && !o.title.startsWith("sha256:")) return `\`${o.title}\``;
  if (o.type !== undefined) return `type ${label(Array.isArray(o.type) ? (o.type as string[]) : [String(o.type)])}`;
  return short(x);
}

function covers(types: readonly string[], t: string): boolean {
  return types.includes(t) || (t === "integer" && types.includes("number"));
}

function sameList(x: readonly string[] | undefined, y: readonly string[] | undefined): boolean {
  if (x === undefined || y === undefined) return x === y;
  return x.length === y.length && x.every((t, i) => t === y[i]);
}

function label(types: readonly string[] | undefined): string {
  return types === undefined ? "any" : types.length === 0 ? "null" : types.join(" | ");
}

function plural(values: readonly unknown[]): string {
  return values.length > 1 ? "s" : "";
}

export function list(values: readonly unknown[]): string {
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v));
  return values.length > 5 ? `${shown.join(", ")}, … (${values.length} in all)` : shown.join(", ");
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "none";
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
