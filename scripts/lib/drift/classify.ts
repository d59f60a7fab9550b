// The drift classifier: compares what each operation sends and receives, with
// `$ref`s followed and `allOf` merged, so a refactor that changes nothing on the
// wire reports nothing. Component schemas reached by `$ref` on both sides are
// compared once per (old name, new name, direction), and their changes listed
// under the schema with the operations that reach it. Rules: operation-rules.ts
// and schema-rules.ts; levels: rules.ts; the result's lists: summary.ts.

import { HTTP_METHODS } from "../spec-source.js";
import type { Surface } from "../surface.js";
import type { ChangeSubject, Emit, SpecChange, SurfaceDiff } from "./changes.js";
import { ChangeCollector } from "./collector.js";
import { compareComponents, compareDocument } from "./document-rules.js";
import { compareOperation } from "./operation-rules.js";
import { PairGraph } from "./pair-graph.js";
import { compareSchema, type Direction, type SchemaWalk } from "./schema-rules.js";
import { summarize } from "./summary.js";
import { unchangedNode, unchangedSchemas } from "./unchanged.js";

type Json = Record<string, unknown>;

interface Operation {
  key: string;
  path: string;
  method: string;
  before?: Json;
  after?: Json;
}

export function classifyDrift(before: Surface, after: Surface): SurfaceDiff {
  const collector = new ChangeCollector();
  const graph = new PairGraph();
  const queue: { before: string; after: string; direction: Direction }[] = [];
  const stable = unchangedSchemas(before, after);
  const walkFor = (parent: string): SchemaWalk => ({
    before,
    after,
    pair(b, a, direction) {
      const key = PairGraph.key(b, a);
      graph.use(parent, key);
      if (b === a && stable.has(a)) return;
      const visit = `${key}\u0000${direction}`;
      if (graph.visited.has(visit)) return;
      graph.visited.add(visit);
      queue.push({ before: b, after: a, direction });
    },
    expanded(names) {
      for (const name of names) graph.expanded.add(name);
    },
  });

  const operations = listOperations(before, after);
  for (const op of operations.values()) {
    const doc = op.after ?? op.before ?? {};
    const subject: ChangeSubject = {
      kind: "operation",
      method: op.method.toUpperCase(),
      path: op.path,
      operationId: String(doc.operationId ?? ""),
    };
    const emit = collector.bind(subject, ["paths", op.path, op.method]);
    if (!op.before) emit("endpoint-added", "", "added");
    else if (!op.after) {
      if (op.before.deprecated === true) emit("api-removed-with-deprecation", "", "removed (was deprecated)");
      else emit("api-removed-without-deprecation", "", "removed");
    } else if (!unchangedNode(op.before, op.after, stable))
      compareOperation(walkFor(op.key), emit, op.before, op.after);
  }

  const schemasB = (before.components?.schemas ?? {}) as Json;
  const schemasA = (after.components?.schemas ?? {}) as Json;
  while (queue.length > 0) {
    const { before: b, after: a, direction } = queue.shift() as (typeof queue)[number];
    const key = PairGraph.key(b, a);
    const bound = collector.bind({ kind: "schema", name: a }, ["components", "schemas", a]);
    const emit: Emit = (rule, where, what) => {
      if (rule !== "documentation-changed" && rule !== "extension-changed") graph.changed.add(key);
      bound(rule, where, what);
    };
    const prefix = b === a ? "" : `(was \`${b}\`)`;
    compareSchema(walkFor(key), { direction, root: "component", prefix }, emit, schemasB[b] ?? {}, schemasA[a] ?? {});
  }

  const renames = compareComponents(collector, graph, before, after);
  compareDocument(collector, before, after);
  const changes = collector.list();
  attachUsage(changes, graph);
  return summarize(before, after, changes, renames);
}

function listOperations(before: Surface, after: Surface): Map<string, Operation> {
  const ops = new Map<string, Operation>();
  for (const [side, surface] of [
    ["before", before],
    ["after", after],
  ] as const) {
    for (const [path, item] of Object.entries(surface.paths)) {
      for (const method of HTTP_METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const key = `${method.toUpperCase()} ${path}`;
        const entry = ops.get(key) ?? { key, path, method };
        entry[side] = op;
        ops.set(key, entry);
      }
    }
  }
  return new Map([...ops].sort(([x], [y]) => (x < y ? -1 : 1)));
}

/** A schema change names the operations it reaches, for the report and the "operations changed" list. */
function attachUsage(changes: SpecChange[], graph: PairGraph): void {
  const byName = new Map<string, string[]>();
  for (const key of graph.usedBy.keys()) {
    const name = key.split("\u0000")[1] as string;
    const keys = byName.get(name);
    if (keys) keys.push(key);
    else byName.set(name, [key]);
  }
  const cache = new Map<string, string[]>();
  for (const change of changes) {
    if (change.subject.kind !== "schema") continue;
    const name = change.subject.name;
    let ops = cache.get(name);
    if (!ops) {
      ops = [...new Set((byName.get(name) ?? []).flatMap((k) => graph.operationsReaching(k)))].sort();
      cache.set(name, ops);
    }
    if (ops.length > 0) change.usedBy = ops;
  }
}
