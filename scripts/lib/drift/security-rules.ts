import { canonicalJson, canonicalEqual as same } from "../canonical.js";
import type { Emit } from "./changes.js";
import { setDiff, strings } from "./sets.js";

type Json = Record<string, unknown>;

/**
 * Security requirements are alternatives. One with the same schemes on both sides whose scopes changed is that
 * (a scope added or removed), not a requirement removed and another added. oasdiff rates all of it INFO: who may
 * call is the server's to decide, and the SDK's calls stay the same.
 */
export function securityRules(emit: Emit, prefix: "api-security" | "api-global-security", b: unknown, a: unknown) {
  if (b === undefined && a === undefined) return;
  const requirements = (v: unknown) => (Array.isArray(v) ? (v as Json[]) : []);
  const keyOf = (r: Json) => Object.keys(r).sort().join(" + ");
  const byKey = (list: Json[]) => new Map(list.map((r) => [keyOf(r), r]));
  const rb = byKey(requirements(b));
  const ra = byKey(requirements(a));
  for (const [key, req] of rb) {
    const other = ra.get(key);
    if (!other) {
      emit(`${prefix}-removed`, "", `security requirement ${canonicalJson(req)} removed`);
      continue;
    }
    for (const scheme of Object.keys(req)) {
      const { added, removed } = setDiff(strings(req[scheme]), strings(other[scheme]));
      for (const scope of added) emit(`${prefix}-scope-added`, "", `scope \`${scope}\` of \`${scheme}\` added`);
      for (const scope of removed) emit(`${prefix}-scope-removed`, "", `scope \`${scope}\` of \`${scheme}\` removed`);
    }
  }
  for (const [key, req] of ra) {
    if (!rb.has(key)) emit(`${prefix}-added`, "", `security requirement ${canonicalJson(req)} added`);
  }
}

/**
 * A security scheme in `components.securitySchemes`: added, removed, its type changed, and (as oasdiff reads it)
 * the implicit OAuth flow's URLs and scopes. Anything else about a scheme is this project's
 * `sdk-security-scheme-changed`.
 */
export function securitySchemeRules(emit: Emit, name: string, b: Json | undefined, a: Json | undefined): void {
  const where = `\`${name}\``;
  if (!b) {
    emit("api-security-component-added", where, "added");
    return;
  }
  if (!a) {
    emit("api-security-component-removed", where, "removed");
    return;
  }
  let told = false;
  const say = (id: string, what: string) => {
    told = true;
    emit(id, where, what);
  };
  if (b.type !== a.type) say("api-security-component-type-changed", `type ${String(b.type)} → ${String(a.type)}`);
  const flow = (s: Json) => ((s.flows as Json | undefined)?.implicit ?? {}) as Json;
  const fb = flow(b);
  const fa = flow(a);
  if (!same(fb.authorizationUrl, fa.authorizationUrl))
    say("api-security-component-oauth-url-changed", "authorization URL changed");
  if (!same(fb.tokenUrl, fa.tokenUrl)) say("api-security-component-oauth-token-url-changed", "token URL changed");
  const sb = (fb.scopes ?? {}) as Json;
  const sa = (fa.scopes ?? {}) as Json;
  for (const scope of new Set([...Object.keys(sb), ...Object.keys(sa)])) {
    if (!Object.hasOwn(sb, scope)) say("api-security-component-oauth-scope-added", `scope \`${scope}\` added`);
    else if (!Object.hasOwn(sa, scope)) say("api-security-component-oauth-scope-removed", `scope \`${scope}\` removed`);
    else if (!same(sb[scope], sa[scope]))
      say("api-security-component-oauth-scope-changed", `scope \`${scope}\` changed`);
  }
  // What oasdiff does not read: the rest of the scheme, other flows, the implicit flow's other keys.
  const rest = (s: Json) => {
    const implicit = { ...((s.flows as Json | undefined)?.implicit as Json | undefined) };
    delete implicit.authorizationUrl;
    delete implicit.tokenUrl;
    delete implicit.scopes;
    return { ...s, type: undefined, flows: { ...((s.flows ?? {}) as Json), implicit } };
  };
  // A new type brings its own keys (`in`, `scheme`, …): that is the type change.
  if (b.type !== a.type) return;
  if (!same(rest(b), rest(a)) || (!told && !same(b, a))) emit("sdk-security-scheme-changed", where, "changed");
}
