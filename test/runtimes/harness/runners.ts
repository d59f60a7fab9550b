/**
 * Runs the conformance script in one runtime and returns its report (or the
 * reason there is none). Each runner owns the processes it starts and ends
 * them, whatever happens.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../../support/run-child.js";
import { type ConformanceReport, REPORT_MARKER } from "../conformance.js";
import type { Artifacts } from "./build.js";
import { WORK_DIR } from "./build.js";
import type { PlannedSimulator } from "./simulator-plan.js";
import { requireBinary, TOOLCHAIN } from "./toolchain.js";

export interface RunOutcome {
  report: ConformanceReport | undefined;
  /** Why there is no report, or the runtime's own output when it failed. */
  output: string;
}

const RUN_TIMEOUT_MS = 60_000;

export type NodeLikeRuntime = "node" | "bun" | "deno";

/** `node`, `bun` or `deno` running `node-like.mjs` on the built main entry (and `/node` where it runs). */
export async function runNodeLike(
  runtime: NodeLikeRuntime,
  binary: string,
  artifacts: Artifacts,
  planned: PlannedSimulator,
): Promise<RunOutcome> {
  const args = [
    artifacts.mainEntry,
    artifacts.nodeEntry,
    planned.servers.apiUrl,
    planned.redirectUrl,
    planned.token,
    artifacts.scratch,
  ];
  const argv =
    runtime === "deno"
      ? [
          "run",
          "--quiet",
          "--no-prompt",
          // The SDK needs the network only; reads and the scratch write are for loading the package and `/node`.
          "--allow-net=127.0.0.1",
          `--allow-read=${REPO_ROOT}`,
          `--allow-write=${artifacts.scratch}`,
          artifacts.nodeLikeScript,
          ...args,
        ]
      : [artifacts.nodeLikeScript, ...args];
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NO_COLOR: "1",
    DENO_DIR: join(WORK_DIR, "deno-cache"),
    DENO_NO_UPDATE_CHECK: "1",
    BUN_INSTALL_CACHE_DIR: join(WORK_DIR, "bun-cache"),
  };
  const child = spawn(requireBinary(binary), argv, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const { code, output } = await collect(child, RUN_TIMEOUT_MS);
  return { report: parseReport(output), output: `exit ${code}\n${output}` };
}

