import { encodePointer } from "../json-pointer.js";
import { type ChangeClass, type ChangeSubject, type Emit, type SpecChange, subjectLabel } from "./changes.js";
import { classOf, rule } from "./rules.js";

const CLASS_ORDER: Record<ChangeClass, number> = { breaking: 0, "non-breaking": 1, "docs-only": 2 };

/** Collects changes, one per (subject, where, rule, what); each step gets its own bound `emit`. */
export class ChangeCollector {
  private readonly changes = new Map<string, SpecChange>();

  /** An `emit` that files changes under `subject`, pointing at `pointer` (tokens into the surface). */
  bind(subject: ChangeSubject, pointer: readonly string[]): Emit {
    const at = encodePointer(pointer);
    return (id, where, what) => {
      const key = `${subjectLabel(subject)}|${where}|${id}|${what}`;
      if (this.changes.has(key)) return;
      this.changes.set(key, { rule: id, class: classOf(rule(id).level), subject, where, what, pointer: at });
    };
  }

  list(): SpecChange[] {
    return [...this.changes.values()].sort(
      (a, b) =>
        CLASS_ORDER[a.class] - CLASS_ORDER[b.class] ||
        subjectLabel(a.subject).localeCompare(subjectLabel(b.subject)) ||
        a.where.localeCompare(b.where) ||
        a.what.localeCompare(b.what),
    );
  }
}
