import { canonicalJson } from "../canonical.js";
import { PROSE_KEYS } from "../surface.js";
import { type Json, label, list, refName, type SchemaStep, type SchemaWalk, short } from "./schema-step.js";
import { viewOf } from "./schema-view.js";

type Keyword = "anyOf" | "oneOf";

/**
 * `anyOf`/`oneOf` branches added or removed (branches paired across versions are compared in place), and the
 * "list of types" pattern oasdiff reads as one: `type: string` ⇄ `oneOf: [{type: string}, {type: integer}]`.
 */
export function compareUnions(step: SchemaStep, b: Json, a: Json): void {
  const ub = unionOf(b);
  const ua = unionOf(a);
  if (ub.length === 0 && ua.length === 0) return;
  const lb = typeList(b);
  const la = typeList(a);
  if (lb && la && (ub.length > 0 || ua.length > 0)) {
    const added = la.filter((t) => !lb.includes(t));
    const removed = lb.filter((t) => !la.includes(t));
    if (removed.length > 0) step.say("list-of-types-narrowed", `types ${label(lb)} → ${label(la)}`);
    else if (added.length > 0) step.say("list-of-types-widened", `types ${label(lb)} → ${label(la)}`);
    return;
  }
  // `oneOf` ⇄ `anyOf` over the same branches is one union respelled: its branches are compared across.
  const respelled = ub.length === 1 && ua.length === 1 && ub[0]?.keyword !== ua[0]?.keyword;
  if (respelled) step.say("keyword-changed", `\`${ub[0]?.keyword}\` → \`${ua[0]?.keyword}\``);
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const from = respelled ? ub[0] : ub.find((u) => u.keyword === keyword);
    const to = respelled ? ua[0] : ua.find((u) => u.keyword === keyword);
    if ((respelled && keyword === "oneOf") || (!from && !to)) continue;
    const { pairs, removed, added } = matchBranches(from?.branches ?? [], to?.branches ?? [], step.walk);
    for (const [x, y] of pairs) step.nested(x, y);
    const stem = (k: string) => (k === "anyOf" ? "any-of" : "one-of");
    const kb = from?.keyword ?? keyword;
    const ka = to?.keyword ?? keyword;
    for (const x of removed) step.say(`${stem(kb)}-removed`, `${kb} branch removed: ${branchLabel(x)}`);
    for (const y of added) step.say(`${stem(ka)}-added`, `${ka} branch added: ${branchLabel(y)}`);
  }
}

/**
 * `allOf` members added or removed, as oasdiff counts them (its merged meaning is compared elsewhere). A member
 * with only prose is "annotation only". Turning a schema into `allOf` parts (or back) with the same merged meaning
 * is a refactor, not a member added.
 */
export function compareAllOf(
  step: SchemaStep,
  b: unknown[] | undefined,
  a: unknown[] | undefined,
  sameMeaning: boolean,
) {
  if (b === undefined && a === undefined) return;
  if ((b === undefined || a === undefined) && sameMeaning) return;
  const { removed, added } = matchBranches(b ?? [], a ?? [], step.walk);
  const annotation = (doc: unknown, x: unknown) =>
    Object.keys(viewOf(doc, x).node).every((k) => PROSE_KEYS.has(k) || k.startsWith("x-") || k === "deprecated");
  for (const x of removed) {
    const only = annotation(step.walk.before, x) ? "-annotation-only" : "";
    step.say(`all-of-removed${only}`, `allOf member removed: ${branchLabel(x)}`);
  }
  for (const y of added) {
    const only = annotation(step.walk.after, y) ? "-annotation-only" : "";
    step.say(`all-of-added${only}`, `allOf member added: ${branchLabel(y)}`);
  }
}

