import { canonicalEqual as same } from "../canonical.js";
import { HTTP_METHODS } from "../spec-source.js";
import type { Surface } from "../surface.js";
import type { Emit } from "./changes.js";
import {
  belowStability,
  daysBetween,
  deprecationDays,
  deprecationVerdict,
  stabilityOf,
  stabilityRank,
  sunsetOf,
} from "./lifecycle.js";
import type { DriftOptions, StabilityLevel } from "./options.js";

type Json = Record<string, unknown>;

export interface Operation {
  key: string;
  path: string;
  method: string;
  /** The path in the old version, when only its parameter names changed (`/items/{id}` → `/items/{itemId}`). */
  pathBefore?: string;
  before?: Json;
  after?: Json;
  /** The whole path is gone in the new version (oasdiff's `api-path-removed-…`), not one operation of it. */
  pathRemoved?: boolean;
}

/** `/items/{id}` and `/items/{itemId}` have one shape: a path parameter renamed is the same endpoint. */
const shapeOf = (path: string) => path.replace(/\{[^}]*\}/g, "{}");

/**
 * Every operation of either version, by method and path. A path whose parameters were only renamed is matched
 * to its old self when the shape is unique on both sides, so it is compared, not removed and added.
 */
export function listOperations(before: Surface, after: Surface): Map<string, Operation> {
  const renamed = renamedPaths(Object.keys(before.paths), Object.keys(after.paths));
  const ops = new Map<string, Operation>();
  for (const [side, surface] of [
    ["before", before],
    ["after", after],
  ] as const) {
    for (const [rawPath, item] of Object.entries(surface.paths)) {
      const path = side === "before" ? (renamed.get(rawPath) ?? rawPath) : rawPath;
      for (const method of HTTP_METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const key = `${method.toUpperCase()} ${path}`;
        const entry = ops.get(key) ?? { key, path, method };
        entry[side] = op;
        if (side === "before" && path !== rawPath) entry.pathBefore = rawPath;
        if (side === "before" && !Object.hasOwn(after.paths, path)) entry.pathRemoved = true;
        ops.set(key, entry);
      }
    }
  }
  return new Map([...ops].sort(([x], [y]) => (x < y ? -1 : 1)));
}

function renamedPaths(before: string[], after: string[]): Map<string, string> {
  const kept = new Set(after);
  const byShape = (paths: string[]) => {
    const map = new Map<string, string[]>();
    for (const p of paths) map.set(shapeOf(p), [...(map.get(shapeOf(p)) ?? []), p]);
    return map;
  };
  const shapesB = byShape(before);
  const shapesA = byShape(after);
  const renamed = new Map<string, string>();
  for (const [shape, paths] of shapesB) {
    const targets = shapesA.get(shape);
    const [from] = paths;
    const [to] = targets ?? [];
    if (paths.length === 1 && targets?.length === 1 && from && to && from !== to && !kept.has(from))
      renamed.set(from, to);
  }
  return renamed;
}

/** The operation's stability, for the reporting threshold and the deprecation policy. */
export function operationStability(op: Operation): StabilityLevel | undefined | "invalid" {
  return stabilityOf((op.after ?? op.before ?? {}) as Json);
}

/** Below `--stability-level`: oasdiff does not report its changes (a draft or alpha operation may change freely). */
export function hiddenByStability(op: Operation, options: DriftOptions): boolean {
  const base = op.before ? stabilityOf(op.before) : undefined;
  const revision = op.after ? stabilityOf(op.after) : undefined;
  if (op.before && op.after) return belowStability(options, base) && belowStability(options, revision);
  return belowStability(options, op.before ? base : revision);
}

/** An operation added or removed; a removed one is judged by its deprecation and sunset date. */
export function compareExistence(emit: Emit, op: Operation, options: DriftOptions): void {
  if (!op.before) {
    emit("endpoint-added", "", "added");
    return;
  }
  if (op.after) return;
  const base = op.before;
  const kind = op.pathRemoved ? "api-path-removed" : "api-removed";
  if (base.deprecated !== true) {
    emit(`${kind}-without-deprecation`, "", "removed");
    return;
  }
  const sunset = sunsetOf(base);
  if (sunset.kind === "none") {
    emit(`${kind}-with-deprecation`, "", "removed (was deprecated)");
    return;
  }
  if (sunset.kind === "invalid") {
    emit("api-path-sunset-parse", "", `removed; its sunset ${sunset.text} is unreadable`);
    return;
  }
  if (daysBetween(options.today, sunset.date) > 0) {
    emit(`${kind}-before-sunset`, "", `removed before its sunset date ${sunset.date}`);
    return;
  }
  // Removed after its announced sunset: the deprecation ran its course (oasdiff reports nothing).
  emit("sdk-removed-after-sunset", "", `removed after its sunset date ${sunset.date}`);
}

