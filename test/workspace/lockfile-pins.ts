import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/config.js";

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * Exact versions, from this repo's package-lock.json, of `names` and everything they depend on: what a throwaway
 * consumer project puts in `overrides` (and its own dependencies) so its `npm install` resolves the versions this
 * repo tested, never whatever the registry has today. A package the lockfile holds at two versions in that closure is
 * pinned only where it is a direct dependency (an override applies to every copy); `ambiguous` lists those.
 */
export function lockfilePins(names: readonly string[]): { pins: Record<string, string>; ambiguous: string[] } {
  const lock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const versions = new Map<string, Set<string>>();
  const seen = new Set<string>();
  /** npm's lookup: the nearest node_modules/<name> walking up from the dependent's folder. */
  const locate = (name: string, from: string): string | undefined => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
      const path = `${dir ? `${dir}/` : ""}node_modules/${name}`;
      if (lock.packages[path]) return path;
      if (!dir) return undefined;
    }
  };
  const queue = names.map((name) => ({ name, from: "" }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const path = locate(next.name, next.from);
    if (!path || seen.has(path)) continue;
    seen.add(path);
    const entry = lock.packages[path] as LockEntry;
    if (!entry.version) continue;
    versions.set(next.name, (versions.get(next.name) ?? new Set()).add(entry.version));
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }))
      queue.push({ name: dep, from: path });
  }
  const pins: Record<string, string> = {};
  const ambiguous: string[] = [];
  for (const [name, found] of versions) {
    if (found.size === 1) pins[name] = [...found][0] as string;
    else ambiguous.push(name);
  }
  for (const name of names) {
    const direct = lock.packages[`node_modules/${name}`]?.version;
    if (!direct) throw new Error(`package-lock.json has no node_modules/${name}`);
    pins[name] = direct;
  }
  return { pins, ambiguous: ambiguous.filter((name) => !names.includes(name)).sort() };
}
