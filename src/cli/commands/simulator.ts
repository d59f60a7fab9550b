import type { AuditLogEntry } from "../../index.js";
import type { CliContext } from "../context.js";
import { EXIT, type ExitCode, UsageError } from "../exit-codes.js";

/** Where `loyaltydog simulator` listens unless told otherwise: fixed, so the printed exports stay valid across restarts. */
export const DEFAULT_SIMULATOR_PORT = 4747;

/**
 * The data it serves: 120 audit-log entries, one every 6 hours from 2026-01-01T00:00Z (to 2026-01-30), so the
 * README's `--from 2026-01-01 --to 2026-02-01` exports all of them and a narrower window exports a part.
 */
const SIMULATOR_DATA = { firstEntry: "2026-01-01T00:00:00Z", entries: 120, everyHours: 6 } as const;

export interface SimulatorCommandOptions {
  port: string;
  rateLimit: boolean;
}

/**
 * `loyaltydog simulator`: the testing kit's simulator on 127.0.0.1, on a real clock, until Ctrl-C or SIGTERM. It
 * prints (stdout) the two `export` lines that point the CLI and the SDK at it; its token is a fixed test value, not
 * a secret. The testing kit needs the optional peers msw and openapi-msw, so it is loaded only here.
 */
export async function simulatorCommand(options: SimulatorCommandOptions, ctx: CliContext): Promise<ExitCode> {
  const port = parsePort(options.port);
  const testing = await loadTestingKit();
  const first = Date.parse(SIMULATOR_DATA.firstEntry);
  const auditLogEntries: AuditLogEntry[] = Array.from({ length: SIMULATOR_DATA.entries }, (_, i) =>
    testing.fixtures.auditLogEntry(i, {
      timestamp: new Date(first + i * SIMULATOR_DATA.everyHours * 3_600_000).toISOString(),
    }),
  );
  const simulator = testing.createLoyaltyDogSimulator({
    // Real time: presigned URLs expire after a real hour, rate-limit windows roll over as they do upstream.
    clock: { now: () => Date.now() },
    auditLogEntries,
    ...(options.rateLimit ? {} : { rateLimit: false as const }),
  });
  if (ctx.signal.aborted) return EXIT.ok;
  const listening = await simulator.listen({ port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE" || error.code === "EACCES") {
      throw new UsageError(
        `cannot listen on 127.0.0.1:${port} (${error.code}): pick another port with --port (0 for any free one)`,
      );
    }
    throw error;
  });
  try {
    const last = new Date(first + (SIMULATOR_DATA.entries - 1) * SIMULATOR_DATA.everyHours * 3_600_000);
    ctx.stderr.write(
      `LoyaltyDog simulator: API ${listening.apiUrl}, downloads ${listening.storageUrl}; ` +
        `${SIMULATOR_DATA.entries} audit-log entries from ${SIMULATOR_DATA.firstEntry.slice(0, 10)} to ${last.toISOString().slice(0, 10)}` +
        `${options.rateLimit ? ", LoyaltyDog's rate limits" : ", no rate limits"}. Ctrl-C stops it.\n` +
        "Point the CLI and the SDK at it (in another shell):\n",
    );
    ctx.stdout.write(
      `export LOYALTYDOG_BASE_URL=${listening.apiUrl}\nexport LOYALTYDOG_TOKEN=${testing.DEFAULT_SIMULATOR_TOKEN}\n`,
    );
    // Serves until the first stop signal; stopping it is how it is meant to end, so that is success.
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener("abort", () => resolve(), { once: true });
    });
  } finally {
    await listening.close();
  }
  ctx.stderr.write(`simulator stopped (${requestCount(simulator.requests.length)} served)\n`);
  return EXIT.ok;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65_535) {
    throw new UsageError(`--port must be a port number from 0 to 65535 (0: any free one), got "${value}"`);
  }
  return port;
}

function requestCount(n: number): string {
  return `${n} API ${n === 1 ? "request" : "requests"}`;
}

/** The testing kit, or a usage error saying what to install when its optional peers are missing. */
async function loadTestingKit(): Promise<typeof import("../../testing/index.js")> {
  try {
    return await import("../../testing/index.js");
  } catch (error) {
    const missing = /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/']+)/.exec(String(error))?.[1];
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND" && missing) {
      throw new UsageError(
        `loyaltydog simulator needs the optional peer dependencies msw and openapi-msw (${missing} is not installed): npm install msw openapi-msw`,
      );
    }
    throw error;
  }
}