export function compareDiscriminator(step: SchemaStep, b: Json, a: Json): void {
  const db = b.discriminator as Json | undefined;
  const da = a.discriminator as Json | undefined;
  if (canonicalJson(db) === canonicalJson(da)) return;
  if (!db) {
    step.say("discriminator-added", `discriminator \`${String(da?.propertyName)}\` added`);
    return;
  }
  if (!da) {
    step.say("discriminator-removed", `discriminator \`${String(db.propertyName)}\` removed`);
    return;
  }
  if (db.propertyName !== da.propertyName) {
    const text = `discriminator \`${String(db.propertyName)}\` → \`${String(da.propertyName)}\``;
    step.say("discriminator-property-name-changed", text);
  }
  const mb = (db.mapping ?? {}) as Json;
  const ma = (da.mapping ?? {}) as Json;
  for (const key of new Set([...Object.keys(mb), ...Object.keys(ma)])) {
    if (mb[key] === undefined) step.say("discriminator-mapping-added", `discriminator mapping \`${key}\` added`);
    else if (ma[key] === undefined)
      step.say("discriminator-mapping-deleted", `discriminator mapping \`${key}\` removed`);
    else if (mb[key] !== ma[key]) step.say("discriminator-mapping-changed", `discriminator mapping \`${key}\` changed`);
  }
}

/**
 * An object body whose properties moved into the branches of a new `oneOf` (oasdiff's
 * `…-wrapped-in-one-of`): one change, not its properties removed and a branch added.
 */
export function wrappedInOneOf(step: SchemaStep, b: Json, a: Json): boolean {
  if (step.field.length > 0 || unionOf(b).length > 0 || b.properties === undefined) return false;
  const ua = unionOf(a);
  if (ua.length !== 1 || ua[0]?.keyword !== "oneOf" || a.properties !== undefined || a.type !== undefined) return false;
  const branches = ua[0].branches.map((x) => viewOf(step.walk.after, x).node);
  const moved = Object.keys(b.properties as Json).filter((name) =>
    branches.some((x) => Object.hasOwn((x.properties ?? {}) as Json, name)),
  );
  if (moved.length === 0) return false;
  step.say(
    "wrapped-in-one-of",
    `wrapped in a \`oneOf\` of ${branches.length}; its fields ${list(moved)} moved into the branches`,
  );
  return true;
}

/** The types of a plain `type` or of a union whose branches are each one bare type (oasdiff's list-of-types). */
function typeList(node: Json): string[] | undefined {
  if (node.not !== undefined || node.properties !== undefined) return undefined;
  const union = unionOf(node);
  if (union.length === 0) {
    return typeof node.type === "string" ? [node.type] : Array.isArray(node.type) ? (node.type as string[]) : undefined;
  }
  if (union.length !== 1) return undefined;
  const types: string[] = [];
  for (const branch of union[0]?.branches ?? []) {
    const o = (branch ?? {}) as Json;
    const keys = Object.keys(o).filter((k) => !PROSE_KEYS.has(k));
    if (keys.length !== 1 || typeof o.type !== "string") return undefined;
    types.push(o.type);
  }
  return types;
}

/**
 * Pairs the branches of a union across versions: same component name, then same structure, then (for what is
 * left, when the counts match and `inOrder`) in order, as edited branches. What cannot be paired was added or
 * removed.
 */
function matchBranches(before: unknown[], after: unknown[], walk: SchemaWalk, inOrder = true) {
  const pairs: [unknown, unknown][] = [];
  const restB = [...before];
  const restA = [...after];
  const take = (keyB: (x: unknown) => string | undefined, keyA = keyB) => {
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
  };
  take((x) => refName(x));
  take((x) => canonicalJson(x));
  take((x) => titleOf(x));
  // Event-style unions tell branches apart by a property with one fixed value (`type: "response.created"`).
  const tagged = (doc: unknown) => (x: unknown) => tagOf(viewOf(doc, x).node);
  take(tagged(walk.before), tagged(walk.after));
  if (inOrder && restB.length === restA.length) {
    for (let i = 0; i < restB.length; i++) pairs.push([restB[i], restA[i]]);
    return { pairs, removed: [], added: [] };
  }
  return { pairs, removed: restB, added: restA };
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

function unionOf(node: Json): { keyword: Keyword; branches: unknown[] }[] {
  const out: { keyword: Keyword; branches: unknown[] }[] = [];
  for (const keyword of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(node[keyword])) out.push({ keyword, branches: node[keyword] as unknown[] });
  }
  return out;
}

function titleOf(x: unknown): string | undefined {
  const t = (x as Json | null)?.title;
  return typeof t === "string" ? t : undefined;
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
