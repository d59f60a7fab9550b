// npm run spec:check [-- --source URL|PATH] [--json] [--report FILE] [--no-compat]
// Compares the upstream spec with the pin. Exit 0 in sync, 1 drift, 2 upstream
// could not be checked. Prints a Markdown report (JSON with --json), appends it
// to $GITHUB_STEP_SUMMARY when set, and writes it to FILE with --report. Writes
// nothing else.
import { appendFile, writeFile } from "node:fs/promises";
import { acceptCommand, readFlag } from "./lib/config.js";
import { EXIT_CODES, runDriftCheck } from "./lib/drift/check.js";
import { renderMarkdown } from "./lib/drift/report-markdown.js";
import { context, runScript } from "./lib/pipeline.js";

await runScript(async () => {
  const ctx = context();
  const result = await runDriftCheck(ctx, { compat: !ctx.argv.includes("--no-compat") });
  const accept = acceptCommand(ctx.argv, ctx.env, ctx.config);
  const markdown = renderMarkdown(result, { acceptCommand: accept });
  const json = result.status === "drift" ? { ...result, acceptCommand: accept } : result;
  process.stdout.write(ctx.argv.includes("--json") ? `${JSON.stringify(json, null, 2)}\n` : markdown);
  const report = readFlag(ctx.argv, "--report");
  if (report) await writeFile(report, markdown);
  const summary = ctx.env.GITHUB_STEP_SUMMARY;
  if (summary) await appendFile(summary, `${markdown}\n`);
  return EXIT_CODES[result.status];
  // Anything unexpected is "could not check" too: never a false "drift" or "in sync".
}, EXIT_CODES.unchecked);
