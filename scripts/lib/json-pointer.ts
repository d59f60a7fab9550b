/**
 * RFC 6901 JSON pointers, the one implementation for all of scripts/: `$ref`
 * targets, drift report locations, schema names taken from refs.
 */

/** One reference token unescaped: `~1` is `/`, `~0` is `~` (in that order, so `~01` stays `~1`). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `/a/b~1c` → ["a", "b/c"]; "" → []. A leading `#` (URI fragment form) is accepted. */
export function decodePointer(pointer: string): string[] {
  const body = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (body === "") return [];
  return body.slice(1).split("/").map(unescapeToken);
}

export function encodePointer(tokens: readonly string[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join("");
}

/** The value at `tokens` under `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, tokens: readonly string[]): unknown {
  let node = root;
  for (const token of tokens) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Follows a local `$ref` ("#/..."); undefined when it points nowhere or is not local. */
export function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/") && ref !== "#") return undefined;
  return valueAt(root, decodePointer(ref));
}

const SCHEMA_REF = "#/components/schemas/";

/** The component name a schema `$ref` points at, or undefined for any other ref. */
export function schemaRefName(ref: unknown): string | undefined {
  if (typeof ref !== "string" || !ref.startsWith(SCHEMA_REF)) return undefined;
  const rest = ref.slice(SCHEMA_REF.length);
  return rest.includes("/") ? undefined : unescapeToken(rest);
}

export function schemaRef(name: string): string {
  return `${SCHEMA_REF}${escapeToken(name)}`;
}
