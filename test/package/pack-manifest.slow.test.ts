// `npm run test:slow` (real `npm pack` runs). What `npm pack` ships as package.json: the checkout's manifest without its scripts and devDependencies (prepack /
// postpack, scripts/pack-manifest.mjs), while the checkout keeps its own, byte for byte and with its mtime (so dist/
// never looks stale afterwards). Real `npm pack` runs in a staged copy of the package (the manifest, the two scripts,
// a stand-in dist/), so the checkout's package.json is never swapped under the other tests.
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";

const run = promisify(execFile);
const checkoutManifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
let stage = "";

beforeEach(() => {
  stage = mkdtempSync(join(tmpdir(), "ldsdk-pack-manifest-"));
  for (const file of [
    "package.json",
    "README.md",
    "LICENSE",
    "scripts/pack-manifest.mjs",
    "scripts/build-if-stale.mjs",
  ])
    cpSync(join(repoRoot, file), join(stage, file), { preserveTimestamps: true });
  // A built-looking dist/, newer than every build input, so prepack's build-if-stale has nothing to do.
  mkdirSync(join(stage, "dist/src/cli"), { recursive: true });
  writeFileSync(join(stage, "dist/src/index.js"), "export {};\n");
  writeFileSync(join(stage, "dist/src/cli/main.js"), "#!/usr/bin/env node\n");
  const later = new Date(statSync(join(stage, "package.json")).mtimeMs + 60_000);
  for (const file of ["dist/src/index.js", "dist/src/cli/main.js"]) utimesSync(join(stage, file), later, later);
});
afterEach(() => rmSync(stage, { recursive: true, force: true }));

async function pack(dest: string, env: NodeJS.ProcessEnv = {}): Promise<Record<string, unknown>> {
  mkdirSync(dest, { recursive: true });
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dest], {
    cwd: stage,
    env: { ...process.env, ...env },
  });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  const { stdout: manifest } = await run("tar", ["-xzOf", join(dest, packed.filename), "package/package.json"]);
  return JSON.parse(manifest) as Record<string, unknown>;
}

describe("npm pack ships the consumer's package.json", () => {
  it("without scripts (no prepare) or devDependencies, and leaves the checkout's package.json as it was", async () => {
    const manifest = join(stage, "package.json");
    const before = { text: readFileSync(manifest), mtime: statSync(manifest).mtimeMs };
    const shipped = await pack(join(stage, "out"));
    expect(shipped).not.toHaveProperty("scripts");
    expect(shipped).not.toHaveProperty("devDependencies");
    // Every other field as the checkout has it, in the same order.
    const { scripts: _scripts, devDependencies: _dev, ...rest } = checkoutManifest;
    expect(shipped).toEqual(rest);
    expect(Object.keys(shipped)).toEqual(Object.keys(rest));
    // The checkout's manifest is back byte for byte, with its mtime (dist/ must not look stale), and no lock is left.
    expect(readFileSync(manifest).equals(before.text)).toBe(true);
    expect(statSync(manifest).mtimeMs).toBe(before.mtime);
    expect(existsSync(join(stage, "package.json.packing"))).toBe(false);
  });

  it("two packs at once in one folder both ship the clean manifest and leave the checkout's", async () => {
    const before = readFileSync(join(stage, "package.json"));
    const shipped = await Promise.all([pack(join(stage, "a")), pack(join(stage, "b"))]);
    for (const manifest of shipped) expect(manifest).not.toHaveProperty("scripts");
    expect(readFileSync(join(stage, "package.json")).equals(before)).toBe(true);
    expect(existsSync(join(stage, "package.json.packing"))).toBe(false);
  }, 30_000);

  it("refuses to pack after a pack that died half-way, saying how to restore, and touches nothing", async () => {
    const before = readFileSync(join(stage, "package.json"));
    writeFileSync(join(stage, "package.json.packing"), before);
    const failed = await pack(join(stage, "out"), { LOYALTYDOG_PACK_LOCK_WAIT_MS: "300" }).then(
      () => undefined,
      (error: { stderr: string }) => error,
    );
    expect(failed?.stderr).toContain("package.json.packing is still there");
    expect(failed?.stderr).toContain("node scripts/pack-manifest.mjs restore");
    expect(readFileSync(join(stage, "package.json")).equals(before)).toBe(true);
    expect(readdirSync(join(stage, "out"))).toEqual([]);
  });
});
