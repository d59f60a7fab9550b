import { resolveLocalRef } from "./json-pointer.js";

/** A spec whose `$ref`s cannot be followed: one that points nowhere, or a loop of refs that never reaches a definition. */
export class SpecRefError extends Error {
  override name = "SpecRefError";
  readonly kind: "dangling-ref" | "ref-cycle";
  readonly ref: string;
  constructor(kind: "dangling-ref" | "ref-cycle", ref: string, message: string) {
    super(message);
    this.kind = kind;
    this.ref = ref;
  }
}

/**
 * Checks every local `$ref` in the document (outside examples and `x-` extensions):
 * its target exists, and following a chain of refs reaches something that is not
 * itself only a ref. Throws SpecRefError naming the first offender. A ref from a
 * schema into itself through properties (a tree type) is fine; `A: {$ref: B}`,
 * `B: {$ref: A}` is not, nor a parameter that is a `$ref` to itself.
 */
export function assertRefsResolve(doc: unknown): void {
  const checked = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") followChain(doc, value, checked);
      else if (key.startsWith("x-") || key === "example" || key === "examples" || key === "default") continue;
      else visit(value);
    }
  };
  visit(doc);
}

function followChain(doc: unknown, start: string, checked: Set<string>): void {
  if (!start.startsWith("#")) return; // external refs are the loader's business
  const chain: string[] = [];
  let ref: string | undefined = start;
  while (ref !== undefined && !checked.has(ref)) {
    if (chain.includes(ref)) {
      throw new SpecRefError("ref-cycle", ref, `$ref cycle: ${[...chain.slice(chain.indexOf(ref)), ref].join(" → ")}`);
    }
    chain.push(ref);
    const target = resolveLocalRef(doc, ref);
    if (target === undefined) {
      throw new SpecRefError(
        "dangling-ref",
        ref,
        `dangling $ref: ${ref} does not exist${chain.length > 1 ? ` (reached from ${chain[0]})` : ""}`,
      );
    }
    const next: unknown = (target as { $ref?: unknown } | null)?.$ref;
    ref = typeof next === "string" && next.startsWith("#") ? next : undefined;
  }
  for (const r of chain) checked.add(r);
}
