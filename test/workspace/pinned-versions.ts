// The one place that says which versions the gating workspace checks install into throwaway projects. Gating
// checks must give the same result for the same commit tomorrow, so nothing here is a range or a dist-tag: what
// the repository already tests comes from package-lock.json, the rest is an exact version written below and moved
// forward on purpose (bump it, run `npm run test:workspace`, commit both). What the registry serves *today* is
// `npm run check:latest`'s business (scripts/check-latest.ts): it resolves every name below at its newest
// version and points these checks at that set through LOYALTYDOG_LATEST_DIR, without gating anything.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/config.js";

/** Today's TypeScript: what `npm install typescript` gives a new reader of the README. */
export const TODAYS_TYPESCRIPT = "7.0.2";

/**
 * The ioredis majors the Redis limiter is checked with: the lockfile's 5 (the repository's own tests) and 6, whose
 * declarations import `redis-errors` (no types of its own: `@types/redis-errors`, below, is what the README adds).
 */
export const IOREDIS_6 = "6.1.0";
export const TYPES_REDIS_ERRORS = "1.2.3";

interface Lockfile {
  packages: Record<string, { version?: string; link?: boolean }>;
}

/** The version package-lock.json installs for a top-level package; throws when the lockfile has none. */
export function lockedVersion(name: string): string {
  const lock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as Lockfile;
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (version === undefined) throw new Error(`package-lock.json has no ${name}: pin it in ${import.meta.filename}`);
  return version;
}

/** Set by `npm run check:latest`: a folder with `versions.json` (name → version) and their `node_modules`. */
const latestDir = process.env.LOYALTYDOG_LATEST_DIR || undefined;

/** True under `npm run check:latest`: the versions below are what the registry served, not the pins. */
export const checkingLatest = latestDir !== undefined;

/**
 * What the README tells a reader to install beside the SDK, name → exact version: today's TypeScript, the optional
 * peers of its sections (Redis limits, TanStack Query, testing) and their types.
 */
export function readerVersions(): Record<string, string> {
  if (latestDir !== undefined) {
    return JSON.parse(readFileSync(join(latestDir, "versions.json"), "utf8")) as Record<string, string>;
  }
  return {
    typescript: TODAYS_TYPESCRIPT,
    "@types/node": lockedVersion("@types/node"),
    "rate-limiter-flexible": lockedVersion("rate-limiter-flexible"),
    ioredis: IOREDIS_6,
    "@types/redis-errors": TYPES_REDIS_ERRORS,
    react: lockedVersion("react"),
    "@types/react": lockedVersion("@types/react"),
    "@tanstack/react-query": lockedVersion("@tanstack/react-query"),
    msw: lockedVersion("msw"),
    "openapi-msw": lockedVersion("openapi-msw"),
    vitest: lockedVersion("vitest"),
  };
}

/** The ioredis versions a reader's project is checked with: the pinned 6 (or the latest) and the lockfile's 5. */
export function ioredisVersions(): string[] {
  const five = lockedVersion("ioredis");
  const current = readerVersions().ioredis ?? IOREDIS_6;
  return current === five ? [current] : [current, five];
}

/** `name@version` for `npm install`, every one exact. */
export function installSpecs(versions: Record<string, string>): string[] {
  return Object.entries(versions).map(([name, version]) => {
    if (!/^\d+\.\d+\.\d+(?:-[\w.]+)?$/.test(version)) {
      throw new Error(`${name}@${version} is not an exact version: gating checks install exact versions only`);
    }
    return `${name}@${version}`;
  });
}

/**
 * Where the workspace check links third-party packages from: this repository's node_modules (installed from the
 * lockfile by `npm ci`), or under `npm run check:latest` the folder it installed the newest versions into.
 */
export function thirdPartyModules(): string {
  const dir = latestDir === undefined ? join(repoRoot, "node_modules") : join(latestDir, "node_modules");
  if (!existsSync(dir)) throw new Error(`${dir} is missing`);
  return dir;
}
