import { readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/config.js";

/** The root package.json of a throwaway npm workspace whose packages live in packages/*. */
export async function writeWorkspaceRoot(root: string): Promise<void> {
  await writeFile(
    join(root, "package.json"),
    `${JSON.stringify({ name: "consumer-monorepo", private: true, workspaces: ["packages/*"] }, null, 2)}\n`,
  );
}

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  link?: boolean;
  [field: string]: unknown;
}
export interface WorkspaceLock {
  name: string;
  lockfileVersion: 3;
  requires: true;
  packages: Record<string, LockEntry>;
}

/**
 * A package-lock.json for a throwaway workspace whose `packages/sdk` is a copy of this repository and whose
 * `packages/app` is `app`: every third-party package at the version this repository's lockfile names, hoisted where
 * it hoists them, so `npm install` there resolves nothing the lockfile does not name (a workspace member's own
 * lockfile is ignored by npm; without this the SDK's dev tools would come at whatever their ranges allow today).
 * The app's dependencies must be in the repository's lockfile, at exact versions it has.
 */
export async function writeWorkspaceLock(
  root: string,
  app: { name: string; version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> },
): Promise<WorkspaceLock> {
  const repoLock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as WorkspaceLock;
  const sdk = repoLock.packages[""] as LockEntry;
  const thirdParty = Object.entries(repoLock.packages).filter(([path]) => path.startsWith("node_modules/"));
  const lock: WorkspaceLock = {
    name: "consumer-monorepo",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "consumer-monorepo", workspaces: ["packages/*"] },
      "node_modules/app": { resolved: "packages/app", link: true },
      [`node_modules/${sdk.name}`]: { resolved: "packages/sdk", link: true },
      ...Object.fromEntries(thirdParty),
      "packages/app": app,
      "packages/sdk": sdk,
    },
  };
  await writeFile(join(root, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
  return lock;
}

/** Removes the throwaway workspace, or keeps it (and says where) with LOYALTYDOG_KEEP_WORKSPACE set. */
export function removeWorkspace(root: string): void {
  if (!root) return;
  if (process.env.LOYALTYDOG_KEEP_WORKSPACE) console.log(`kept the throwaway workspace: ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
