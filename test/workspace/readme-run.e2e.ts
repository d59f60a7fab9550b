// `npm run test:workspace`: the README's promise, kept literally. A fresh `npm init -y` project is set up with the
// README's own "In a new project" steps and tsconfig, every ```ts block is compiled there unmodified, and each one is
// run against `loyaltydog simulator` (the installed package's command) with the two lines it prints exported into
// the snippet's environment, as a reader would paste them. Two blocks cannot run on their own by nature and are run
// the way they are meant to be: the testing-kit block is a vitest file (run with vitest, without the simulator's
// variables: it brings its own fake server), and the Redis block needs a Redis server (compiled only; the Redis tests
// in test:slow run the limiter against a real one).
//
// Versions are pinned: the packed SDK, and TypeScript, @types/node and the optional peers at the versions this repo's
// lockfile has (their dependencies too, through `overrides`).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { lockfilePins } from "./lockfile-pins.js";
import { removeWorkspace } from "./throwaway-workspace.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** What the README's sections tell a reader to install beside the SDK (the testing kit, TanStack Query, Redis). */
const PEERS = [
  "msw",
  "openapi-msw",
  "vitest",
  "react",
  "@types/react",
  "@tanstack/react-query",
  "rate-limiter-flexible",
  "ioredis",
];
const { pins } = lockfilePins(["typescript", "@types/node", ...PEERS]);
const exact = (names: readonly string[]) => names.map((name) => `${name}@${pins[name]}`);

/** The README's "In a new project" shell block and the JSON block after it (the tsconfig). */
function newProjectSteps(): { commands: string[]; tsconfig: string } {
  const from = readme.indexOf("**In a new project.**");
  expect(from, "README has an **In a new project.** paragraph").toBeGreaterThanOrEqual(0);
  const section = readme.slice(from);
  const sh = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return { commands: sh.split("\n").filter((line) => line.trim() !== ""), tsconfig: json };
}

/**
 * A README step as this test runs it: verbatim, except the SDK comes from the packed tarball (it is not published
 * from here) and packages at the pinned versions (`--save-exact`, so `overrides` and the manifest agree).
 */
function asRun(command: string, tarball: string): string[] {
  const words = command.split(/\s+/);
  if (command === "npm init -y" || command === "npm pkg set type=module") return words.slice(1);
  if (command === "npm install @loyaltydog/sdk") return ["install", "--no-audit", "--no-fund", tarball];
  const devInstall = /^npm install --save-dev ((?:[@\w/.-]+ ?)+)$/.exec(command);
  if (devInstall) {
    const names = (devInstall[1] as string).trim().split(" ");
    return ["install", "--no-audit", "--no-fund", "--save-dev", "--save-exact", ...exact(names)];
  }
  throw new Error(`the README's set-up has a step this test does not know how to run: ${command}`);
}

const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
const isVitestFile = (code: string) => /from "vitest"/.test(code);
const needsRedis = (code: string) => /from "ioredis"/.test(code);

