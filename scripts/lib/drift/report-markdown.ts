import { CHANGE_CLASSES, type ChangeClass, type OperationRef, type SpecChange, subjectLabel } from "./changes.js";
import type { DriftResult } from "./check.js";

/** Per-section cap, so the report stays one screen; `--json` always has everything. */
const MAX_ITEMS = 20;

const HEADINGS: Record<ChangeClass, string> = {
  breaking: "Breaking",
  "non-breaking": "Non-breaking",
  "docs-only": "Docs-only",
};

export interface RenderOptions {
  /** The exact command that accepts this drift (with `--source` when the check had one). */
  acceptCommand?: string;
}

export function renderMarkdown(result: DriftResult, options: RenderOptions = {}): string {
  if (result.status === "error" || result.status === "unchecked") {
    const [title, advice] =
      result.status === "error"
        ? ["compared", "the spec (or the check) is broken. Report it upstream, or fix the check."]
        : ["checked", "fix the source (network, URL, server) and run `npm run spec:check` again."];
    return [
      `## Upstream spec: could not be ${title}`,
      "",
      `Source \`${result.source}\`: ${result.reason}`,
      "",
      `This is neither drift nor in sync: ${advice}`,
      "",
    ].join("\n");
  }
  if (result.status === "in-sync") {
    return [
      "## Upstream spec: in sync",
      "",
      `\`${result.source}\` matches the pin (version ${result.pin.infoVersion}, canonical sha256 \`${short(result.pin.canonicalSha256)}\`; checked in ${seconds(result.ms)}).`,
      "",
    ].join("\n");
  }
  const { counts, diff, compat, pin, upstream } = result;
  const lines = [
    `## Upstream spec drift: ${counts.breaking} breaking · ${counts["non-breaking"]} non-breaking · ${counts["docs-only"]} docs-only`,
    "",
    `\`${result.source}\` (version ${upstream.infoVersion}, canonical sha256 \`${short(upstream.canonicalSha256)}\`) ` +
      `is not the pinned spec (version ${pin.infoVersion}, \`${short(pin.canonicalSha256)}\`; compared with ${result.baseline} in ${seconds(result.ms)}).`,
    "",
    ...compatLines(result),
    "|            | added | removed | changed |",
    "| ---------- | ----: | ------: | ------: |",
    `| operations | ${diff.operations.added.length} | ${diff.operations.removed.length} | ${diff.operations.changed.length} |`,
    `| schemas    | ${diff.schemas.added.length} | ${diff.schemas.removed.length} | ${diff.schemas.changed.length} |`,
    ...(diff.schemas.renamed.length > 0
      ? ["", `Schemas renamed (same structure): ${diff.schemas.renamed.length}.`]
      : []),
    "",
  ];
  for (const cls of CHANGE_CLASSES) {
    const changes = diff.changes.filter((c) => c.class === cls);
    if (changes.length === 0) continue;
    lines.push(`### ${HEADINGS[cls]} (${changes.length})`, "", ...capped(changes.map(changeLine)), "");
  }
  if (diff.changes.length === 0) {
    lines.push("The canonical hash differs but the comparison found no change (please report this as a bug).", "");
  }
  const ops = (refs: OperationRef[]) => refs.map((r) => `\`${r.method} ${r.path}\` (\`${r.operationId}\`)`);
  for (const [label, refs] of [
    ["Operations added", diff.operations.added],
    ["Operations removed", diff.operations.removed],
    ["Operations changed", diff.operations.changed],
  ] as const) {
    if (refs.length > 0)
      lines.push(
        `<details><summary>${label} (${refs.length})</summary>`,
        "",
        ...capped(ops(refs).map((o) => `- ${o}`)),
        "",
        "</details>",
        "",
      );
  }
  for (const [label, names] of [
    ["Schemas added", diff.schemas.added],
    ["Schemas removed", diff.schemas.removed],
    ["Schemas changed", diff.schemas.changed],
  ] as const) {
    if (names.length > 0) lines.push(`**${label}:** ${names.map((n) => `\`${n}\``).join(", ")}`, "");
  }
  if (diff.schemas.renamed.length > 0) {
    const renames = diff.schemas.renamed.map((r) => `\`${r.from}\` → \`${r.to}\``);
    lines.push(`**Schemas renamed:** ${renames.join(", ")} (the exported type name changed, nothing on the wire)`, "");
  }
  lines.push(
    `**What to do.** Accept the drift with \`${options.acceptCommand ?? "npm run spec:accept"}\` (pin, \`generated/\` and a changeset) and review the diff of \`generated/\`. ` +
      "*Breaking*: fix what the compatibility section lists in the same pull request; the changeset is a major (a minor pre-1.0). " +
      "*Non-breaking*: accept; consider wrapping new operations. *Docs-only*: accept as is.",
    "",
  );
  if (compat === null) lines.push("_SDK compatibility not checked (`--no-compat`)._", "");
  return lines.join("\n");
}

function compatLines(result: Extract<DriftResult, { status: "drift" }>): string[] {
  const { compat } = result;
  if (compat === null) return [];
  const timing = `${compat.compiler} on ${compat.scope.map((s) => `${s}/`).join(", ")}, ${seconds(compat.ms)}`;
  if (compat.errors.length === 0) {
    return [
      `**SDK compatibility: ✅ compiles.** The SDK's code type-checks against types generated from the new spec (${timing}).`,
      "",
    ];
  }
  return [
    `**SDK compatibility: ❌ ${compat.errors.length} compiler error${compat.errors.length > 1 ? "s" : ""}** in the SDK's code against types generated from the new spec (${timing}):`,
    "",
    "```text",
    ...capped(compat.errors),
    "```",
    "",
  ];
}

function changeLine(change: SpecChange): string {
  const subject =
    change.subject.kind === "operation" && change.subject.operationId
      ? `\`${subjectLabel(change.subject)}\` (\`${change.subject.operationId}\`)`
      : `\`${subjectLabel(change.subject)}\``;
  const where = change.where ? ` ${change.where}` : "";
  const used = change.usedBy?.length ? `, used by ${usedBy(change.usedBy)}` : "";
  return `- ${subject}${where}: ${change.what}${used} \`${change.rule}\``;
}

function usedBy(ops: readonly string[]): string {
  const shown = ops.slice(0, 2).map((o) => `\`${o}\``);
  return ops.length > 2 ? `${shown.join(", ")} +${ops.length - 2} more` : shown.join(", ");
}

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_ITEMS) return lines;
  return [
    ...lines.slice(0, MAX_ITEMS),
    `- … and ${lines.length - MAX_ITEMS} more (\`npm run spec:check -- --json\` lists all)`,
  ];
}

function short(hash: string): string {
  return hash.slice(0, 12);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
