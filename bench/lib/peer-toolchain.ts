/**
 * What `npm run bench -- peers` compares this SDK with, installed on demand into bench/peers/on-demand/node_modules
 * from bench/peers/on-demand/package-lock.json (exact versions), not by the root `npm ci`: the generators of the
 * generated peers (orval, @hey-api/openapi-ts, which need Node ≥ 22 and made the root install print 24 EBADENGINE
 * warnings on Node 20) and the full-featured clients the per-call and bundle rows are anchored on (openai, stripe,
 * ky, ofetch). The anchors' call.ts files sit in that folder and resolve the packages from it, as a consumer's
 * project would; the folder is a package of its own (not bench/peers/, where ours/calls.ts must still resolve
 * `@loyaltydog/sdk` from the root package). As test/runtimes/install.sh does for the runtime matrix, a re-run with
 * the lock unchanged installs nothing.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ON_DEMAND_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "peers", "on-demand");
const LOCK = join(ON_DEMAND_DIR, "package-lock.json");
const STAMP = join(ON_DEMAND_DIR, "node_modules", ".installed-from-lock");

/** Installs bench/peers/on-demand/package-lock.json unless that exact lock is what is installed; returns whether it installed. */
export function installPeerToolchain(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
  if (existsSync(STAMP) && readFileSync(STAMP, "utf8") === readFileSync(LOCK, "utf8")) return false;
  log(
    "peers: installing the peers' generators and clients into bench/peers/on-demand/node_modules (npm ci, once per lock)…",
  );
  // The generators ask for Node ≥ 22; they run on Node 20 for what the bench needs, so their engine warnings are
  // not the bench's output (--loglevel=error).
  const run = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: ON_DEMAND_DIR,
    encoding: "utf8",
  });
  if (run.status !== 0) {
    throw new Error(`npm ci in bench/peers/on-demand failed (exit ${run.status}):\n${run.stderr || run.stdout}`);
  }
  copyFileSync(LOCK, STAMP);
  return true;
}

/** The installed version of a package of bench/peers/on-demand/package.json. */
export function peerVersion(pkg: string): string {
  return (
    JSON.parse(readFileSync(join(ON_DEMAND_DIR, "node_modules", pkg, "package.json"), "utf8")) as { version: string }
  ).version;
}

/** A command of a package of bench/peers/on-demand/package.json (its node_modules/.bin entry). */
export const peerBin = (name: string): string => join(ON_DEMAND_DIR, "node_modules", ".bin", name);
