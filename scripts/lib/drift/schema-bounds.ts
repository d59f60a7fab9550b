import { canonicalEqual as same } from "../canonical.js";
import { LOWER_BOUNDS, UPPER_BOUNDS } from "./rules.js";
import type { Json, SchemaStep } from "./schema-step.js";

/** Limits on one value: length, count and numeric bounds, `pattern`, `uniqueItems`, `multipleOf`. */
export function compareBounds(step: SchemaStep, b: Json, a: Json): void {
  for (const [keyword, stem] of Object.entries(UPPER_BOUNDS)) bound(step, b, a, keyword, stem, "upper");
  for (const [keyword, stem] of Object.entries(LOWER_BOUNDS)) bound(step, b, a, keyword, stem, "lower");
  // An empty pattern matches anything: the same as none (as oasdiff reads it).
  const pb = b.pattern === "" ? undefined : b.pattern;
  const pa = a.pattern === "" ? undefined : a.pattern;
  if (!same(pb, pa)) {
    if (pb === undefined) step.say("pattern-added", `pattern \`${String(a.pattern)}\` added`);
    else if (pa === undefined) step.say("pattern-removed", `pattern \`${String(b.pattern)}\` removed`);
    // `.*` matches anything: the pattern no longer restricts (oasdiff's "generalized").
    else if (pa === ".*") step.say("pattern-generalized", `pattern \`${String(b.pattern)}\` → \`.*\``);
    else step.say("pattern-changed", `pattern \`${String(b.pattern)}\` → \`${String(a.pattern)}\``);
  }
  if ((b.uniqueItems === true) !== (a.uniqueItems === true)) {
    const set = a.uniqueItems === true;
    step.say(set ? "unique-items-set" : "unique-items-unset", `uniqueItems ${set ? "set" : "unset"}`);
  }
  if (!same(b.multipleOf, a.multipleOf)) {
    if (b.multipleOf === undefined) step.say("multiple-of-set", `multipleOf ${String(a.multipleOf)} set`);
    else if (a.multipleOf === undefined) step.say("multiple-of-unset", `multipleOf ${String(b.multipleOf)} unset`);
    else step.say("multiple-of-changed", `multipleOf ${String(b.multipleOf)} → ${String(a.multipleOf)}`);
  }
}

/**
 * A numeric bound. OpenAPI 3.0's `exclusiveMaximum`/`exclusiveMinimum` are booleans beside `maximum`/`minimum`
 * (3.1's are numbers): as in oasdiff (diff/schema_bounds.go), `false` is the same as absent, so turning the flag
 * on is `…-set` (the bound itself is no longer allowed: narrower) and turning it off is `…-unset` (wider).
 */
function bound(step: SchemaStep, b: Json, a: Json, keyword: string, stem: string, side: "upper" | "lower"): void {
  const fb = b[keyword] === true;
  const fa = a[keyword] === true;
  const nb = typeof b[keyword] === "number";
  const na = typeof a[keyword] === "number";
  if (fb !== fa && !nb && !na) {
    const base = side === "upper" ? "maximum" : "minimum";
    const at = a[base] ?? b[base];
    const of = at === undefined ? `, no \`${base}\`` : ` at ${base} ${String(at)}`;
    step.say(fa ? `${stem}-set` : `${stem}-unset`, `${keyword} ${String(fb)} → ${String(fa)}${of}`);
    return;
  }
  if ((fb && na) || (nb && fa)) {
    // The 3.0 flag on one side, a 3.1 bound on the other: a respelling whose meaning depends on `maximum`/`minimum`.
    step.say("keyword-changed", `\`${keyword}\` ${JSON.stringify(b[keyword])} → ${JSON.stringify(a[keyword])}`);
    return;
  }
  const vb = nb ? (b[keyword] as number) : undefined;
  const va = na ? (a[keyword] as number) : undefined;
  if (vb === va) return;
  const text = `${keyword} ${vb ?? "none"} → ${va ?? "none"}`;
  if (vb === undefined) step.say(`${stem}-set`, text);
  else if (va === undefined) step.say(`${stem}-unset`, text);
  else step.say(va > vb ? `${stem}-increased` : `${stem}-decreased`, text);
}
