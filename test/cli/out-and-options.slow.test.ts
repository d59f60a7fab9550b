import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliWorld, startCliWorld } from "../support/cli-world.js";
import { runTs } from "../support/run-child.js";

// Every way `--out` can be unusable, found before the export starts (no request reaches the simulator), and
// option typos reported as such. A child process per case (tsx start-up each): too slow for `npm test`.
const CLI = "src/cli/main.ts";
let world: CliWorld;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  world = await startCliWorld({ tasks: { pollsToComplete: 0 } });
  ({ dir, env } = world);
});
afterAll(() => world.close());

describe("--out is checked before anything is sent", () => {
  it("an existing directory, a missing or non-directory parent, an unwritable one: exit 2, one clear line each", async () => {
    const before = world.sim.requests.length;
    const file = join(dir, "a-file.txt");
    writeFileSync(file, "x");
    // As root every directory is writable (and /sys, the read-only mount at hand, is refused as not storage).
    const root = process.getuid?.() === 0;
    const readOnly = join(dir, "read-only");
    mkdirSync(readOnly, { mode: 0o555 });
    const cases = [
      [dir, "is a directory; give the file to write"],
      [join(dir, "missing", "x.csv"), `the directory ${join(dir, "missing")} does not exist`],
      [join(file, "x.csv"), `${file} is not a directory`],
      [join(file, "sub", "x.csv"), `${join(file, "sub")} is not a directory (a file is in its path)`],
      // Node's recursive mkdir spins forever on procfs; the check refuses /proc and /sys before anything.
      ["/proc/nope/x.csv", "/proc/nope is in /proc, the kernel's view of the system, not storage"],
      ["/sys/x.csv", "/sys is in /sys"],
      ...(root ? [] : [[join(readOnly, "x.csv"), `cannot write in ${readOnly} (`] as const]),
    ] as const;
    const results = await Promise.all(
      cases.flatMap(([out]) => [
        runTs(CLI, ["audit-logs", "export", "--out", out], env),
        runTs(CLI, ["tasks", "wait", "some-task", "--out", out], env),
      ]),
    );
    for (const [index, result] of results.entries()) {
      const [out, message] = cases[Math.floor(index / 2)] as readonly [string, string];
      expect(result.code, out).toBe(2);
      expect(result.stderr).toMatch(/^error: UsageError: --out /m);
      expect(result.stderr).toContain(message);
    }
    expect(world.sim.requests.length).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith(".loyaltydog-write-test"))).toEqual([]);
  });

  it("a misspelled option is reported as unknown (with a suggestion), not as a missing --out", async () => {
    const result = await runTs(CLI, ["audit-logs", "export", "--form", "2026-01-01"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--form'/);
    expect(result.stderr).toContain("--from");
    expect(result.stderr).not.toContain("--out");
    const missing = await runTs(CLI, ["audit-logs", "export", "--from", "2026-01-01"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: UsageError: --out <file> is required/m);
  });
});
