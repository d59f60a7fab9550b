/** The graph of what reaches what: operations and schema pairs → the schema pairs they use. */
export class PairGraph {
  /** pair key → who uses it (operation keys "GET /x" or other pair keys). */
  readonly usedBy = new Map<string, Set<string>>();
  /** pair key → whether comparing it found a wire change (anything but docs). */
  readonly changed = new Set<string>();
  readonly visited = new Set<string>();
  /** Component names compared in place, inside another schema. */
  readonly expanded = new Set<string>();

  static key(before: string, after: string): string {
    return `${before}\u0000${after}`;
  }

  use(parent: string, child: string): void {
    let set = this.usedBy.get(child);
    if (!set) {
      set = new Set();
      this.usedBy.set(child, set);
    }
    set.add(parent);
  }

  /** Operations that reach the pair, directly or through other schemas. */
  operationsReaching(pair: string): string[] {
    const ops = new Set<string>();
    const seen = new Set<string>([pair]);
    const queue = [pair];
    while (queue.length > 0) {
      for (const parent of this.usedBy.get(queue.pop() as string) ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        if (parent.includes("\u0000")) queue.push(parent);
        else ops.add(parent);
      }
    }
    return [...ops].sort();
  }
}
