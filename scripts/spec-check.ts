// npm run spec:check [-- --source URL|PATH] [--json] [--report FILE] [--no-compat]
//   [--deprecation-days-beta N] [--deprecation-days-stable N] [--stability-level draft|alpha|beta|stable]
// Compares the upstream spec with the pin. Exit 0 in sync, 1 drift, 2 upstream
// could not be checked. Prints a Markdown report (JSON with --json), appends it
// to $GITHUB_STEP_SUMMARY when set, and writes it to FILE with --report. Writes
// nothing else.
import { appendFile, writeFile } from "node:fs/promises";
import { acceptCommand, readFlag } from "./lib/config.js";
import { type DriftResult, EXIT_CODES, runDriftCheck } from "./lib/drift/check.js";
import { driftOptionsFromFlags } from "./lib/drift/options.js";
import { renderMarkdown } from "./lib/drift/report-markdown.js";
import { context, pullSource, runScript } from "./lib/pipeline.js";

await runScript(async () => {
  const ctx = context();
  const json = ctx.argv.includes("--json");
  const started = performance.now();
  // Under --json, stdout is always one JSON object: an internal failure is `{status: "error", reason}`, exit 2.
  // A bad policy flag is a check that could not run (exit 2, said in the report), like any other failure here.
  const check = async () => {
    const policy = driftOptionsFromFlags((name) => readFlag(ctx.argv, name));
    return runDriftCheck(ctx, { compat: !ctx.argv.includes("--no-compat"), policy });
  };
  const result: DriftResult = await check().catch((error: unknown) => ({
    status: "error",
    source: pullSource(ctx),
    reason: error instanceof Error ? error.message : String(error),
    ms: Math.round(performance.now() - started),
  }));
  const accept = acceptCommand(ctx.argv, ctx.env, ctx.config);
  const markdown = renderMarkdown(result, { acceptCommand: accept });
  const output = result.status === "drift" ? { ...result, acceptCommand: accept } : result;
  process.stdout.write(
    json
      ? `${JSON.stringify(output, null, 2)}
`
      : markdown,
  );
  const report = readFlag(ctx.argv, "--report");
  if (report) await writeFile(report, markdown);
  const summary = ctx.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendFile(summary, `${markdown}\n`);
  return EXIT_CODES[result.status];
  // Anything unexpected is "could not check" too: never a false "drift" or "in sync".
}, EXIT_CODES.unchecked);
