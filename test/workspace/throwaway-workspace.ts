import { rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The root package.json of a throwaway npm workspace whose packages live in packages/*. */
export async function writeWorkspaceRoot(root: string): Promise<void> {
  await writeFile(
    join(root, "package.json"),
    `${JSON.stringify({ name: "consumer-monorepo", private: true, workspaces: ["packages/*"] }, null, 2)}\n`,
  );
}

/** Removes the throwaway workspace, or keeps it (and says where) with LOYALTYDOG_KEEP_WORKSPACE set. */
export function removeWorkspace(root: string): void {
  if (!root) return;
  if (process.env.LOYALTYDOG_KEEP_WORKSPACE) console.log(`kept the throwaway workspace: ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
