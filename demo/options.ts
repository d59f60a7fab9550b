// `npm run demo -- [options]`: the demo's command line. Node's parseArgs throws on an unknown option with a stack
// trace; a newcomer's first `--help` deserves the usage instead, and a typo a one-line reason and exit 2.
import { parseArgs } from "node:util";

export const DEMO_USAGE = `Usage: npm run demo [-- --out-dir DIR]

Runs the SDK's main job end to end through its public API: against the simulator on 127.0.0.1
(no account, no network), or against your account when LOYALTYDOG_TOKEN is set.

Options:
  --out-dir DIR  where the exported CSV is saved (default: out)
  -h, --help     show this help

Environment:
  LOYALTYDOG_TOKEN     your API key: talk to your account instead of the simulator (the injected 503,
                       the deliberate error and the bulk issuance are skipped)
  LOYALTYDOG_BASE_URL  API origin with LOYALTYDOG_TOKEN (default https://api.loyalty.dog)
`;

export interface DemoOptions {
  outDir: string;
}

/** The options, or the exit code when the command line was answered here (help: 0) or refused (2). */
export function parseDemoOptions(
  argv: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): DemoOptions | { exitCode: 0 | 2 } {
  let values: { "out-dir"?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { "out-dir": { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs's own wording names the option ("Unknown option '--ouput-dir'…"); its code is not for people.
    io.stderr.write(`demo: ${(error as Error).message}\n(run npm run demo -- --help for usage)\n`);
    return { exitCode: 2 };
  }
  if (values.help) {
    io.stdout.write(DEMO_USAGE);
    return { exitCode: 0 };
  }
  const outDir = values["out-dir"] ?? "out";
  if (outDir.trim() === "") {
    io.stderr.write("demo: --out-dir needs a directory\n(run npm run demo -- --help for usage)\n");
    return { exitCode: 2 };
  }
  return { outDir };
}
