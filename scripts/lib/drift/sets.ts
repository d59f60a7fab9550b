/** What a list of names gained and lost between two versions. */
export function setDiff(b: readonly string[], a: readonly string[]) {
  const sb = new Set(b);
  const sa = new Set(a);
  return { added: a.filter((x) => !sb.has(x)), removed: b.filter((x) => !sa.has(x)) };
}

/** The strings of a JSON array (anything else: none). */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
