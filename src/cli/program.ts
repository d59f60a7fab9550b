import { Command, Option } from "commander";
import { VERSION } from "../index.js";
import { type AuditLogsExportOptions, auditLogsExport } from "./commands/audit-logs-export.js";
import { DEFAULT_SIMULATOR_PORT, type SimulatorCommandOptions, simulatorCommand } from "./commands/simulator.js";
import { specCheck } from "./commands/spec-check.js";
import { specVerify } from "./commands/spec-verify.js";
import { tasksWait } from "./commands/tasks-wait.js";
import type { CliContext } from "./context.js";
import { EXIT_CODES_HELP } from "./exit-codes.js";

const SPEC_EXIT_CODES_HELP = "\nExit codes (spec check): 0 in sync, 1 drift, 2 could not check.";

const RESUME_HELP =
  "keep <file>.part if the download stops (error, Ctrl-C, SIGTERM) and continue from it on the next run";

/**
 * The command tree. Actions store their exit code in `result` rather than
 * exiting, so `run.ts` decides how the process ends (and tests can call it).
 */
export function buildProgram(ctx: CliContext, result: { code: number }): Command {
  const program = new Command("loyaltydog")
    .description(
      "LoyaltyDog from the command line: audit-log exports, task waits, a local simulator, spec drift and live checks.",
    )
    .version(VERSION)
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    })
    // Set before the subcommands are added so they inherit it: we map commander's exits to ours.
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");

  const auditLogs = program.command("audit-logs").description("audit-log exports");
  auditLogs
    .command("export")
    .description("start an audit-log export, wait for it (progress on stderr) and download it to --out")
    .option("--from <date>", "first day or date-time, ISO 8601 (2026-01-01 or 2026-01-01T00:00:00Z)")
    .option("--to <date>", "last day or date-time, ISO 8601")
    .addOption(new Option("--format <format>", "file format").choices(["csv", "json"]).default("csv"))
    // Not `requiredOption`: commander reports a missing mandatory option before an unknown one, so `--form`
    // (a typo of --from) would be blamed on --out. The action checks it instead.
    .option("--out <file>", "where to save the export (required; written to a temporary file beside it until complete)")
    .option("--resume", RESUME_HELP)
    .action(async (options: AuditLogsExportOptions) => {
      result.code = await auditLogsExport(options, ctx);
    });

  const tasks = program.command("tasks").description("background tasks");
  tasks
    .command("wait")
    .description("resume waiting for an audit-log export by its task id, then download it if --out is given")
    .argument("<taskId>", "the id `audit-logs export` printed")
    .option("--out <file>", "where to save the export; without it the download URL is printed")
    .option("--resume", RESUME_HELP)
    .action(async (taskId: string, options: { out?: string; resume?: boolean }) => {
      result.code = await tasksWait(taskId, options, ctx);
    });

  program
    .command("simulator")
    .description(
      "run the SDK's LoyaltyDog simulator on 127.0.0.1 until Ctrl-C, and print the two exports that point the CLI and the SDK at it",
    )
    .option("--port <port>", "API port on 127.0.0.1 (0: any free one)", String(DEFAULT_SIMULATOR_PORT))
    .option("--no-rate-limit", "answer without LoyaltyDog's rate limits (60 requests a minute per key, …)")
    .addHelpText(
      "after",
      `
Example:
  loyaltydog simulator            # in one shell; prints the two lines below
  export LOYALTYDOG_BASE_URL=http://127.0.0.1:${DEFAULT_SIMULATOR_PORT}
  export LOYALTYDOG_TOKEN=ld_test_simulator
  loyaltydog audit-logs export --from 2026-01-01 --to 2026-02-01 --format csv --out logs.csv

Needs the optional peers msw and openapi-msw (npm install msw openapi-msw).

Exit codes (this command): 0 stopped (Ctrl-C, SIGTERM, SIGHUP); 2 bad --port, the port is taken, or msw/openapi-msw
are not installed.`,
    )
    .action(async (options: SimulatorCommandOptions) => {
      result.code = await simulatorCommand(options, ctx);
    });

  const spec = program
    .command("spec")
    .description("the OpenAPI spec the SDK is generated from")
    .addHelpText("after", SPEC_EXIT_CODES_HELP);
  spec
    .command("check")
    .description("compare the upstream spec with the pinned one (needs a checkout of the SDK repo)")
    .option("--source <urlOrPath>", "spec to compare (default $LOYALTYDOG_OPENAPI_SOURCE or the public URL)")
    .option("--json", "print the result as JSON")
    .option("--report <file>", "also write the Markdown report to a file")
    .option("--no-compat", "skip the SDK compatibility type-check")
    .addHelpText("after", SPEC_EXIT_CODES_HELP)
    .action(async (options: { source?: string; json?: boolean; report?: string; compat: boolean }) => {
      const args = [
        ...(options.source ? ["--source", options.source] : []),
        ...(options.json ? ["--json"] : []),
        ...(options.report ? ["--report", options.report] : []),
        ...(options.compat ? [] : ["--no-compat"]),
      ];
      result.code = await specCheck(args, ctx);
    });

  spec
    .command("verify")
    .description(
      "call the server's safe operations (GETs, first page only, within the rate limits) and check each answer " +
        "against the pinned spec: status, media type, body schema, documented headers",
    )
    .option("--json", "print the result as one JSON object")
    .addHelpText(
      "after",
      "\nExit codes (this command): 0 every checked answer conforms, 1 deviations (one line each on stdout:\n" +
        "operation, where, what the spec expects; never a value), 2 could not check (no token, nothing answered).",
    )
    .action(async (options: { json?: boolean }) => {
      result.code = await specVerify(options, ctx);
    });

  // The API commands' codes; `spec` and `simulator` say their own.
  for (const command of [program, auditLogs, tasks, ...auditLogs.commands, ...tasks.commands]) {
    command.addHelpText("after", EXIT_CODES_HELP);
  }
  return program;
}
