import { expect, it } from "vitest";
import { runTs } from "../support/run-child.js";

// `npm run demo -- --help` is a newcomer's first question: usage, not Node's ERR_PARSE_ARGS stack trace.
it("--help (and -h) prints the usage and exits 0, before starting anything", async () => {
  const [help, short] = await Promise.all([runTs("demo/run-demo.ts", ["--help"]), runTs("demo/run-demo.ts", ["-h"])]);
  for (const result of [help, short]) {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: npm run demo \[-- --out-dir DIR\]/);
    expect(result.stdout).toContain("LOYALTYDOG_TOKEN");
    expect(result.stdout).not.toContain("against the task simulator"); // the demo itself did not run
  }
}, 60_000);

it("an unknown option or a stray argument: one clear line and the way to the usage, exit 2, no stack trace", async () => {
  const [typo, stray] = await Promise.all([
    runTs("demo/run-demo.ts", ["--ouput-dir", "x"]),
    runTs("demo/run-demo.ts", ["extra"]),
  ]);
  for (const result of [typo, stray]) {
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^demo: .+\n\(run npm run demo -- --help for usage\)\n$/);
    expect(result.stderr).not.toMatch(/ERR_PARSE_ARGS|\n\s+at /);
  }
  expect(typo.stderr).toContain("'--ouput-dir'");
  expect(stray.stderr).toContain("'extra'");
}, 60_000);
