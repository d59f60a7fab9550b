// npm run bench -- typecheck   (or: tsx bench/typecheck.ts [--quick] [--json])
// What the SDK's types cost a consumer: `tsc --noEmit --extendedDiagnostics`
// on bench/typecheck/ours.ts (~10 typed calls and one task helper, imported
// as "@loyaltydog/sdk", i.e. the built dist/ .d.ts a consumer gets) against
// bench/typecheck/bare.ts (the same calls on bare openapi-fetch + the same
// generated `paths`), with skipLibCheck on and off, on TypeScript 5.9 (tsc)
// and TypeScript 7 (tsgo). Runs `npm run build` first so dist/ is current.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchResult, type Check, median, round, runBench } from "./lib/harness.js";
import { diagnostics, writeConsumerProject } from "./lib/tsc-diagnostics.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface Config {
  compiler: "tsc" | "tsgo";
  subject: "ours" | "bare";
  skipLibCheck: boolean;
}

await runBench(async ({ quick }): Promise<BenchResult> => {
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  // Projects live in a scratch dir inside the package, so "@loyaltydog/sdk" resolves by self-reference to dist/.
  const dir = mkdtempSync(join(root, "bench", "typecheck", ".projects-"));
  try {
    const configs: Config[] = [];
    for (const compiler of ["tsc", "tsgo"] as const) {
      for (const skipLibCheck of [true, false]) {
        for (const subject of ["ours", "bare"] as const) configs.push({ compiler, subject, skipLibCheck });
      }
    }
    const project = (c: Config) =>
      writeConsumerProject(
        join(dir, `${c.subject}-${c.skipLibCheck ? "skip" : "full"}.json`),
        join(root, "bench", "typecheck", `${c.subject}.ts`),
        c.skipLibCheck,
      );
    const projects = new Map(configs.map((c) => [c, project(c)]));
    const runs = quick ? 1 : 5;
    const samples = new Map<Config, ReturnType<typeof diagnostics>[]>(configs.map((c) => [c, []]));
    for (let r = 0; r < runs; r++) {
      for (let k = 0; k < configs.length; k++) {
        const c = configs[(r + k) % configs.length] as Config;
        samples.get(c)?.push(diagnostics(c.compiler, projects.get(c) as string));
      }
    }
    const find = (compiler: Config["compiler"], subject: Config["subject"], skipLibCheck: boolean) =>
      configs.find(
        (c) => c.compiler === compiler && c.subject === subject && c.skipLibCheck === skipLibCheck,
      ) as Config;
    const med = (c: Config, key: "checkMs" | "totalMs" | "types") => median((samples.get(c) ?? []).map((s) => s[key]));
    const figures: BenchResult["figures"] = { runs };
    const checks: Check[] = [];
    const table: string[][] = [
      ["compiler", "skipLibCheck", "ours check", "bare check", "ratio", "ours total", "bare total"],
    ];
    for (const compiler of ["tsc", "tsgo"] as const) {
      for (const skip of [true, false]) {
        const ours = find(compiler, "ours", skip);
        const bare = find(compiler, "bare", skip);
        const ratio = med(ours, "checkMs") / med(bare, "checkMs");
        const key = `${compiler}_${skip ? "skiplibcheck" : "fulllibcheck"}`;
        Object.assign(figures, {
          [`${key}_ours_check_ms`]: med(ours, "checkMs"),
          [`${key}_bare_check_ms`]: med(bare, "checkMs"),
          [`${key}_check_ratio`]: round(ratio, 3),
          [`${key}_ours_total_ms`]: med(ours, "totalMs"),
          [`${key}_bare_total_ms`]: med(bare, "totalMs"),
          [`${key}_ours_types`]: med(ours, "types"),
          [`${key}_bare_types`]: med(bare, "types"),
        });
        table.push([
          compiler === "tsc" ? "tsc 5.9" : "tsgo (TS 7)",
          String(skip),
          `${med(ours, "checkMs")} ms`,
          `${med(bare, "checkMs")} ms`,
          `${ratio.toFixed(2)}×`,
          `${med(ours, "totalMs")} ms`,
          `${med(bare, "totalMs")} ms`,
        ]);
        checks.push({
          name: `consumer type-check, ${compiler === "tsc" ? "TS 5.9" : "TS 7 (tsgo)"}, skipLibCheck ${skip ? "on" : "off"}: check time vs bare openapi-fetch`,
          target: compiler === "tsc" ? "≤ 1.1×" : "report",
          measured: `${ratio.toFixed(2)}× (${med(ours, "checkMs")} vs ${med(bare, "checkMs")} ms)`,
          pass: compiler === "tsc" ? ratio <= 1.1 : null,
        });
        if (compiler === "tsc") {
          // The type count does not move with the machine's load: a steady second reading of the same cost.
          const typesRatio = med(ours, "types") / med(bare, "types");
          checks.push({
            name: `consumer type-check, TS 5.9, skipLibCheck ${skip ? "on" : "off"}: types created vs bare openapi-fetch`,
            target: "≤ 1.1×",
            measured: `${typesRatio.toFixed(2)}× (${med(ours, "types")} vs ${med(bare, "types")})`,
            pass: typesRatio <= 1.1,
          });
        }
      }
    }
    return {
      bench: "typecheck",
      quick,
      figures,
      checks,
      table,
      notes: [
        `${runs} interleaved run(s) per configuration; medians of "Check time" and "Total time" from --extendedDiagnostics`,
        "ours.ts imports @loyaltydog/sdk (dist/ .d.ts via the package's exports); bare.ts imports openapi-fetch and dist/generated/schema.d.ts",
        "tsc and tsgo report check time at 10 ms resolution (tsgo: 1 ms); small absolute differences are noise",
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
