import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningChild {
  child: ChildProcess;
  /** Resolves once `text` has appeared on stderr or stdout (rejects if the child exits first). */
  waitFor(text: string | RegExp): Promise<void>;
  done: Promise<ChildResult>;
}

/**
 * A TypeScript entry point run as its own process (`node --import tsx`, one
 * process, so a signal sent to it reaches our code, not a tsx wrapper). The
 * environment is replaced, not merged, so a developer's LOYALTYDOG_TOKEN never
 * leaks into a test.
 */
export function startTs(entry: string, args: readonly string[], env: Record<string, string> = {}): RunningChild {
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers: { test: string | RegExp; resolve(): void }[] = [];
  const check = () => {
    for (const watcher of [...watchers]) {
      const all = stdout + stderr;
      const seen = typeof watcher.test === "string" ? all.includes(watcher.test) : watcher.test.test(all);
      if (seen) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  };
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    check();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    check();
  });
  const done = new Promise<ChildResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    waitFor: (test) =>
      new Promise<void>((resolve, reject) => {
        watchers.push({ test, resolve });
        check();
        done.then(
          (r) => reject(new Error(`child exited (${r.code}) before printing ${test}:\n${r.stdout}\n${r.stderr}`)),
          reject,
        );
      }),
  };
}

export function runTs(entry: string, args: readonly string[], env: Record<string, string> = {}): Promise<ChildResult> {
  return startTs(entry, args, env).done;
}
