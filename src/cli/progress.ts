import yoctoSpinner, { type Spinner } from "yocto-spinner";
import { terminalSafe } from "./terminal-text.js";

/** One line of status that changes over time: a spinner on a terminal, plain lines in logs and pipes. */
export interface ProgressLine {
  /** True when the line is redrawn in place (a TTY), so refreshing it often costs nothing. */
  live: boolean;
  update(text: string): void;
  done(text: string): void;
  fail(text: string): void;
}

/**
 * Progress goes to stderr so stdout stays clean for what a script wants
 * (task id, output path). On a non-TTY every update is its own line, so CI
 * logs show the wait without carriage-return noise.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  const line = terminalLine(stream);
  // Status lines quote the server (task ids, states): nothing in them may steer the terminal.
  return {
    live: line.live,
    update: (text) => line.update(terminalSafe(text)),
    done: (text) => line.done(terminalSafe(text)),
    fail: (text) => line.fail(terminalSafe(text)),
  };
}

function terminalLine(stream: NodeJS.WriteStream): ProgressLine {
  if (!stream.isTTY) {
    let last = "";
    return {
      live: false,
      update(text) {
        if (text !== last) stream.write(`${text}\n`);
        last = text;
      },
      done: (text) => stream.write(`${text}\n`),
      fail: (text) => stream.write(`${text}\n`),
    };
  }
  // handleSignals off: Ctrl-C is ours to handle (abort, clean up, exit 130), not the spinner's.
  let spinner: Spinner | undefined;
  return {
    live: true,
    update(text) {
      if (spinner) spinner.text = text;
      else spinner = yoctoSpinner({ text, stream, handleSignals: false }).start();
    },
    done(text) {
      if (spinner) spinner.success(text);
      else stream.write(`${text}\n`);
      spinner = undefined;
    },
    fail(text) {
      if (spinner) spinner.error(text);
      else stream.write(`${text}\n`);
      spinner = undefined;
    },
  };
}

export function formatElapsed(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
