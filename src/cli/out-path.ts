import { randomBytes } from "node:crypto";
import { open, rm, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { prepareTargetDirectory } from "../node/target-directory.js";
import { UsageError } from "./exit-codes.js";

/**
 * Checks `--out` before anything is sent: an export can take minutes and a
 * download gigabytes, and finding out at the final rename that the path is a
 * directory (EISDIR) or its folder is missing or read-only wastes all of it.
 * Writability is tested by creating (and removing) a file there, the one test
 * that also holds for root and for read-only mounts.
 */
export async function checkOutPath(out: string, cwd: string): Promise<void> {
  const path = resolve(cwd, out);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new UsageError(`--out ${out} is a directory; give the file to write, e.g. --out ${out}/audit-logs.csv`);
  }
  if (existing && !existing.isFile()) throw new UsageError(`--out ${out} exists and is not a regular file`);
  const folder = dirname(path);
  // The same check as downloadToFile's, without creating anything: a missing folder is refused by both.
  const problem = await prepareTargetDirectory(path, false);
  if (problem) throw new UsageError(`--out ${out}: ${problem.problem}`);
  const probe = resolve(folder, `.loyaltydog-write-test.${randomBytes(6).toString("hex")}`);
  try {
    await (await open(probe, "wx")).close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UsageError(`--out ${out}: cannot write in ${folder} (${code})`);
  }
  await rm(probe, { force: true });
}
