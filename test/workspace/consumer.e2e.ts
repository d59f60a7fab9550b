// Proves the package works as a workspace dependency in a monorepo, the way a consumer gets it:
// `npm pack` this repo's build, unpack it as `packages/sdk` of a throwaway npm workspace, add an app
// package that depends on `@loyaltydog/sdk` by name, type-check the app (strict; skipLibCheck on and
// off; moduleResolution bundler and nodenext) and run it with node.
//
// Offline install: the workspace's node_modules is laid out exactly as `npm install` lays out a
// workspace (hoisted; `node_modules/@loyaltydog/sdk` -> `../../packages/sdk`), but built by hand:
// third-party packages are symlinks to this repo's installed copies. Nothing touches a registry or the
// npm cache (`npm install --offline` would need every packument and tarball already cached, which a
// fresh CI machine cannot count on; symlinks need only what `npm ci` just installed), and only
// packages the SDK declares (dependencies + peers) and the app declares are linked, so an undeclared
// import in shipped code fails here. `npm ls` then checks that npm itself sees a valid workspace.
//
// Slow (pack + 5 tsc runs, ~75 s on 2 cores): run by `npm run test:workspace` (and `.ci/run`), not by `npm test`.

import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiOnlyTs, mainTs, requireCjs } from "./consumer-app.js";
import { thirdPartyModules } from "./pinned-versions.js";
import { removeWorkspace, writeWorkspaceRoot } from "./throwaway-workspace.js";

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
// Third-party packages come from what `npm ci` installed from the lockfile (or, under `npm run check:latest`, from
// the newest versions it installed: pinned-versions.ts).
const repoModules = realpathSync(thirdPartyModules());
const tsc = join(repoModules, "typescript/bin/tsc");

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

/** `npm run build` unless dist/ is newer than its inputs: the package's own `prepare` script does exactly that. */
async function ensureBuilt(): Promise<void> {
  await run(process.execPath, [join(repo, "scripts/build-if-stale.mjs")], { cwd: repo });
}

const combos = [
  { moduleResolution: "bundler", module: "ESNext", skipLibCheck: true },
  { moduleResolution: "bundler", module: "ESNext", skipLibCheck: false },
  { moduleResolution: "nodenext", module: "NodeNext", skipLibCheck: true },
  { moduleResolution: "nodenext", module: "NodeNext", skipLibCheck: false },
] as const;
type Combo = (typeof combos)[number];
const configName = (c: Combo) => `tsconfig.${c.moduleResolution}.skipLibCheck-${c.skipLibCheck}.json`;
/** The main entry alone, no DOM lib, skipLibCheck false: what a Node service that never loads msw sees. */
const apiOnlyConfig = "tsconfig.api-only.json";
/** The one combination that also emits the JavaScript the run step executes. */
const emitting = (c: Combo) => c.moduleResolution === "nodenext" && !c.skipLibCheck;

let root = "";
let app = "";
const typecheck = new Map<string, Promise<{ ok: boolean; output: string; ms: number }>>();

async function link(name: string, target: string): Promise<void> {
  const at = join(root, "node_modules", name);
  await mkdir(dirname(at), { recursive: true });
  await symlink(target, at, "dir");
}

/** Runs `tsc -p` for each combination, two at a time (CI has two cores). */
function startTypechecks(): void {
  let chain: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  [...combos.map(configName), apiOnlyConfig].forEach((config, i) => {
    const slot = i % 2;
    const result = (chain[slot] as Promise<unknown>).then(async () => {
      const started = Date.now();
      try {
        const { stdout, stderr } = await run(process.execPath, [tsc, "-p", config], { cwd: app });
        return { ok: true, output: stdout + stderr, ms: Date.now() - started };
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message, ms: Date.now() - started };
      }
    });
    chain = chain.map((c, s) => (s === slot ? result : c));
    typecheck.set(config, result);
  });
}

