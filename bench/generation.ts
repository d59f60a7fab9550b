// npm run bench -- generation   (or: tsx bench/generation.ts [--quick] [--json])
// Wall time of the spec pipeline from a local file, as a developer runs it:
// `npm run spec:accept` (on the pinned spec: check, pull + generate in one process), and the two steps
// `npm run spec:pull` then `npm run generate`, against the openapi-typescript
// CLI alone on the same spec. Runs in a scratch root (LOYALTYDOG_SDK_ROOT) so
// the checkout is not touched, and checks the output is byte-identical to the
// committed generated/.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchResult, interleaved, median, now, round, runBench } from "./lib/harness.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The shared spec beside the checkout, as .ci/run finds it.
const SPEC =
  process.env.LOYALTYDOG_OPENAPI_SOURCE ??
  join(dirname(fileURLToPath(import.meta.url)), "../..", "shared/loyaltydog/openapi.public.json");

function timed(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const start = now();
  const run = spawnSync(command, args, { cwd: root, env, encoding: "utf8" });
  const ms = now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr || run.stdout}`);
  return ms;
}

function sameAsCommitted(scratch: string): boolean {
  const committed = join(root, "generated");
  const names = readdirSync(committed).sort();
  if (names.join() !== readdirSync(join(scratch, "generated")).sort().join()) return false;
  return names.every((n) => readFileSync(join(committed, n)).equals(readFileSync(join(scratch, "generated", n))));
}

await runBench(async ({ quick }): Promise<BenchResult> => {
  const scratch = mkdtempSync(join(tmpdir(), "ld-bench-gen-"));
  try {
    cpSync(join(root, "openapi"), join(scratch, "openapi"), { recursive: true });
    cpSync(join(root, "generated"), join(scratch, "generated"), { recursive: true });
    const env = { ...process.env, LOYALTYDOG_SDK_ROOT: scratch };
    const out = join(scratch, "cli-out.ts");
    const variants: { name: string; run: () => number }[] = [
      { name: "openapi-typescript CLI alone", run: () => timed("npx", ["openapi-typescript", SPEC, "-o", out], env) },
      {
        name: "npm run spec:accept (one process)",
        run: () => timed("npm", ["run", "-s", "spec:accept", "--", "--source", SPEC], env),
      },
    ];
    if (!quick) {
      variants.push({
        name: "npm run spec:pull + npm run generate",
        run: () =>
          timed("npm", ["run", "-s", "spec:pull", "--", "--source", SPEC], env) +
          timed("npm", ["run", "-s", "generate"], env),
      });
    }
    const runs = quick ? 1 : 5;
    const samples = interleaved(variants, runs);
    const identical = sameAsCommitted(scratch);
    const ms = (name: string) => median(samples.get(name) ?? []);
    const cli = ms("openapi-typescript CLI alone");
    const update = ms("npm run spec:accept (one process)");
    const twoStep = quick ? Number.NaN : ms("npm run spec:pull + npm run generate");
    return {
      bench: "generation",
      quick,
      figures: {
        cli_alone_ms: round(cli, 0),
        spec_update_ms: round(update, 0),
        pull_then_generate_ms: quick ? null : round(twoStep, 0),
        spec_update_vs_cli_ratio: round(update / cli, 3),
        pull_then_generate_vs_cli_ratio: quick ? null : round(twoStep / cli, 3),
        output_identical: identical,
        runs,
      },
      checks: [
        {
          name: "generation, full pipeline (pull from file + generate + write), npm run spec:accept",
          target: "≤ 3 s wall",
          measured: `${(update / 1000).toFixed(2)} s (${(update / cli).toFixed(2)}× the CLI alone, ${(cli / 1000).toFixed(2)} s)`,
          pass: update <= 3000,
        },
        {
          name: "generation, the two steps (npm run spec:pull, npm run generate)",
          target: "report",
          measured: quick ? "skipped in --quick" : `${(twoStep / 1000).toFixed(2)} s`,
          pass: null,
        },
        {
          name: "generated/ byte-identical to the committed one",
          target: "yes",
          measured: String(identical),
          pass: identical,
        },
      ],
      table: [
        ["pipeline", "median wall", "vs CLI alone"],
        ...variants.map((v) => [v.name, `${(ms(v.name) / 1000).toFixed(2)} s`, `${(ms(v.name) / cli).toFixed(2)}×`]),
      ],
      notes: [
        `${runs} interleaved run(s) each; spec ${SPEC}`,
        "each npm run costs an npm start (~0.3 s) and a node start; loading TypeScript (needed by openapi-typescript) is the largest single part",
      ],
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
