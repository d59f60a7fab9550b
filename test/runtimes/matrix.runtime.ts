/**
 * `npm run test:runtimes`: the conformance script (conformance.ts) through
 * the built main entry in every runtime, one test per runtime row, each
 * against its own simulator on 127.0.0.1. Then the self-check: the same rows
 * on a deliberately broken build (a `node:fs` import injected) must all be
 * red, or the matrix could not fail. A missing runtime is a red row, not a skip.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/run-child.js";
import { type Artifacts, assertBuilt, BROKEN_PRELUDE, buildArtifacts, packageEntries } from "./harness/build.js";
import { nodeBuiltinImports } from "./harness/import-graph.js";
import { recordRow } from "./harness/rows.js";
import { type RunOutcome, runChromium, runNodeLike, runWorkerd, version } from "./harness/runners.js";
import { startPlannedSimulator, wireProblems } from "./harness/simulator-plan.js";
import { TOOLCHAIN } from "./harness/toolchain.js";

interface Runtime {
  name: string;
  version(): string;
  run(
    artifacts: Artifacts,
    planned: Awaited<ReturnType<typeof startPlannedSimulator>>,
    build: string,
  ): Promise<RunOutcome>;
  cors?: boolean;
}

const SCREENSHOT = join(REPO_ROOT, "test-results", "browser-conformance.png");

const RUNTIMES: Runtime[] = [
  {
    name: "node 20",
    version: () => process.version,
    run: (a, p) => runNodeLike("node", process.execPath, a, p),
  },
  {
    name: "node 22",
    version: () => version(TOOLCHAIN.node22),
    run: (a, p) => runNodeLike("node", TOOLCHAIN.node22, a, p),
  },
  {
    name: "node 24",
    version: () => version(TOOLCHAIN.node24),
    run: (a, p) => runNodeLike("node", TOOLCHAIN.node24, a, p),
  },
  {
    name: "bun",
    version: () => `bun ${version(TOOLCHAIN.bun)}`,
    run: (a, p) => runNodeLike("bun", TOOLCHAIN.bun, a, p),
  },
  { name: "deno", version: () => version(TOOLCHAIN.deno), run: (a, p) => runNodeLike("deno", TOOLCHAIN.deno, a, p) },
  { name: "workerd", version: () => version(TOOLCHAIN.workerd), run: (a, p) => runWorkerd(a, p) },
  {
    name: "chromium",
    version: () => version(TOOLCHAIN.chromium),
    run: (a, p, build) => runChromium(a, p, build === "good" ? SCREENSHOT : undefined),
    cors: true,
  },
];

let good: Artifacts;
let broken: Artifacts;

beforeAll(async () => {
  assertBuilt();
  good = await buildArtifacts("good");
  broken = await buildArtifacts("broken");
});

/** Runs one row and records it; returns every problem found (none: green). */
async function row(runtime: Runtime, build: "good" | "broken"): Promise<string[]> {
  const started = Date.now();
  const problems: string[] = [];
  let runtimeVersion = "unknown";
  let notes: Record<string, string> | undefined;
  try {
    runtimeVersion = runtime.version();
    const planned = await startPlannedSimulator({ cors: runtime.cors ?? false });
    try {
      const outcome = await runtime.run(build === "good" ? good : broken, planned, build);
      if (!outcome.report)
        problems.push(`no report: ${firstError(outcome.output)}\n${outcome.output.trim().slice(-1500)}`);
      else {
        for (const step of outcome.report.steps) if (!step.ok) problems.push(`${step.step}: ${step.detail}`);
        problems.push(...wireProblems(planned));
        notes = outcome.report.environment;
      }
    } finally {
      await planned.close();
    }
  } catch (error) {
    problems.push(String(error));
  }
  const ms = Date.now() - started;
  recordRow({
    runtime: runtime.name,
    version: runtimeVersion,
    build,
    pass: problems.length === 0,
    ms,
    why: problems[0] ?? "",
    ...(notes ? { notes } : {}),
  });
  return problems;
}

/** The line that says what went wrong, for the one-line summary. */
function firstError(output: string): string {
  return (
    output
      .split("\n")
      .find((l) => /error|enoent|denied|uncaught|exited/i.test(l))
      ?.trim() ??
    output.trim().split("\n")[0] ??
    ""
  );
}

describe("conformance through the built main entry", () => {
  for (const runtime of RUNTIMES) {
    it(runtime.name, async () => {
      expect(await row(runtime, "good")).toEqual([]);
    });
  }
});

describe("no Node built-in is reachable from the main entry", () => {
  it.each([
    ["browser", ["browser"]],
    ["workerd", ["workerd", "worker", "browser"]],
  ])("the %s import graph of dist's main entry has no node: import", async (_target, conditions) => {
    expect(await nodeBuiltinImports(packageEntries().main, conditions)).toEqual([]);
  });

  it("the walk finds the import injected into a broken copy (so it can fail)", async () => {
    const found = await nodeBuiltinImports(new URL(broken.mainEntry).pathname, ["browser"]);
    expect(found.map((f) => f.specifier)).toEqual(["node:fs"]);
    expect(BROKEN_PRELUDE).toContain("node:fs");
  });

  it("@loyaltydog/sdk/node does import node built-ins (it is the Node-only entry)", async () => {
    const found = await nodeBuiltinImports(packageEntries().node, []);
    expect(found.some((f) => f.specifier.startsWith("node:fs"))).toBe(true);
  });
});

describe("self-check: a broken build turns every row red", () => {
  for (const runtime of RUNTIMES) {
    it(runtime.name, async () => {
      const problems = await row(runtime, "broken");
      expect(problems.length).toBeGreaterThan(0);
    });
  }
});
