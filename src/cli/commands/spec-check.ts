import { spawn } from "node:child_process";
import { join } from "node:path";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { InterruptedError } from "../interrupt.js";
import { findSdkCheckout, tsxCli } from "../repo-scripts.js";

/**
 * `loyaltydog spec check`: the drift check lives in `scripts/` (not shipped
 * in the package), so this only runs it from a checkout and passes its exit
 * code through (0 in sync, 1 drift, 2 could not check).
 */
export async function specCheck(
  args: readonly string[],
  ctx: CliContext,
  locateCheckout: () => string | undefined = findSdkCheckout,
): Promise<number> {
  const checkout = locateCheckout();
  const tsx = checkout ? tsxCli(checkout) : undefined;
  if (!checkout || !tsx) {
    ctx.stderr.write(
      `error: spec check needs a checkout of the SDK repo (scripts/spec-check.ts and its dev dependencies); run it there with npm run spec:check\n`,
    );
    return EXIT.usage;
  }
  const child = spawn(process.execPath, [tsx, join(checkout, "scripts", "spec-check.ts"), ...args], {
    cwd: ctx.cwd,
    env: ctx.env,
    stdio: "inherit",
  });
  // Ctrl-C reaches the child too (same process group); forward a stop from elsewhere (kill, a closed terminal) as itself.
  const stop = () => (ctx.signal.reason instanceof InterruptedError ? ctx.signal.reason : undefined);
  const onAbort = () => child.kill(stop()?.signal ?? "SIGINT");
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) => {
        const stopped = stop();
        if (stopped) resolve(stopped.exitCode);
        else resolve(code ?? (signal === "SIGINT" ? EXIT.interrupted : EXIT.failure));
      });
    });
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
  }
}
