import { createRateLimiter } from "../../rate-limit.js";
import { deviationLine } from "../../spec-verify/deviation.js";
import { type VerifyReport, verifyServer } from "../../spec-verify/verify-server.js";
import type { CliContext } from "../context.js";
import { clientFromEnv } from "../environment.js";
import { EXIT, type ExitCode, UsageError } from "../exit-codes.js";

/** Exit codes of `spec verify`: every checked answer conforms, some deviate, none could be checked. */
const VERIFY_EXIT = { conforms: EXIT.ok, deviations: EXIT.failure, unchecked: EXIT.usage } as const;

/**
 * `loyaltydog spec verify`: the server at LOYALTYDOG_BASE_URL held against the spec this SDK was generated from
 * (src/spec-verify/). The client keeps inside the key's documented rate limits (the SDK's limiter), so a run
 * never meets a 429 of its own making. stdout: one line per deviation (or one JSON object with `--json`);
 * stderr: what was checked. Nothing printed comes from an answer's content.
 */
export async function specVerify(options: { json?: boolean }, ctx: CliContext): Promise<ExitCode> {
  let client: ReturnType<typeof clientFromEnv>["client"];
  try {
    ({ client } = clientFromEnv(ctx.env, { rateLimit: createRateLimiter() }));
  } catch (error) {
    // Under --json stdout is always one JSON object, a configuration mistake included.
    if (!(options.json && error instanceof UsageError)) throw error;
    ctx.stdout.write(`${JSON.stringify({ status: "unchecked", exitCode: EXIT.usage, error: error.message })}\n`);
    return EXIT.usage;
  }
  if (!options.json) ctx.stderr.write("spec verify: calling the safe operations (GETs, first page only)…\n");
  const report = await verifyServer(client, { signal: ctx.signal });
  const code = VERIFY_EXIT[report.status];
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify({ ...report, exitCode: code })}\n`);
    return code;
  }
  for (const deviation of report.deviations) ctx.stdout.write(`${deviationLine(deviation)}\n`);
  ctx.stderr.write(`${summary(report)}\n`);
  return code;
}

function summary({ status, counts, operations }: VerifyReport): string {
  const reasons = new Map<string, number>();
  for (const result of operations) {
    if (result.outcome !== "not checked") continue;
    reasons.set(result.reason ?? "", (reasons.get(result.reason ?? "") ?? 0) + 1);
  }
  const why = [...reasons].map(([reason, n]) => `${reason} ×${n}`).join(", ");
  const head =
    status === "conforms"
      ? "every checked answer meets the pinned spec"
      : status === "deviations"
        ? "some answers deviate from the pinned spec (above)"
        : "could not check: no operation gave an answer to check";
  return (
    `spec verify: ${head}. ${counts.conforms} conform, ${counts.deviates} deviate, ` +
    `${counts["not checked"]} not checked${why ? ` (${why})` : ""}, ${counts.skipped} skipped ` +
    "(unsafe, needing input, or no id from a list answer; --json lists each with its reason)"
  );
}
