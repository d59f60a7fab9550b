import { type Json, type SchemaStep, whereOf } from "./schema-step.js";
import { viewOf } from "./schema-view.js";

const whereOfField = (step: SchemaStep, name: string) => whereOf(step.place, [...step.field, name]);

/**
 * An object's properties: added, removed, required or not, read-only or write-only. A read-only property is
 * never sent and a write-only one never received, so on that side of the wire its changes cannot break a
 * client: oasdiff gives them ids of their own at INFO, and compares what is inside them as such.
 */
export function compareProperties(step: SchemaStep, b: Json, a: Json): void {
  const pb = (b.properties ?? {}) as Json;
  const pa = (a.properties ?? {}) as Json;
  const rb = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
  const ra = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
  const request = step.place.direction === "request";
  // The flag may sit on a referenced schema: read it through the `$ref` (either version's).
  const flag = (s: unknown, key: Access) => flagIn(step.walk.after, s, key) || flagIn(step.walk.before, s, key);
  // Never on this side of the wire: read-only when sent, write-only when received.
  const offWire = (s: unknown) => flag(s, request ? "readOnly" : "writeOnly");
  const say = (id: string, name: string, what: string) => step.emit(id, whereOfField(step, name), what);
  const hasDefault = (s: unknown) => ((s ?? {}) as Json).default !== undefined;

  for (const name of new Set([...Object.keys(pb), ...Object.keys(pa)])) {
    const inB = Object.hasOwn(pb, name);
    const inA = Object.hasOwn(pa, name);
    if (inB && !inA) {
      if (request) {
        if (!offWire(pb[name])) say("request-property-removed", name, "removed");
      } else {
        const wo = offWire(pb[name]) ? "write-only-" : "";
        const req = rb.has(name) ? "required" : "optional";
        say(`response-${req}-${wo}property-removed`, name, `removed (was ${req})`);
      }
    } else if (!inB && inA) {
      const required = ra.has(name);
      const state = `added, ${required ? "required" : "optional"}`;
      if (request) {
        if (offWire(pa[name])) continue;
        const withDefault = required && hasDefault(pa[name]) ? "-with-default" : "";
        const header = step.place.paramIn === "header" ? "-header" : "";
        say(
          required ? `new-required-request${header}-property${withDefault}` : "new-optional-request-property",
          name,
          state,
        );
      } else {
        const wo = offWire(pa[name]) ? "write-only-" : "";
        say(`response-${required ? "required" : "optional"}-${wo}property-added`, name, state);
      }
    } else {
      requiredness(step, name, pb[name], pa[name], rb.has(name), ra.has(name), offWire, hasDefault);
      access(step, name, pb[name], pa[name], rb.has(name));
      const off = offWire(pa[name]) || offWire(pb[name]);
      step.nested(pb[name], pa[name], name, off ? { ...step.place, offWire: true } : undefined);
    }
  }
}

function requiredness(
  step: SchemaStep,
  name: string,
  b: unknown,
  a: unknown,
  wasRequired: boolean,
  isRequired: boolean,
  offWire: (s: unknown) => boolean,
  hasDefault: (s: unknown) => boolean,
): void {
  if (wasRequired === isRequired) return;
  const now = isRequired ? "required" : "optional";
  const where = whereOfField(step, name);
  if (step.place.direction === "request") {
    if (offWire(a) || offWire(b)) return;
    const withDefault = isRequired && hasDefault(a) ? "-with-default" : "";
    const header = isRequired && step.place.paramIn === "header" ? "header-" : "";
    step.emit(`request-${header}property-became-${now}${withDefault}`, where, `became ${now}`);
  } else if (offWire(a) || offWire(b)) {
    step.emit(`response-write-only-property-became-${now}`, where, `became ${now} (write-only)`);
  } else step.emit(`response-property-became-${now}`, where, `became ${now}`);
}

/** `readOnly` / `writeOnly` turned on or off: which side of the wire carries the property. */
function access(step: SchemaStep, name: string, b: unknown, a: unknown, wasRequired: boolean): void {
  const req = wasRequired ? "required" : "optional";
  for (const [key, stem] of [
    ["readOnly", "read-only"],
    ["writeOnly", "write-only"],
  ] as const) {
    const was = flagIn(step.walk.before, b, key);
    const is = flagIn(step.walk.after, a, key);
    if (was === is) continue;
    const id = `${step.place.direction}-${req}-property-became-${is ? "" : "not-"}${stem}`;
    step.emit(id, whereOfField(step, name), `${is ? "became" : "no longer"} ${stem}`);
  }
}

type Access = "readOnly" | "writeOnly";

function flagIn(doc: unknown, schema: unknown, key: Access): boolean {
  if (schema === null || typeof schema !== "object") return false;
  if ((schema as Json)[key] === true) return true;
  const ref = (schema as Json).$ref;
  if (typeof ref !== "string" || doc === null || typeof doc !== "object") return false;
  let cache = refFlags.get(doc);
  if (!cache) {
    cache = new Map();
    refFlags.set(doc, cache);
  }
  let flags = cache.get(ref);
  if (!flags) {
    const node = viewOf(doc, { $ref: ref }).node;
    flags = { readOnly: node.readOnly === true, writeOnly: node.writeOnly === true };
    cache.set(ref, flags);
  }
  return flags[key];
}

/** Read-only / write-only of a referenced schema, per document: read once, not at every property that names it. */
const refFlags = new WeakMap<object, Map<string, Record<Access, boolean>>>();
