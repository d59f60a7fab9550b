import { canonicalEqual as same } from "../canonical.js";
import { type Json, list, plural, type SchemaStep, short, whereOf } from "./schema-step.js";

/** The values a schema allows one by one: `enum`, `const`, `x-extensible-enum`, and its `default`. */
export function compareValues(step: SchemaStep, b: Json, a: Json): void {
  const eb = Array.isArray(b.enum) ? b.enum : undefined;
  const ea = Array.isArray(a.enum) ? a.enum : undefined;
  if (eb && ea) {
    const { added, removed } = valueDiff(eb, ea);
    if (added.length > 0) step.say("enum-value-added", `enum value${plural(added)} added: ${list(added)}`);
    if (removed.length > 0) step.say("enum-value-removed", `enum value${plural(removed)} removed: ${list(removed)}`);
  } else if (ea) step.say("became-enum", `now restricted to ${list(ea)}`);
  else if (eb) step.say("enum-dropped", `no longer restricted to ${list(eb)}`);

  // An extensible enum documents values without restricting them: only a value removed can break a sender.
  const xb = b["x-extensible-enum"];
  const xa = a["x-extensible-enum"];
  if (Array.isArray(xb) && Array.isArray(xa)) {
    const { removed } = valueDiff(xb, xa);
    if (removed.length > 0)
      step.say("x-extensible-enum-value-removed", `extensible enum value${plural(removed)} removed: ${list(removed)}`);
  }

  if (!same(b.const, a.const)) {
    if (b.const === undefined) step.say("const-added", `now always ${JSON.stringify(a.const)}`);
    else if (a.const === undefined) step.say("const-removed", `no longer always ${JSON.stringify(b.const)}`);
    else step.say("const-changed", `const ${JSON.stringify(b.const)} → ${JSON.stringify(a.const)}`);
  }
  if (!same(b.default, a.default) && step.place.required && step.field.length === 0) {
    // oasdiff reports nothing: a required parameter is always sent, its default never applies.
    step.emit(
      "sdk-required-parameter-default-changed",
      whereOf(step.place, step.field),
      `default ${short(b.default)} → ${short(a.default)}`,
    );
  } else if (!same(b.default, a.default)) {
    if (b.default === undefined) step.say("default-value-added", `default ${short(a.default)} added`);
    else if (a.default === undefined) step.say("default-value-removed", `default ${short(b.default)} removed`);
    else step.say("default-value-changed", `default ${short(b.default)} → ${short(a.default)}`);
  }
}

function valueDiff(before: readonly unknown[], after: readonly unknown[]) {
  const keys = (values: readonly unknown[]) => new Set(values.map((v) => JSON.stringify(v)));
  const kb = keys(before);
  const ka = keys(after);
  return {
    added: after.filter((v) => !kb.has(JSON.stringify(v))),
    removed: before.filter((v) => !ka.has(JSON.stringify(v))),
  };
}
