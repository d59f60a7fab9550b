// `npm run test:slow`: in a checkout, `npm run build` then `npx loyaltydog` runs the command. npx links the checkout
// into its cache and sets the bin's run bit once; a build that recreates dist/ without it turned every later
// `npx loyaltydog` into "Permission denied". Runs in a copy of the repo (the build replaces dist/) with an npm cache
// of its own (npx writes the link there).
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { copyRepo } from "../support/copy-repo.js";

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), "ldsdk-checkout-bin-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it("after npm run build, npx loyaltydog runs the built command", async () => {
  const checkout = join(root, "sdk");
  copyRepo(checkout);
  symlinkSync(join(repoRoot, "node_modules"), join(checkout, "node_modules"), "dir");
  const manifest = JSON.parse(readFileSync(join(checkout, "package.json"), "utf8")) as {
    version: string;
    bin: { loyaltydog: string };
  };
  const env = { ...process.env, npm_config_cache: join(root, "npm-cache"), npm_config_update_notifier: "false" };
  const npx = (extra: NodeJS.ProcessEnv = {}) =>
    run("npx", ["--no-install", "loyaltydog", "--version"], { cwd: checkout, env: { ...env, ...extra } });

  // A user who ran npx before: npx links the checkout and sets the bin's run bit (a stand-in bin is enough for that;
  // scripts off, or the link's `prepare` would build first).
  mkdirSync(dirname(join(checkout, manifest.bin.loyaltydog)), { recursive: true });
  writeFileSync(join(checkout, manifest.bin.loyaltydog), "#!/usr/bin/env node\nconsole.log('stand-in');\n");
  expect((await npx({ npm_config_ignore_scripts: "true" })).stdout.trim()).toBe("stand-in");

  // Then builds: dist/ is recreated, and the command must still run.
  await run("npm", ["run", "build"], { cwd: checkout, env, maxBuffer: 16 << 20 });
  expect(statSync(join(checkout, manifest.bin.loyaltydog)).mode & 0o111, "the built bin is executable").toBe(0o111);
  expect((await npx()).stdout.trim()).toBe(manifest.version);
}, 300_000);
