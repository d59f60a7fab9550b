/** What a change means for code that calls the API through this SDK. */
export type ChangeClass = "breaking" | "non-breaking" | "docs-only";

export const CHANGE_CLASSES: readonly ChangeClass[] = ["breaking", "non-breaking", "docs-only"];

export interface OperationRef {
  method: string;
  path: string;
  operationId: string;
}

export type ChangeSubject =
  | ({ kind: "operation" } & OperationRef)
  | { kind: "schema"; name: string }
  | { kind: "spec"; name: string };

export interface SpecChange {
  /** Stable rule id (oasdiff's where it has one; see scripts/lib/drift/rules.ts). */
  rule: string;
  class: ChangeClass;
  subject: ChangeSubject;
  /** The part of the subject that changed, e.g. "query parameter `limit`", "response field `status`"; "" for the subject itself. */
  where: string;
  /** The change in words, e.g. "removed", "type changed: string → integer". */
  what: string;
  /** JSON pointer into the surface (the new one, or the old one for a removal). */
  pointer: string;
  /** For a schema change: `METHOD /path` of the operations that reach the schema. */
  usedBy?: string[];
}

export interface SchemaRename {
  from: string;
  to: string;
}

/** Everything the classifier found between the pinned surface and the upstream one. */
export interface SurfaceDiff {
  operations: { added: OperationRef[]; removed: OperationRef[]; changed: OperationRef[] };
  /** Component schema names (the SDK's exported type names); `renamed` means the same structure under a new name. */
  schemas: { added: string[]; removed: string[]; renamed: SchemaRename[]; changed: string[] };
  changes: SpecChange[];
}

/** Reports one change at the step it is bound to: `emit(rule, where, what)`. */
export type Emit = (rule: string, where: string, what: string) => void;

export function subjectLabel(subject: ChangeSubject): string {
  if (subject.kind === "operation") return `${subject.method} ${subject.path}`;
  if (subject.kind === "schema") return `schema ${subject.name}`;
  return subject.name;
}

export function countByClass(changes: readonly SpecChange[]): Record<ChangeClass, number> {
  const counts: Record<ChangeClass, number> = { breaking: 0, "non-breaking": 0, "docs-only": 0 };
  for (const change of changes) counts[change.class]++;
  return counts;
}
