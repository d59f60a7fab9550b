import { canonicalEqual as same } from "../canonical.js";
import { HTTP_METHODS } from "../spec-source.js";
import { PROSE_KEYS, type Surface } from "../surface.js";
import type { SchemaRename } from "./changes.js";
import type { ChangeCollector } from "./collector.js";
import { metadata } from "./operation-rules.js";
import type { PairGraph } from "./pair-graph.js";
import { securityRules, securitySchemeRules } from "./security-rules.js";

type Json = Record<string, unknown>;
const METHODS = new Set<string>(HTTP_METHODS);

/**
 * Component schema names: what an SDK user imports as `Schemas["Name"]`. A name that
 * went while another with the same structure came (or that the operations now use in
 * its place with no wire change) is a rename, not a removal plus an addition.
 */
export function compareComponents(collector: ChangeCollector, graph: PairGraph, before: Surface, after: Surface) {
  const sb = (before.components?.schemas ?? {}) as Json;
  const sa = (after.components?.schemas ?? {}) as Json;
  const removed = Object.keys(sb).filter((n) => !Object.hasOwn(sa, n));
  const added = new Set(Object.keys(sa).filter((n) => !Object.hasOwn(sb, n)));
  const renames: SchemaRename[] = [];
  const visitedPair = (b: string, a: string) =>
    graph.usedBy.has(`${b}\u0000${a}`) && !graph.changed.has(`${b}\u0000${a}`);
  const structure = new Map<string, string>();
  for (const name of added) structure.set(name, structureKey(sa[name]));
  for (const from of removed) {
    const key = structureKey(sb[from]);
    const to = [...added].find((a) => visitedPair(from, a)) ?? [...added].find((a) => structure.get(a) === key);
    if (to === undefined) {
      collector.bind({ kind: "schema", name: from }, ["components", "schemas", from])(
        "api-schema-removed",
        "",
        "removed (its exported type is gone)",
      );
      continue;
    }
    added.delete(to);
    renames.push({ from, to });
    collector.bind({ kind: "schema", name: to }, ["components", "schemas", to])(
      "sdk-api-schema-renamed",
      "",
      `renamed from \`${from}\` (same structure; the exported type name changed)`,
    );
  }
  for (const name of added) {
    collector.bind({ kind: "schema", name }, ["components", "schemas", name])("sdk-api-schema-added", "", "added");
  }
  for (const name of Object.keys(sb)) {
    if (!Object.hasOwn(sa, name) || same(sb[name], sa[name])) continue;
    if (graph.usedBy.has(`${name}\u0000${name}`) || graph.expanded.has(name)) continue;
    collector.bind({ kind: "schema", name }, ["components", "schemas", name])(
      "sdk-component-schema-changed",
      "",
      "changed (no operation uses it: its exported type changed, nothing on the wire)",
    );
  }
  return renames;
}

/** The structure of a schema without its prose and extensions: equal keys mean a pure rename. */
function structureKey(schema: unknown): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== "object") return v;
    const out: Json = {};
    for (const [k, child] of Object.entries(v)) if (!PROSE_KEYS.has(k) && !k.startsWith("x-")) out[k] = strip(child);
    return out;
  };
  return JSON.stringify(strip(schema));
}

/** Everything outside operations and component schemas: info, servers, global security, other components, path items. */
export function compareDocument(collector: ChangeCollector, before: Surface, after: Surface): void {
  const spec = (name: string) => collector.bind({ kind: "spec", name }, [name]);
  const b = before as unknown as Json;
  const a = after as unknown as Json;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (key === "paths" || key === "components" || same(b[key], a[key])) continue;
    if (key === "info") spec("info")("sdk-info-changed", "", describeKeys(b.info, a.info));
    else if (key === "servers") spec("servers")("sdk-servers-changed", "", "servers changed");
    else if (key === "openapi")
      spec("openapi")("sdk-openapi-version-changed", "", `${String(b.openapi)} → ${String(a.openapi)}`);
    else if (key === "security") securityRules(spec("security"), "api-global-security", b.security, a.security);
    else if (key === "tags") spec("tags")("sdk-tags-changed", "", "tag list changed");
    else if (key === "webhooks") webhooks(spec("webhooks"), (b.webhooks ?? {}) as Json, (a.webhooks ?? {}) as Json);
    else if (PROSE_KEYS.has(key)) spec(key)("sdk-documentation-changed", "", `${key} changed`);
    else if (key.startsWith("x-")) spec(key)("sdk-extension-changed", "", `${key} changed`);
    else spec(key)("sdk-spec-keyword-changed", "", `\`${key}\` changed`);
  }
  const cb = (before.components ?? {}) as Json;
  const ca = (after.components ?? {}) as Json;
  for (const section of new Set([...Object.keys(cb), ...Object.keys(ca)])) {
    if (section === "schemas" || same(cb[section], ca[section])) continue;
    const emit = spec(`components.${section}`);
    const xb = (cb[section] ?? {}) as Json;
    const xa = (ca[section] ?? {}) as Json;
    if (section.startsWith("x-")) {
      emit("sdk-extension-changed", "", `${section} changed`);
      continue;
    }
    for (const name of new Set([...Object.keys(xb), ...Object.keys(xa)])) {
      if (same(xb[name], xa[name])) continue;
      const state = xb[name] === undefined ? "added" : xa[name] === undefined ? "removed" : "changed";
      if (section === "securitySchemes")
        securitySchemeRules(emit, name, xb[name] as Json | undefined, xa[name] as Json | undefined);
      else emit("sdk-component-changed", `\`${name}\``, state);
    }
  }
  const pb = before.paths;
  const pa = after.paths;
  for (const path of new Set([...Object.keys(pb), ...Object.keys(pa)])) {
    const ib = (pb[path] ?? {}) as Json;
    const ia = (pa[path] ?? {}) as Json;
    const strip = (item: Json) =>
      Object.fromEntries(Object.entries(item).filter(([k]) => !METHODS.has(k) && k !== "parameters"));
    const rb = strip(ib);
    const ra = strip(ia);
    if (same(rb, ra)) continue;
    const emit = spec("paths");
    metadata(emit, `path ${path}`, rb, ra);
    for (const key of new Set([...Object.keys(rb), ...Object.keys(ra)])) {
      if (PROSE_KEYS.has(key) || key.startsWith("x-") || same(rb[key], ra[key])) continue;
      emit(
        key === "servers" ? "sdk-servers-changed" : "sdk-operation-keyword-changed",
        `path ${path}`,
        `\`${key}\` changed`,
      );
    }
  }
}

function webhooks(emit: ReturnType<ChangeCollector["bind"]>, b: Json, a: Json): void {
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (b[name] === undefined) emit("webhook-added", `\`${name}\``, "added");
    else if (a[name] === undefined) emit("webhook-removed", `\`${name}\``, "removed");
    else if (!same(b[name], a[name])) emit("sdk-webhook-changed", `\`${name}\``, "changed");
  }
}

function describeKeys(b: unknown, a: unknown): string {
  const xb = (b ?? {}) as Json;
  const xa = (a ?? {}) as Json;
  const keys = [...new Set([...Object.keys(xb), ...Object.keys(xa)])].filter((k) => !same(xb[k], xa[k]));
  const version = keys.includes("version") ? ` (version ${String(xb.version)} → ${String(xa.version)})` : "";
  return `${keys.join(", ")} changed${version}`;
}