/**
 * A path whose parameters were renamed (`/items/{id}` → `/items/{itemId}`): the same endpoint on the wire
 * (oasdiff reports nothing), compared as one; but the path key openapi-fetch calls it by changed, so every call
 * to it stops compiling (this project's rule, breaking).
 */
export function compareRename(emit: Emit, op: Operation): void {
  if (op.pathBefore === undefined) return;
  emit(
    "sdk-path-renamed",
    "",
    `path \`${op.pathBefore}\` → \`${op.path}\` (same endpoint; the path key the SDK calls it by changed)`,
  );
}

/** An operation in both versions: deprecated or reactivated, its sunset date moved, its stability changed. */
export function compareLifecycle(emit: Emit, op: Operation, options: DriftOptions): void {
  const b = op.before as Json;
  const a = op.after as Json;
  const sb = stabilityOf(b);
  const sa = stabilityOf(a);
  for (const [side, s, node] of [
    ["old", sb, b],
    ["new", sa, a],
  ] as const) {
    if (s === "invalid") {
      emit(
        "api-invalid-stability-level",
        "",
        `${side} x-stability-level ${JSON.stringify(node["x-stability-level"])} is not draft, alpha, beta or stable`,
      );
    }
  }
  if (sb !== "invalid" && sa !== "invalid" && (sb ?? "stable") !== (sa ?? "stable") && !belowStability(options, sb)) {
    const id = stabilityRank(sa) < stabilityRank(sb) ? "api-stability-decreased" : "api-stability-increased";
    emit(id, "", `stability ${sb ?? "stable"} → ${sa ?? "stable"}`);
  }
  if (b.deprecated !== true && a.deprecated === true) {
    if (sa === "invalid") return;
    const verdict = deprecationVerdict(a, options, deprecationDays(options, sa));
    if (verdict === null) emit("endpoint-deprecated", "", "deprecated");
    else if (verdict === "with-sunset")
      emit("endpoint-deprecated-with-sunset", "", `deprecated, sunset ${String(a["x-sunset"])}`);
    else if (verdict === "sunset-missing")
      emit("api-deprecated-sunset-missing", "", "deprecated without a sunset date");
    else if (verdict === "sunset-invalid")
      emit("api-deprecated-sunset-parse", "", `deprecated; sunset ${JSON.stringify(a["x-sunset"])} is unreadable`);
    else emit("api-sunset-date-too-small", "", `deprecated with sunset ${String(a["x-sunset"])}, too soon`);
  } else if (b.deprecated === true && a.deprecated !== true) emit("endpoint-reactivated", "", "no longer deprecated");
  else if (a.deprecated === true && !same(b["x-sunset"], a["x-sunset"]) && sa !== "invalid") {
    sunsetMoved(emit, b, a, options, deprecationDays(options, sa), {
      deleted: "sunset-deleted",
      parse: "api-path-sunset-parse",
      tooSmall: "api-sunset-date-changed-too-small",
    });
  }
}

/** The sunset date of something still deprecated: deleted, unreadable, or brought closer than the policy allows. */
export function sunsetMoved(
  emit: Emit,
  b: Json,
  a: Json,
  options: DriftOptions,
  days: number,
  ids: { deleted: string; parse: string; tooSmall: string },
  where = "",
): void {
  const before = sunsetOf(b);
  const after = sunsetOf(a);
  if (after.kind === "none") {
    if (before.kind !== "none") emit(ids.deleted, where, "sunset date removed while still deprecated");
    return;
  }
  if (before.kind === "none") return;
  if (after.kind === "invalid" || before.kind === "invalid") {
    const text = after.kind === "invalid" ? after.text : before.kind === "invalid" ? before.text : "";
    emit(ids.parse, where, `sunset ${text} is unreadable`);
    return;
  }
  if (after.date < before.date && daysBetween(options.today, after.date) < days) {
    emit(ids.tooSmall, where, `sunset ${before.date} → ${after.date}, under the ${days} days the policy asks`);
  }
}
