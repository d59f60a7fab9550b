import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BENCHES, SLOW_BENCHES } from "../../bench/lib/benches.js";
import { repoRoot } from "../../scripts/lib/config.js";

// Keeps the benchmarks from rotting: each one runs in --quick --json mode and must print one object of
// the agreed shape. No timing is asserted here: figures on a shared 2-core machine are not test material.
const run = promisify(execFile);

describe("benchmarks (--quick --json smoke runs)", () => {
  it("has a script for every bench that npm run bench runs (the list both read)", () => {
    for (const name of BENCHES) expect(existsSync(join(repoRoot, "bench", `${name}.ts`)), name).toBe(true);
  });

  const smoked = BENCHES.filter((name) => !SLOW_BENCHES.includes(name));
  it.each(smoked)("%s prints one JSON result with figures, checks and a table", { timeout: 240_000 }, async (name) => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", join(repoRoot, "bench", `${name}.ts`), "--quick", "--json"],
      { cwd: repoRoot, maxBuffer: 16 << 20, env: { ...process.env, LOYALTYDOG_SDK_ROOT: undefined } },
    );
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({ bench: name, quick: true });
    expect(typeof result.figures).toBe("object");
    for (const value of Object.values(result.figures as object)) {
      expect(["number", "string", "boolean"].includes(typeof value) || value === null).toBe(true);
    }
    const checks = result.checks as { name: unknown; target: unknown; measured: unknown; pass: unknown }[];
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) {
      expect(typeof c.name).toBe("string");
      expect(typeof c.target).toBe("string");
      expect(typeof c.measured).toBe("string");
      expect([true, false, null]).toContain(c.pass);
    }
    expect(Array.isArray(result.table)).toBe(true);
  });
});