beforeAll(async () => {
  await ensureBuilt();
  root = mkdtempSync(join(tmpdir(), "loyaltydog-sdk-workspace-"));
  app = join(root, "packages/app");
  const sdkDir = join(root, "packages/sdk");
  await mkdir(sdkDir, { recursive: true });
  await mkdir(join(app, "src"), { recursive: true });

  // The SDK exactly as published: `npm pack` of the build, unpacked as a workspace package.
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", root], {
    cwd: repo,
  });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  await run("tar", ["-xzf", join(root, packed.filename), "-C", sdkDir, "--strip-components=1"]);
  const sdk = readJson<Manifest>(join(sdkDir, "package.json"));

  const appManifest = {
    name: "app",
    version: "0.0.0",
    private: true,
    type: "module",
    dependencies: { [sdk.name]: `^${sdk.version}` },
    devDependencies: {
      "@types/node": "*",
      msw: sdk.peerDependencies?.msw ?? "*",
      "openapi-msw": sdk.peerDependencies?.["openapi-msw"] ?? "*",
    },
  };
  await writeWorkspaceRoot(root);
  await writeFile(join(app, "package.json"), `${JSON.stringify(appManifest, null, 2)}\n`);
  await writeFile(join(app, "src/main.ts"), mainTs);
  await writeFile(join(app, "src/require.cjs"), requireCjs);
  await writeFile(join(app, "src/api-only.ts"), apiOnlyTs);
  const base = { strict: true, target: "ES2022", types: ["node"] };
  for (const combo of combos) {
    const compilerOptions = {
      ...base,
      // The testing kit brings in msw, whose declarations use DOM types (MessageEvent, RequestInfo…).
      lib: ["ES2023", "DOM"],
      module: combo.module,
      moduleResolution: combo.moduleResolution,
      skipLibCheck: combo.skipLibCheck,
      ...(emitting(combo) ? { outDir: "out", rootDir: "src" } : { noEmit: true }),
    };
    await writeFile(
      join(app, configName(combo)),
      `${JSON.stringify({ compilerOptions, include: ["src"] }, null, 2)}\n`,
    );
  }
  const apiOnly = {
    compilerOptions: { ...base, lib: ["ES2023"], module: "NodeNext", skipLibCheck: false, noEmit: true },
    files: ["src/api-only.ts"],
  };
  await writeFile(join(app, apiOnlyConfig), `${JSON.stringify(apiOnly, null, 2)}\n`);

  // Hoisted node_modules, as npm would leave it: workspace links plus the declared third-party packages.
  await link(sdk.name, join("..", "..", "packages/sdk"));
  await link("app", join("..", "packages/app"));
  const thirdParty = new Set([
    ...Object.keys(sdk.dependencies ?? {}),
    ...Object.keys(sdk.peerDependencies ?? {}),
    ...Object.keys(appManifest.devDependencies),
  ]);
  for (const name of thirdParty) await link(name, realpathSync(join(repoModules, name)));

  startTypechecks();
}, 180_000);

afterAll(() => removeWorkspace(root));

describe("@loyaltydog/sdk as an npm workspace dependency", () => {
  it("ships only built JS and .d.ts (no TypeScript sources), and the app resolves it by name", () => {
    const sdkDir = join(root, "packages/sdk");
    const files = readdirSync(sdkDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(sdkDir.length + 1));
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    // Resolved by name from the app, through the workspace link and the exports map.
    const resolved = realpathSync(createRequire(join(app, "package.json")).resolve("@loyaltydog/sdk"));
    expect(resolved).toBe(join(realpathSync(sdkDir), "dist/src/index.js"));
  });

  it("is a valid workspace tree to npm itself (npm ls --omit=dev, offline: nothing missing or invalid)", async () => {
    // --omit=dev: a workspace member's devDependencies are the SDK's own build tools, not the consumer's.
    const { stdout } = await run("npm", ["ls", "--offline", "--omit=dev", "--json", "--workspaces"], { cwd: root });
    const tree = JSON.parse(stdout) as {
      dependencies: Record<string, { version?: string; resolved?: string; dependencies?: Record<string, unknown> }>;
    };
    const sdk = readJson<Manifest>(join(root, "packages/sdk/package.json"));
    expect(tree.dependencies.app?.resolved).toBe("file:../packages/app");
    expect(tree.dependencies.app?.dependencies).toHaveProperty([sdk.name]);
    expect(tree.dependencies[sdk.name]?.version).toBe(sdk.version);
    expect(Object.keys(tree.dependencies[sdk.name]?.dependencies ?? {}).sort()).toEqual(
      Object.keys(sdk.dependencies ?? {}).sort(),
    );
  });

  for (const combo of combos) {
    it(`type-checks the app: strict, moduleResolution ${combo.moduleResolution}, skipLibCheck ${combo.skipLibCheck}`, async () => {
      const result = await typecheck.get(configName(combo));
      console.info(`${configName(combo)}: ${result?.ms} ms`);
      expect(result?.output.trim() ?? "no result", `${configName(combo)} (${result?.ms} ms)`).toBe("");
      expect(result?.ok).toBe(true);
    }, 180_000);
  }

  it("type-checks the main, ./tasks and ./node entries without the DOM lib, skipLibCheck false", async () => {
    const result = await typecheck.get(apiOnlyConfig);
    console.info(`${apiOnlyConfig}: ${result?.ms} ms`);
    expect(result?.output.trim() ?? "no result", `${apiOnlyConfig} (${result?.ms} ms)`).toBe("");
    expect(result?.ok).toBe(true);
  }, 180_000);

  it("runs the app with node: typed calls, exportAuditLogsAndWait, download, downloadToFile, the simulator on 127.0.0.1", async () => {
    await typecheck.get(configName(combos.find(emitting)!));
    const { stdout } = await run(process.execPath, ["out/main.js"], { cwd: app, timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toMatchObject({ ok: true, rows: 3 });
  }, 180_000);

  it.runIf(process.features.require_module)(
    "loads every entry from CommonJS with require() (require(esm)), without warnings",
    async () => {
      const { stdout, stderr } = await run(process.execPath, ["src/require.cjs"], { cwd: app, timeout: 60_000 });
      expect(JSON.parse(stdout.trim())).toEqual({ ok: true, require: true });
      expect(stderr).toBe("");
    },
  );
});