let project = "";
let simulator: ChildProcess | undefined;
let exports: Record<string, string> = {};

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "ldsdk-readme-run-"));
  const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", project], {
    cwd: repoRoot,
    maxBuffer: 16 << 20,
  });
  const tarball = `./${(JSON.parse(stdout) as [{ filename: string }])[0].filename}`;
  const { commands, tsconfig } = newProjectSteps();
  expect(commands[0]).toBe("npm init -y");
  for (const [i, command] of commands.entries()) {
    await run(npm, asRun(command, tarball), { cwd: project, maxBuffer: 16 << 20 });
    if (i === 0) {
      // Pin what the installs below resolve (every dependency of a pinned package, at the lockfile's version).
      const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as Record<string, unknown>;
      manifest.overrides = pins;
      writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    }
  }
  await run(npm, ["install", "--no-audit", "--no-fund", "--save-dev", "--save-exact", ...exact(PEERS)], {
    cwd: project,
    maxBuffer: 16 << 20,
  });
  writeFileSync(join(project, "tsconfig.json"), tsconfig);
  snippets.forEach((code, i) => {
    // A vitest file keeps vitest's name for one; each block is its own module, as the snippet-compile check has it.
    const name = isVitestFile(code) ? `snippet-${i + 1}.test.ts` : `snippet-${i + 1}.ts`;
    writeFileSync(join(project, name), `${code}\nexport {};\n`);
  });

  // The reader's other shell: `npx loyaltydog simulator`, and the two lines it prints.
  const started = spawn(join(project, "node_modules/.bin/loyaltydog"), ["simulator", "--port", "0"], {
    cwd: project,
    stdio: ["ignore", "pipe", "pipe"],
  });
  simulator = started;
  const printed = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    started.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    started.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (/^export LOYALTYDOG_TOKEN=.*\n/m.test(stdout)) resolve(stdout);
    });
    started.once("exit", (code) => reject(new Error(`loyaltydog simulator exited ${code}:\n${stderr}`)));
  });
  exports = Object.fromEntries(
    [...printed.matchAll(/^export (\w+)=(\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );
}, 600_000);

afterAll(async () => {
  if (simulator && simulator.exitCode === null) {
    const exited = new Promise((resolve) => simulator?.once("exit", resolve));
    simulator.kill("SIGTERM");
    await exited;
  }
  removeWorkspace(project);
});

it("the project is what npm init -y and the README's steps make: ESM, with the README's tsconfig", () => {
  const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as Record<string, unknown>;
  expect(manifest.type).toBe("module");
  expect(Object.keys(exports).sort()).toEqual(["LOYALTYDOG_BASE_URL", "LOYALTYDOG_TOKEN"]);
});

it("compiles every ts block of the README with npx tsc and the README's tsconfig", async () => {
  expect(snippets.length).toBeGreaterThan(0);
  const result = await run(join(project, "node_modules/.bin/tsc"), ["-p", "."], { cwd: project }).then(
    () => "",
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}` || String(error),
  );
  // snippet-N is the README's Nth ```ts block.
  expect(result).toBe("");
}, 300_000);

it("runs every ts block against loyaltydog simulator, with only the two exports it printed", async () => {
  const outDir = (
    JSON.parse(readFileSync(join(project, "tsconfig.json"), "utf8")) as { compilerOptions: { outDir: string } }
  ).compilerOptions.outDir;
  const failures: string[] = [];
  for (const [i, code] of snippets.entries()) {
    if (isVitestFile(code) || needsRedis(code)) continue;
    const file = join(project, outDir, `snippet-${i + 1}.js`);
    const result = await run(process.execPath, [file], {
      cwd: project,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...exports },
      timeout: 120_000,
    }).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
    if ("code" in result && result.code) failures.push(`snippet-${i + 1} exited ${result.code}:\n${result.stderr}`);
  }
  expect(failures).toEqual([]);
  // The background-task blocks exported the README's date range: not an empty file.
  const csv = join(project, "audit.csv");
  expect(existsSync(csv)).toBe(true);
  expect(readFileSync(csv, "utf8").trimEnd().split("\n").length).toBeGreaterThan(1);
}, 600_000);

it("runs the testing-kit block with vitest, as the test file it is", async () => {
  const vitestBlocks = snippets.flatMap((code, i) => (isVitestFile(code) ? [`snippet-${i + 1}.test.ts`] : []));
  expect(vitestBlocks.length).toBeGreaterThan(0);
  const { PATH, HOME } = process.env;
  const result = await run(join(project, "node_modules/.bin/vitest"), ["run", ...vitestBlocks], {
    cwd: project,
    env: { PATH: PATH ?? "", HOME: HOME ?? "" },
  }).catch((error: { stdout?: string; stderr?: string }) => ({ failed: `${error.stdout}${error.stderr}` }));
  expect("failed" in result ? result.failed : "").toBe("");
}, 300_000);
