// The package as `npm pack` makes it, installed for real (npm, registry or its cache) the three ways a team takes a
// package that is not (or not yet) from the registry, each followed by a run of the library and of the `loyaltydog`
// command against the simulator on 127.0.0.1:
//
// - unpacked into `packages/sdk` of an npm workspace (vendored), the app depending on it by name;
// - a `file:` dependency on the unpacked folder;
// - a dependency on the tarball itself (what `npm install ./loyaltydog-sdk-x.tgz` writes).
//
// Each must install without running or mentioning a script of ours (the shipped package.json has none: a shipped
// `prepare` broke the first two, `scripts/` not being in the package, and made npm warn on the third) and without our
// devDependencies. Versions are pinned: the SDK's dependencies, and theirs, resolve to this repo's lockfile
// (`overrides`), never to whatever the registry has today.
//
// Slow (a pack and three npm installs): `npm run test:workspace`.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type ListeningSimulator,
} from "../../src/testing/index.js";
import { lockfilePins } from "./lockfile-pins.js";
import { removeWorkspace } from "./throwaway-workspace.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;
const checkout = readJson<Manifest>(join(repoRoot, "package.json"));

let root = "";
let tarball = "";
let simulator: ListeningSimulator | undefined;
let pins: Record<string, string> = {};

/** `node app.mjs`: typed calls through two entries, as a consumer's JavaScript would make them. */
const appMjs = `import { createLoyaltyDogClient, VERSION } from "@loyaltydog/sdk";
import { paginate } from "@loyaltydog/sdk/paginate";

const client = createLoyaltyDogClient({
  token: process.env.LOYALTYDOG_TOKEN,
  baseUrl: process.env.LOYALTYDOG_BASE_URL,
});
const { data, error } = await client.GET("/v2/token");
if (error) throw new Error("GET /v2/token failed");
let entries = 0;
for await (const _ of paginate(client, "/v2/giftcards/audit-logs", { params: { query: { limit: 50 } } })) entries++;
console.log(JSON.stringify({ version: VERSION, name: data.name, entries }));
`;

const appManifest = (dependency: string) => ({
  name: "app",
  version: "0.0.0",
  private: true,
  type: "module",
  dependencies: { [checkout.name]: dependency },
});

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function unpack(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
}

async function npmInstall(cwd: string): Promise<string> {
  const { stdout, stderr } = await run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd,
    maxBuffer: 16 << 20,
  });
  return stdout + stderr;
}

/** What an installed copy must do: the library's calls and the `loyaltydog` command, against the simulator. */
async function expectItRuns(app: string): Promise<void> {
  const env = {
    ...process.env,
    LOYALTYDOG_TOKEN: DEFAULT_SIMULATOR_TOKEN,
    LOYALTYDOG_BASE_URL: simulator?.apiUrl ?? "",
  };
  const library = await run(process.execPath, ["app.mjs"], { cwd: app, env, timeout: 60_000 });
  expect(JSON.parse(library.stdout)).toEqual({ version: checkout.version, name: expect.any(String), entries: 120 });
  // Through the bin link npm made (its run bit, its shebang), a whole export: start, wait, download.
  const cli = await run(binOf(app, "loyaltydog"), ["audit-logs", "export", "--format", "csv", "--out", "audit.csv"], {
    cwd: app,
    env,
    timeout: 60_000,
  });
  expect(cli.stdout.trim()).toBe("audit.csv");
  expect(readFileSync(join(app, "audit.csv"), "utf8").trimEnd().split("\n")).toHaveLength(121);
  // The app did not install the testing kit's optional peers: the simulator command says what to install.
  const noPeers = await run(binOf(app, "loyaltydog"), ["simulator", "--port", "0"], { cwd: app, env }).catch(
    (error: { code: number; stderr: string }) => error,
  );
  expect(noPeers).toMatchObject({ code: 2 });
  expect(noPeers.stderr).toContain("needs the optional peer dependencies msw and openapi-msw");
}

/** The nearest node_modules/.bin/<name> at or above `dir` (a workspace hoists its members' bins to the root). */
function binOf(dir: string, name: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, "node_modules/.bin", name))) return join(at, "node_modules/.bin", name);
    if (dirname(at) === at) throw new Error(`no node_modules/.bin/${name} above ${dir}`);
  }
}

/** Nothing of ours ran or was mentioned: no `prepare`, no install-scripts warning. */
function expectNoScripts(output: string): void {
  expect(output).not.toMatch(/prepare|build-if-stale|install-scripts|@loyaltydog\/sdk: /);
}

