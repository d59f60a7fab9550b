/** The reason the signal carries on Ctrl-C, so the top level can tell it from a real failure. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
  constructor() {
    super("interrupted");
  }
}

/**
 * Turns the first Ctrl-C into an abort of whatever is in flight (the wait's
 * sleep or request, the download's stream), so the SDK can clean up — no
 * temporary `.part` file — before the process exits 130. A second Ctrl-C exits at once.
 */
export function abortOnSigint(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new InterruptedError());
  };
  process.on("SIGINT", onSigint);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onSigint) };
}
