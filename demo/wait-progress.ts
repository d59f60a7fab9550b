import yoctoSpinner, { type Spinner } from "yocto-spinner";

export interface WaitProgress {
  update(state: string, polls: number, elapsedMs: number): void;
  finish(text: string): void;
}

/**
 * The live line while a task runs: a spinner rewritten in place on a
 * terminal, one plain line per poll otherwise (pipes, CI, the demo's test).
 */
export function waitProgress(label: string, stream: NodeJS.WriteStream = process.stdout): WaitProgress {
  const text = (state: string, polls: number, elapsedMs: number) =>
    `${label}: ${state} · ${polls} poll${polls === 1 ? "" : "s"} · ${(elapsedMs / 1000).toFixed(1)} s`;
  if (!stream.isTTY) {
    return {
      update: (state, polls, elapsedMs) => stream.write(`   … ${text(state, polls, elapsedMs)}\n`),
      finish: (done) => stream.write(`   ✔ ${done}\n`),
    };
  }
  let spinner: Spinner | undefined;
  return {
    update(state, polls, elapsedMs) {
      const line = text(state, polls, elapsedMs);
      if (spinner) spinner.text = line;
      // handleSignals off: the spinner would otherwise call process.exit on Ctrl-C itself.
      else spinner = yoctoSpinner({ text: line, stream, handleSignals: false }).start();
    },
    finish(done) {
      if (spinner) spinner.success(done);
      else stream.write(`   ✔ ${done}\n`);
      spinner = undefined;
    },
  };
}
