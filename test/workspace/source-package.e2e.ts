// The SDK as *source* in someone's npm workspace (a folder of the monorepo, not a tarball): a real
// `npm install` at the monorepo root must leave it built, importable and typed, with no manual build.
// What makes it so is the SDK's `prepare` script (scripts/build-if-stale.mjs), which npm runs for a
// workspace package after installing; this test runs npm for real (registry or npm cache) in a throwaway
// workspace: packages/sdk is a copy of this repo as a clone has it (no dist/), packages/app depends on
// `@loyaltydog/sdk` by name, then the app is type-checked (strict, nodenext) and run. The workspace's lockfile is
// built from this repository's (writeWorkspaceLock), so npm installs the versions the lockfile names, not today's.
//
// Slow (npm install of the SDK's dev tools + a tsc build + a tsc check): run by `npm run test:workspace`.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepo } from "../support/copy-repo.js";
import { mainTs } from "./consumer-app.js";
import { lockedVersion } from "./pinned-versions.js";
import { removeWorkspace, type WorkspaceLock, writeWorkspaceLock, writeWorkspaceRoot } from "./throwaway-workspace.js";

const run = promisify(execFile);
let root = "";
let app = "";
let sdkDir = "";
let install = { stdout: "", stderr: "", ms: 0 };
let lock: WorkspaceLock | undefined;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "loyaltydog-sdk-source-workspace-"));
  sdkDir = join(root, "packages/sdk");
  app = join(root, "packages/app");
  copyRepo(sdkDir);
  await mkdir(join(app, "src"), { recursive: true });
  const sdk = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  await writeWorkspaceRoot(root);
  const appManifest = {
    name: "app",
    version: "0.0.0",
    private: true,
    type: "module",
    dependencies: { [sdk.name]: `^${sdk.version}` },
    // Exact, and the ones this repository's lockfile has: the workspace's lockfile is built from it (below).
    devDependencies: Object.fromEntries(
      ["@types/node", "typescript", "msw", "openapi-msw"].map((name) => [name, lockedVersion(name)]),
    ),
  };
  await writeFile(join(app, "package.json"), `${JSON.stringify(appManifest, null, 2)}\n`);
  lock = await writeWorkspaceLock(root, appManifest);
  await writeFile(join(app, "src/main.ts"), mainTs);
  const compilerOptions = {
    strict: true,
    target: "ES2022",
    lib: ["ES2023", "DOM"],
    types: ["node"],
    module: "NodeNext",
    moduleResolution: "nodenext",
    outDir: "out",
    rootDir: "src",
  };
  await writeFile(join(app, "tsconfig.json"), `${JSON.stringify({ compilerOptions, include: ["src"] }, null, 2)}\n`);

  // The real thing: npm resolves, fetches (or takes from its cache), links the workspace and runs `prepare`.
  const started = Date.now();
  const result = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: root,
    env: { ...process.env, npm_config_loglevel: "warn" },
    maxBuffer: 64 * 1024 * 1024,
  });
  install = { ...result, ms: Date.now() - started };
  console.info(`npm install in the throwaway workspace: ${install.ms} ms`);
}, 900_000);

afterAll(() => removeWorkspace(root));

describe("@loyaltydog/sdk as a source folder in an npm workspace", () => {
  it("npm install builds it (prepare) and links it: the app resolves the built entry by name", () => {
    expect(existsSync(join(sdkDir, "dist/src/index.d.ts")), `${install.stdout}\n${install.stderr}`).toBe(true);
    const resolved = realpathSync(createRequire(join(app, "package.json")).resolve("@loyaltydog/sdk"));
    expect(resolved).toBe(join(realpathSync(sdkDir), "dist/src/index.js"));
  });

  it("npm installs exactly what the repository's lockfile names (nothing resolved from today's registry)", () => {
    const installed = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as WorkspaceLock;
    const moved = Object.entries(lock?.packages ?? {})
      .filter(([path, entry]) => path.startsWith("node_modules/") && !entry.link)
      .filter(([path, entry]) => installed.packages[path]?.version !== entry.version)
      .map(([path, entry]) => `${path}: ${entry.version} -> ${installed.packages[path]?.version}`);
    expect(moved).toEqual([]);
    const added = Object.keys(installed.packages).filter((path) => !(path in (lock?.packages ?? {})));
    expect(added).toEqual([]);
    const typescript = JSON.parse(readFileSync(join(root, "node_modules/typescript/package.json"), "utf8"));
    expect(typescript.version).toBe(lockedVersion("typescript"));
  });

  it("the app type-checks (strict, nodenext) and runs against it with no build step of its own", async () => {
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    const checked = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: app }).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    expect(`${checked.stdout}${checked.stderr}`.trim()).toBe("");
    const { stdout } = await run(process.execPath, ["out/main.js"], { cwd: app, timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toMatchObject({ ok: true, rows: 3 });
  }, 300_000);

  it("a second npm install leaves the up-to-date build alone", async () => {
    const before = readFileSync(join(sdkDir, "dist/src/index.js"));
    const { stdout, stderr } = await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--prefer-offline", "--foreground-scripts"],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    // The prepare script speaks on stderr, so `npm pack --json` and friends keep a clean stdout.
    expect(stdout + stderr).toContain("@loyaltydog/sdk: dist/ is up to date");
    expect(readFileSync(join(sdkDir, "dist/src/index.js")).equals(before)).toBe(true);
  }, 600_000);
});
