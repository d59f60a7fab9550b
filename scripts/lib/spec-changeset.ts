import { join } from "node:path";
import type { ChangeClass, OperationRef } from "./drift/changes.js";
import { subjectLabel } from "./drift/changes.js";
import type { DriftResult } from "./drift/check.js";
import { describeUnreviewed, type UnreviewedInput } from "./simulator-review.js";

/** A semver bump as Changesets writes it in a changeset's front matter. */
export type Bump = "major" | "minor" | "patch";

type Drift = Extract<DriftResult, { status: "drift" }>;

/** Lines per list in the changelog entry; the drift report (`spec:check -- --json`) always has all of them. */
const MAX_ITEMS = 50;

/**
 * What an accepted drift means for people who use the package: breaking when the classifier found a
 * breaking change or this repo's own code stopped compiling against the new types (either way a caller's
 * code can break), else non-breaking when anything but prose changed, else docs-only.
 */
function driftLevel(result: Drift): ChangeClass {
  if (result.counts.breaking > 0 || (result.compat?.errors.length ?? 0) > 0) return "breaking";
  if (result.counts["non-breaking"] > 0) return "non-breaking";
  return "docs-only";
}

/**
 * breaking → major, non-breaking → minor, docs-only → patch; while the version is 0.x a breaking change
 * is a minor (semver: anything may change before 1.0, and a 0.x major would mean 1.0.0 by accident).
 */
export function bumpFor(level: ChangeClass, version: string): Bump {
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major)) throw new Error(`package.json version ${JSON.stringify(version)} is not semver`);
  if (level === "breaking") return major === 0 ? "minor" : "major";
  return level === "non-breaking" ? "minor" : "patch";
}

export interface SpecChangeset {
  /** Relative to the repo root: `.changeset/upstream-spec-<first 12 of the new canonical sha256>.md`. */
  file: string;
  level: ChangeClass;
  bump: Bump;
  text: string;
}

/**
 * The changeset for an accepted drift: its front matter bumps the package by the drift's level, and its
 * text is the report's summary (the first line is the changelog bullet, the rest is indented under it):
 * counts, operations and schemas added / removed / changed, the breaking changes, and the compile errors
 * * that the SDK's code (compatScope: src/, demo/) had against the new types (fixed in the same pull request before it can merge),
 * and the inputs upstream added to operations the testing kit's simulator serves, which it accepts and ignores
 * until its table is reviewed (scripts/lib/simulator-review.ts): users of `@loyaltydog/sdk/testing` see it here.
 */
export function specChangeset(
  result: Drift,
  pkg: { name: string; version: string },
  simulatorInputs: readonly UnreviewedInput[] = [],
): SpecChangeset {
  const level = driftLevel(result);
  const bump = bumpFor(level, pkg.version);
  const { counts, diff, pin, upstream } = result;
  const versions =
    pin.infoVersion === upstream.infoVersion
      ? `${upstream.infoVersion ?? "unversioned"}, canonical sha256 ${short(pin.canonicalSha256)} → ${short(upstream.canonicalSha256)}`
      : `${pin.infoVersion ?? "unversioned"} → ${upstream.infoVersion ?? "unversioned"}`;
  const errors = result.compat?.errors ?? [];
  const total = counts.breaking + counts["non-breaking"] + counts["docs-only"];
  const lines = [
    `Upstream OpenAPI spec ${versions}${level === "breaking" ? " (**breaking**)" : ""}: ${total} change${total === 1 ? "" : "s"} ` +
      `(${counts.breaking} breaking, ${counts["non-breaking"]} non-breaking, ${counts["docs-only"]} docs-only); types and operation table regenerated.`,
    "",
  ];
  const op = (r: OperationRef) => `\`${r.method} ${r.path}\` (\`${r.operationId}\`)`;
  const list = (label: string, items: string[]) => {
    if (items.length > 0) lines.push(`- ${label} (${items.length}): ${capped(items).join(", ")}`);
  };
  list("Operations added", diff.operations.added.map(op));
  list("Operations removed", diff.operations.removed.map(op));
  list("Operations changed", diff.operations.changed.map(op));
  list(
    "Schemas added",
    diff.schemas.added.map((n) => `\`${n}\``),
  );
  list(
    "Schemas removed",
    diff.schemas.removed.map((n) => `\`${n}\``),
  );
  list(
    "Schemas changed",
    diff.schemas.changed.map((n) => `\`${n}\``),
  );
  const breaking = diff.changes.filter((c) => c.class === "breaking");
  if (breaking.length > 0) {
    lines.push(`- Breaking changes (${breaking.length}):`);
    for (const c of capped(
      breaking.map((c) => `\`${subjectLabel(c.subject)}\`${c.where ? ` ${c.where}` : ""}: ${c.what}`),
    ))
      lines.push(`  - ${c}`);
  }
  if (errors.length > 0) {
    lines.push(
      `- Compile errors the new types caused in the SDK's own code, fixed in this release (${errors.length}):`,
    );
    for (const e of capped(errors)) lines.push(`  - \`${e.replaceAll("`", "'")}\``);
  }
  if (simulatorInputs.length > 0) {
    lines.push(`- Testing kit simulator (${simulatorInputs.length}):`);
    for (const entry of capped(simulatorInputs.map(describeUnreviewed))) lines.push(`  - ${entry}`);
  }
  const text = `---\n${JSON.stringify(pkg.name)}: ${bump}\n---\n\n${lines.join("\n").trimEnd()}\n`;
  return { file: join(".changeset", `upstream-spec-${short(upstream.canonicalSha256)}.md`), level, bump, text };
}

function capped(items: string[]): string[] {
  return items.length <= MAX_ITEMS ? items : [...items.slice(0, MAX_ITEMS), `… and ${items.length - MAX_ITEMS} more`];
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
