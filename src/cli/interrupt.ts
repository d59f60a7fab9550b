import { EXIT } from "./exit-codes.js";

/** The signals a user or a supervisor (systemd, Kubernetes, a closed terminal) stops the CLI with. */
export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

const EXIT_FOR = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hangup } as const;

/** The reason the signal carries when the CLI is stopped, so the top level can tell it from a real failure. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
  readonly signal: StopSignal;
  /** 128 + the signal's number, as shells report it: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
  readonly exitCode: (typeof EXIT_FOR)[StopSignal];
  constructor(signal: StopSignal = "SIGINT") {
    super(`interrupted by ${signal}`);
    this.signal = signal;
    this.exitCode = EXIT_FOR[signal];
  }
}

/**
 * Turns the first SIGINT (Ctrl-C), SIGTERM or SIGHUP into an abort of
 * whatever is in flight (the wait's sleep or request, the download's stream),
 * so the SDK can clean up — no temporary `.part` file, unless `--resume` asked
 * to keep it — before the process exits 128 + the signal's number. Left to
 * Node's defaults, SIGTERM and SIGHUP would kill the process on the spot,
 * half-written file and all.
 *
 * A second signal (an impatient double Ctrl-C, `timeout -s INT`, a
 * supervisor that repeats itself) exits at once, without waiting for that
 * clean-up, and says so. It still leaves no temporary file: `process.exit`
 * runs the `exit` listeners, and `downloadToFile` keeps one that removes its
 * `.part` (src/node/remove-on-exit.ts). A `--resume` `.part` is kept, as on
 * the first signal.
 */
export function abortOnStopSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handlers = STOP_SIGNALS.map((name) => {
    const handler = () => {
      if (controller.signal.aborted) {
        process.stderr.write(`interrupted by ${name} again: exiting now\n`);
        process.exit(new InterruptedError(name).exitCode);
      }
      controller.abort(new InterruptedError(name));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