/** workerd serving a Worker module that bundles the SDK; one request runs the script inside the Worker. */
export async function runWorkerd(artifacts: Artifacts, planned: PlannedSimulator): Promise<RunOutcome> {
  const port = await freePort();
  const dir = mkdtempSync(join(WORK_DIR, "workerd-"));
  const config = join(dir, "config.capnp");
  // capnp's `embed` reads paths relative to the config file.
  copyFileSync(artifacts.workerScript, join(dir, "worker.js"));
  writeFileSync(config, workerdConfig("worker.js", port));
  const child = spawn(requireBinary(TOOLCHAIN.workerd), ["serve", config, "--verbose"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = collect(child, RUN_TIMEOUT_MS);
  try {
    const url = `http://127.0.0.1:${port}/${query(planned)}`;
    const response = await untilListening(url, child);
    const text = await response.text();
    child.kill("SIGTERM");
    const { output } = await exited;
    try {
      return { report: JSON.parse(text) as ConformanceReport, output };
    } catch {
      return { report: undefined, output: `worker answered ${response.status}: ${text}\n${output}` };
    }
  } catch (error) {
    child.kill("SIGTERM");
    const { output } = await exited;
    // workerd's own words (a module that failed to load) say more than the failed request.
    return { report: undefined, output: `${output}\n${String(error)}` };
  }
}

/**
 * The capnp config: the Worker and an `internet` service that may reach
 * loopback (workerd's default outbound refuses private and local addresses,
 * as Cloudflare does). No `nodejs_compat` flag: the SDK must not need it.
 */
function workerdConfig(script: string, port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed ${JSON.stringify(script)}) ],
  compatibilityDate = "2025-09-01",
);
`;
}

/** Chromium (Debian's) via playwright-core: a page on 127.0.0.1 with the bundled SDK calls the simulator cross-origin. */
export async function runChromium(
  artifacts: Artifacts,
  planned: PlannedSimulator,
  screenshot: string | undefined,
): Promise<RunOutcome> {
  const { chromium } = (await import(pathToFileURL(requireBinary(TOOLCHAIN.playwrightCore)).href)) as PlaywrightCore;
  const script = await import("node:fs/promises").then((fs) => fs.readFile(artifacts.browserScript));
  const page = createServer((req, res) => {
    if (req.url?.startsWith("/sdk.js")) {
      res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    } else {
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(
          `<!doctype html><meta charset="utf-8"><title>conformance</title><style>body{font:14px sans-serif}td{padding:2px 8px}.ok td:first-child{color:green}.bad td:first-child{color:red}</style><body>running…<script type="module" src="/sdk.js"></script>`,
        );
    }
  });
  await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: requireBinary(TOOLCHAIN.chromium),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ], // playwright gives each launch a new empty --user-data-dir of its own
  });
  const consoleLines: string[] = [];
  try {
    const tab = await browser.newPage();
    tab.on("console", (m) => consoleLines.push(`console.${m.type()}: ${m.text()}`));
    tab.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
    await tab.goto(`${origin}/${query(planned)}`);
    const report = await tab
      .waitForFunction(() => (globalThis as { conformance?: Promise<unknown> }).conformance, null, { timeout: 10_000 })
      .then(() =>
        tab.evaluate(() => (globalThis as unknown as { conformance: Promise<ConformanceReport> }).conformance),
      )
      .catch((error: unknown) => {
        consoleLines.push(String(error));
        return undefined;
      });
    if (screenshot) {
      mkdirSync(join(screenshot, ".."), { recursive: true });
      await tab.screenshot({ path: screenshot, fullPage: true });
    }
    return { report, output: consoleLines.join("\n") };
  } finally {
    await browser.close();
    await new Promise((resolve) => page.close(resolve));
  }
}

/** The little of playwright-core used here (it lives in the runtime toolchain, not the root install). */
interface PlaywrightCore {
  chromium: {
    launch(options: { executablePath: string; args: string[] }): Promise<{
      newPage(): Promise<{
        on(event: "console", listener: (message: { type(): string; text(): string }) => void): void;
        on(event: "pageerror", listener: (error: Error) => void): void;
        goto(url: string): Promise<unknown>;
        waitForFunction(fn: () => unknown, arg: null, options: { timeout: number }): Promise<unknown>;
        evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
        screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
      }>;
      close(): Promise<void>;
    }>;
  };
}

export function version(binary: string, args: string[] = ["--version"]): string {
  const run = spawnSync(requireBinary(binary), args, { encoding: "utf8" });
  // "deno 2.9.6 (stable, …)", "Chromium 156.0.… built on Debian…": the name and the number are enough.
  const first = (run.stdout || run.stderr).trim().split("\n")[0] ?? "";
  return first.split(" ").slice(0, 2).join(" ") || "unknown";
}

/** The conformance input for a Worker or a page, as a query string. */
function query(planned: PlannedSimulator): string {
  const { servers, redirectUrl, token } = planned;
  return `?${new URLSearchParams({ api: servers.apiUrl, redirect: redirectUrl, token })}`;
}

function parseReport(output: string): ConformanceReport | undefined {
  const line = output.split("\n").find((l) => l.startsWith(REPORT_MARKER));
  return line ? (JSON.parse(line.slice(REPORT_MARKER.length)) as ConformanceReport) : undefined;
}

function collect(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const timer = setTimeout(() => {
    output += `\n(killed after ${timeoutMs} ms)`;
    child.kill("SIGKILL");
  }, timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Asks until the server answers (workerd prints nothing when ready); gives up if it exits or after 15 s. */
async function untilListening(url: string, child: ChildProcess): Promise<Response> {
  const until = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode} before listening`);
    try {
      return await fetch(url, { signal: AbortSignal.timeout(RUN_TIMEOUT_MS) });
    } catch (error) {
      const refused = (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
      if (!refused || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