/** Only the SDK's runtime dependencies (and theirs) were installed, none of its devDependencies. */
function expectNoDevDependencies(modules: string): void {
  const installed = readdirSync(modules).flatMap((name) =>
    name.startsWith("@") ? readdirSync(join(modules, name)).map((scoped) => `${name}/${scoped}`) : [name],
  );
  const dev = Object.keys(checkout.devDependencies ?? {});
  expect(installed.filter((name) => dev.includes(name))).toEqual([]);
  for (const name of installed.filter((n) => !n.startsWith("."))) {
    const version = readJson<Manifest>(join(modules, name, "package.json")).version;
    if (pins[name]) expect(`${name}@${version}`).toBe(`${name}@${pins[name]}`);
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "ldsdk-packed-"));
  // The real `npm pack` in the checkout (prepack builds dist/ if stale, then swaps in the published manifest).
  const { stdout } = await run(npm, ["pack", "--json", "--pack-destination", root], {
    cwd: repoRoot,
    maxBuffer: 16 << 20,
  });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  tarball = join(root, packed.filename);
  pins = lockfilePins(Object.keys(checkout.dependencies ?? {})).pins;
  simulator = await createLoyaltyDogSimulator().listen();
}, 300_000);

afterAll(async () => {
  await simulator?.close();
  removeWorkspace(root);
});

it("the packed package.json has no scripts and no devDependencies", async () => {
  const { stdout } = await run("tar", ["-xzOf", tarball, "package/package.json"]);
  const shipped = JSON.parse(stdout) as Manifest;
  expect(shipped.scripts).toBeUndefined();
  expect(shipped.devDependencies).toBeUndefined();
  expect(shipped.dependencies).toEqual(checkout.dependencies);
});

/**
 * One way of installing it: `setup` lays out the folders and says where `npm install` runs and where the app is;
 * then the install must run nothing of ours and install none of our devDependencies, and the app must run.
 */
function installedAs(title: string, setup: () => Promise<{ installIn: string; app: string }>): void {
  describe(title, () => {
    let dirs = { installIn: "", app: "" };
    let output = "";
    beforeAll(async () => {
      dirs = await setup();
      await writeFile(join(dirs.app, "app.mjs"), appMjs);
      output = await npmInstall(dirs.installIn);
    }, 300_000);

    it("installs: no script run or warned about, no devDependency, the SDK resolved by name", () => {
      expectNoScripts(output);
      expectNoDevDependencies(join(dirs.installIn, "node_modules"));
      const installed = join(dirs.installIn, "node_modules", checkout.name, "package.json");
      expect(readJson<Manifest>(installed).version).toBe(checkout.version);
    });

    it("runs: the library from the app, the loyaltydog command", async () => {
      await expectItRuns(dirs.app);
    }, 120_000);
  });
}

installedAs("unpacked into packages/sdk of an npm workspace (npm install at its root)", async () => {
  const workspace = join(root, "workspace");
  const app = join(workspace, "packages/app");
  await unpack(join(workspace, "packages/sdk"));
  await mkdir(app, { recursive: true });
  await writeJson(join(workspace, "package.json"), {
    name: "consumer-monorepo",
    private: true,
    workspaces: ["packages/*"],
    overrides: pins,
  });
  await writeJson(join(app, "package.json"), appManifest(checkout.version));
  return { installIn: workspace, app };
});

// npm links a folder dependency without installing the folder's own dependencies (it expects `npm install` there);
// `install-links=true` makes it pack the folder and install it like a tarball, which is what a team vendoring a built
// package wants. Packing the folder runs its `prepare`: the one this package used to ship failed there.
installedAs("as a file: dependency on the unpacked folder (install-links)", async () => {
  const sdk = join(root, "file-dep/sdk");
  const app = join(root, "file-dep/app");
  await unpack(sdk);
  await mkdir(app, { recursive: true });
  await writeJson(join(app, "package.json"), { ...appManifest(`file:${relative(app, sdk)}`), overrides: pins });
  await writeFile(join(app, ".npmrc"), "install-links=true\n");
  return { installIn: app, app };
});

// What `npm install ./loyaltydog-sdk-x.tgz` writes; npm used to warn about the shipped `prepare` here.
installedAs("as a tarball dependency", async () => {
  const app = join(root, "tarball-dep/app");
  await mkdir(app, { recursive: true });
  await writeJson(join(app, "package.json"), { ...appManifest(`file:${relative(app, tarball)}`), overrides: pins });
  return { installIn: app, app };
});
