import { HTTP_METHODS } from "../spec-source.js";
import type { Surface } from "../surface.js";
import type { OperationRef, SchemaRename, SpecChange, SurfaceDiff } from "./changes.js";

type Json = Record<string, unknown>;

/** The rules an operation's removal carries (endpoint-rules.ts): by deprecation, sunset, and whether its path went too. */
const REMOVALS = /^(api-removed-|api-path-removed-|sdk-removed-after-sunset$)/;
const removal = (c: SpecChange) =>
  REMOVALS.test(c.rule) || (c.rule === "api-path-sunset-parse" && c.what.startsWith("removed"));

/** The lists of the result: operations added, removed and changed (directly or through a schema), schema names. */
export function summarize(
  before: Surface,
  after: Surface,
  changes: SpecChange[],
  renames: SchemaRename[],
): SurfaceDiff {
  const refs = new Map<string, OperationRef>();
  for (const surface of [before, after]) {
    for (const [path, item] of Object.entries(surface.paths)) {
      for (const method of HTTP_METHODS) {
        const op = item[method] as Json | undefined;
        if (op)
          refs.set(`${method.toUpperCase()} ${path}`, {
            method: method.toUpperCase(),
            path,
            operationId: String(op.operationId ?? ""),
          });
      }
    }
  }
  const added = new Set<string>();
  const removed = new Set<string>();
  const changed = new Set<string>();
  const schemas = { added: new Set<string>(), removed: new Set<string>(), changed: new Set<string>() };
  for (const c of changes) {
    if (c.subject.kind === "operation") {
      const key = `${c.subject.method} ${c.subject.path}`;
      if (c.rule === "endpoint-added") added.add(key);
      else if (removal(c)) removed.add(key);
      else changed.add(key);
    } else if (c.subject.kind === "schema") {
      if (c.rule === "sdk-api-schema-added") schemas.added.add(c.subject.name);
      else if (c.rule === "api-schema-removed") schemas.removed.add(c.subject.name);
      else if (c.rule !== "sdk-api-schema-renamed") {
        schemas.changed.add(c.subject.name);
        for (const op of c.usedBy ?? []) changed.add(op);
      }
    }
  }
  const list = (keys: Iterable<string>) =>
    [...keys].sort().flatMap((k) => {
      const ref = refs.get(k);
      return ref ? [ref] : [];
    });
  return {
    operations: {
      added: list(added),
      removed: list(removed),
      changed: list([...changed].filter((k) => !added.has(k) && !removed.has(k))),
    },
    schemas: {
      added: [...schemas.added].sort(),
      removed: [...schemas.removed].sort(),
      renamed: renames.sort((x, y) => x.from.localeCompare(y.from)),
      changed: [...schemas.changed].sort(),
    },
    changes,
  };
}
