import { schemaRefName } from "../json-pointer.js";
import type { Surface } from "../surface.js";

type Json = Record<string, unknown>;

/**
 * Component schemas identical in both versions, down to every schema they reach.
 * Comparing one of those can find nothing, so the classifier skips it: on a large
 * spec where a few schemas changed, this is most of the work saved. Surfaces are
 * canonical (keys sorted), so equal text is equal content.
 */
export function unchangedSchemas(before: Surface, after: Surface): Set<string> {
  const sb = (before.components?.schemas ?? {}) as Json;
  const sa = (after.components?.schemas ?? {}) as Json;
  const refs = new Map<string, string[]>();
  const unstable: string[] = [];
  for (const name of Object.keys(sa)) {
    const text = JSON.stringify(sa[name]);
    refs.set(name, refsIn(sa[name]));
    if (!Object.hasOwn(sb, name) || JSON.stringify(sb[name]) !== text) unstable.push(name);
  }
  // Unstable spreads to every schema that refers to an unstable one.
  const referrers = new Map<string, string[]>();
  for (const [name, targets] of refs) {
    for (const t of targets) {
      const list = referrers.get(t);
      if (list) list.push(name);
      else referrers.set(t, [name]);
    }
  }
  const changed = new Set<string>();
  while (unstable.length > 0) {
    const name = unstable.pop() as string;
    if (changed.has(name)) continue;
    changed.add(name);
    unstable.push(...(referrers.get(name) ?? []));
  }
  // A name that is only in `before` is gone: whatever referred to it has changed text, so it is unstable already.
  return new Set([...refs.keys()].filter((n) => !changed.has(n)));
}

export function refsIn(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const child of node) refsIn(child, into);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref") {
        const name = schemaRefName(value);
        if (name !== undefined) into.push(name);
      } else refsIn(value, into);
    }
  }
  return into;
}

/** An operation (or anything else) identical in both versions that reaches only unchanged schemas. */
export function unchangedNode(before: unknown, after: unknown, stable: ReadonlySet<string>): boolean {
  return JSON.stringify(before) === JSON.stringify(after) && refsIn(after).every((n) => stable.has(n));
}
