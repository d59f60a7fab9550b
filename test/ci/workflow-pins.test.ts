// Every third-party action in .github/workflows/ is pinned to a full commit SHA with its tag in a comment:
// a tag can be moved to other code, a SHA cannot. (actionlint, `npm run lint:workflows`, checks the rest.)
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";

const dir = join(repoRoot, ".github/workflows");
const workflows = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

describe("GitHub workflows", () => {
  it("exist (spec-drift, release, ci)", () => {
    expect(workflows).toEqual(expect.arrayContaining(["ci.yml", "release.yml", "spec-drift.yml"]));
  });

  it.each(workflows)("%s pins every action by SHA, with its version in a comment", (file) => {
    const uses = readFileSync(join(dir, file), "utf8")
      .split("\n")
      .map((line) => /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && !(m[1] as string).startsWith("./"));
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, rest] of uses) {
      expect(ref, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(rest, `${ref} in ${file}`).toMatch(/^\s+# v\d+\.\d+\.\d+/);
    }
  });
});
