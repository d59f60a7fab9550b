/**
 * Stoplight Prism (`prism proxy --errors`) as a child process on 127.0.0.1, in front of an upstream: an
 * OpenAPI validator this project did not write, so what it finds is not shaped by the SDK's own assumptions.
 * Installed by test/prism/install.sh (pinned, npm registry only, into test/prism/toolchain), run with the Node
 * that toolchain carries (prism-cli 5.16 requires Node >= 24.18), stopped by its pid.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../support/run-child.js";

const TOOLCHAIN = join(REPO_ROOT, "test", "prism", "toolchain");
const MODULES = join(TOOLCHAIN, "node_modules");
const NODE = join(MODULES, "node24", "bin", "node");
const PRISM_CLI = join(MODULES, "@stoplight", "prism-cli", "dist", "index.js");
const STAMP = join(MODULES, ".installed-from-lock");

/** Runs install.sh unless the toolchain was installed from today's lock (a re-run costs one file comparison). */
export function ensurePrismInstalled(): void {
  const lock = readFileSync(join(TOOLCHAIN, "package-lock.json"), "utf8");
  const current = existsSync(STAMP) && readFileSync(STAMP, "utf8") === lock && existsSync(NODE);
  if (!current) execFileSync("bash", [join(REPO_ROOT, "test", "prism", "install.sh")], { stdio: "inherit" });
  for (const path of [NODE, PRISM_CLI]) {
    if (!existsSync(path)) throw new Error(`${path} is missing after \`bash test/prism/install.sh\``);
  }
}

export interface RunningPrism {
  /** `http://127.0.0.1:<port>`: where clients send their requests. */
  url: string;
  stop(): Promise<void>;
}

/** Starts `prism proxy --errors <spec> <upstream>` on a free 127.0.0.1 port and waits until it listens. */
export async function startPrismProxy(specPath: string, upstream: string, startupMs = 60_000): Promise<RunningPrism> {
  const child = spawn(NODE, [PRISM_CLI, "proxy", "--errors", "-h", "127.0.0.1", "-p", "0", specPath, upstream], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Prism did not start within ${startupMs} ms:\n${output}`)),
        startupMs,
      );
      const check = () => {
        const match = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout?.on("data", check);
      child.stderr?.on("data", check);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Prism exited (${code ?? signal}) before listening:\n${output}`));
      });
    });
    return { url, stop: () => stopByPid(child) };
  } catch (error) {
    await stopByPid(child);
    throw error;
  }
}

/** SIGTERM to this child's pid (never a name), SIGKILL if it has not exited a few seconds later. */
async function stopByPid(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
