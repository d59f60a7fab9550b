// The drift classifier: compares what each operation sends and receives, with
// `$ref`s followed and `allOf` merged, so a refactor that changes nothing on the
// wire reports nothing. Component schemas reached by `$ref` on both sides are
// compared once per (old name, new name, direction), and their changes listed
// under the schema with the operations that reach it. Rules: operation-rules.ts
// and schema-rules.ts; levels: rules.ts; the result's lists: summary.ts.

import type { Surface } from "../surface.js";
import type { ChangeSubject, Emit, SpecChange, SurfaceDiff } from "./changes.js";
import { ChangeCollector } from "./collector.js";
import { compareComponents, compareDocument } from "./document-rules.js";
import {
  compareExistence,
  compareLifecycle,
  compareRename,
  hiddenByStability,
  listOperations,
} from "./endpoint-rules.js";
import { compareOperation } from "./operation-rules.js";
import { type DriftOptions, driftOptions } from "./options.js";
import { PairGraph } from "./pair-graph.js";
import { compareSchema, type SchemaPlace, type SchemaWalk } from "./schema-rules.js";
import { summarize } from "./summary.js";
import { unchangedNode, unchangedSchemas } from "./unchanged.js";

type Json = Record<string, unknown>;

export function classifyDrift(before: Surface, after: Surface, options: DriftOptions = driftOptions()): SurfaceDiff {
  const collector = new ChangeCollector();
  const graph = new PairGraph();
  const queue: { before: string; after: string; place: SchemaPlace }[] = [];
  const stable = unchangedSchemas(before, after);
  const walkFor = (parent: string): SchemaWalk => ({
    before,
    after,
    options,
    pair(b, a, place) {
      const key = PairGraph.key(b, a);
      graph.use(parent, key);
      if (b === a && stable.has(a)) return;
      // Once per way it is compared: direction, as a whole body or as a field, JSON or text, the stability.
      const visit = [key, place.direction, place.root, place.loose, place.stability].join("\u0000");
      if (graph.visited.has(visit)) return;
      graph.visited.add(visit);
      queue.push({ before: b, after: a, place });
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
    if (hiddenByStability(op, options)) {
      // A draft or alpha operation (below `--stability-level`): only leaving a reported level is news.
      if (op.before && op.after) compareLifecycle(emit, op, options);
      continue;
    }
    if (!op.before || !op.after) compareExistence(emit, op, options);
    else if (op.pathBefore !== undefined || !unchangedNode(op.before, op.after, stable)) {
      compareRename(emit, op);
      compareLifecycle(emit, op, options);
      compareOperation(walkFor(op.key), emit, op);
    }
  }

  const schemasB = (before.components?.schemas ?? {}) as Json;
  const schemasA = (after.components?.schemas ?? {}) as Json;
  while (queue.length > 0) {
    const { before: b, after: a, place } = queue.shift() as (typeof queue)[number];
    const key = PairGraph.key(b, a);
    const bound = collector.bind({ kind: "schema", name: a }, ["components", "schemas", a]);
    const emit: Emit = (rule, where, what) => {
      if (rule !== "sdk-documentation-changed" && rule !== "sdk-extension-changed") graph.changed.add(key);
      bound(rule, where, what);
    };
    const prefix = b === a ? "" : `(was \`${b}\`)`;
    compareSchema(walkFor(key), { ...place, prefix }, emit, schemasB[b] ?? {}, schemasA[a] ?? {});
  }

  const renames = compareComponents(collector, graph, before, after);
  compareDocument(collector, before, after);
  const changes = collector.list();
  attachUsage(changes, graph);
  return summarize(before, after, changes, renames);
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
