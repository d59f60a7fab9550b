/**
 * Ids for path parameters, taken from list answers the check already received, never invented: the value of
 * `{programId}` in `/v2/loyalty/programs/{programId}/…` comes from the first item `GET /v2/loyalty/programs`
 * answered (its `programId`, else its `id` or `_id`), and so on down the path. An operation whose ids cannot be
 * found this way is skipped, with the parameter that was missing.
 */

/** The first item of a list answer: the array itself, or the first array among the object's fields. */
export function firstItem(body: unknown): unknown {
  if (Array.isArray(body)) return body[0];
  if (body && typeof body === "object") {
    const lists = Object.values(body).filter((value): value is unknown[] => Array.isArray(value) && value.length > 0);
    return lists[0]?.[0];
  }
  return undefined;
}

function idIn(item: unknown, param: string): string | undefined {
  if (typeof item === "string" || typeof item === "number") return String(item) || undefined;
  if (!item || typeof item !== "object") return undefined;
  const record = item as Record<string, unknown>;
  const snake = param.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  for (const key of [param, snake, "id", "_id"]) {
    const value = record[key];
    if ((typeof value === "string" && value !== "") || typeof value === "number") return String(value);
  }
  return undefined;
}

export class PathIds {
  /** The first item of each list answer, by the list's path template. */
  readonly #firstItems = new Map<string, unknown>();

  /** Remembers what a list (a GET at `path`) answered, for the operations under it. */
  learn(path: string, body: unknown): void {
    const item = firstItem(body);
    if (item !== undefined) this.#firstItems.set(path, item);
  }

  /** The path parameters of `path`, or the first one no list answer supplied. */
  resolve(path: string): { params: Record<string, string> } | { missing: string } {
    const params: Record<string, string> = {};
    const segments = path.split("/");
    for (const [index, segment] of segments.entries()) {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!name) continue;
      const list = segments.slice(0, index).join("/");
      const value = idIn(this.#firstItems.get(list), name);
      if (value === undefined) return { missing: name };
      params[name] = value;
    }
    return { params };
  }
}
