import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, expect, it } from "vitest";
import { specCheck } from "../../src/cli/commands/spec-check.js";
import type { CliContext } from "../../src/cli/context.js";
import { findSdkCheckout } from "../../src/cli/repo-scripts.js";

// An installed package has dist/ but no scripts/: `spec check` must say so, not crash.
const installed = mkdtempSync(join(tmpdir(), "ldsdk-installed-"));
afterAll(() => rmSync(installed, { recursive: true, force: true }));

it("finds the checkout from src/cli, and none in an installed package without scripts/", () => {
  expect(findSdkCheckout()).toBeDefined();
  const cliDir = join(installed, "node_modules", "@loyaltydog", "sdk", "dist", "src", "cli");
  mkdirSync(cliDir, { recursive: true });
  writeFileSync(join(installed, "node_modules", "@loyaltydog", "sdk", "package.json"), '{"name":"@loyaltydog/sdk"}');
  expect(findSdkCheckout(cliDir)).toBeUndefined();
});

it("prints one clear line and exits 2 when there is no checkout", async () => {
  const stderr = new PassThrough();
  let text = "";
  stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  const ctx: CliContext = {
    env: {},
    cwd: installed,
    stdout: new PassThrough(),
    stderr,
    signal: new AbortController().signal,
    progress: { live: false, update() {}, done() {}, fail() {} },
  };
  expect(await specCheck(["--json"], ctx, () => undefined)).toBe(2);
  expect(text.trim().split("\n")).toHaveLength(1);
  expect(text).toMatch(/^error: spec check needs a checkout of the SDK repo/);
});
