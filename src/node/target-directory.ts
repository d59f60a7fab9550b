import { mkdir, realpath, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/**
 * The folder a file is about to be written in, checked (and, when asked,
 * created) before anything is downloaded. `downloadToFile` and the CLI's
 * `--out` share it, so they agree: a missing folder is refused unless the
 * caller opts in to creating it (`createDirectories`), as `fs.writeFile` and
 * `curl -o` refuse it, because a typo in a path should not quietly grow a
 * new tree somewhere.
 *
 * Never Node's `mkdir(…, { recursive: true })`: on procfs `mkdir` answers
 * ENOENT for a folder whose parent exists, and Node's recursion takes that
 * for "parent missing", climbs to the parent (EEXIST), comes back, and spins
 * at 99 % CPU forever (`/proc/nope`). Here the folders are made one level at
 * a time from the nearest one that exists, and every failure is a sentence.
 * Paths under /proc and /sys (after symlinks) are refused outright: they are
 * views of the kernel, not storage, and a file "written" there is lost or
 * worse.
 *
 * Returns the problem as a sentence for the caller to wrap in its own error
 * (InvalidArgumentError, a CLI usage error), or undefined when the folder is
 * ready. `missing` says the problem is only that it does not exist yet.
 */
export async function prepareTargetDirectory(
  path: string,
  create: boolean,
): Promise<{ problem: string; missing: boolean } | undefined> {
  const folder = dirname(resolve(path));
  // The nearest folder that exists, and the ones below it to make.
  const toMake: string[] = [];
  let existing = folder;
  let info = await stat(existing).catch((error: NodeJS.ErrnoException) => error);
  while (info instanceof Error && info.code === "ENOENT" && dirname(existing) !== existing) {
    toMake.unshift(existing);
    existing = dirname(existing);
    info = await stat(existing).catch((error: NodeJS.ErrnoException) => error);
  }
  if (info instanceof Error) {
    // ENOTDIR: a file stands where a folder should be, somewhere above.
    return {
      problem:
        info.code === "ENOTDIR"
          ? `${folder} is not a directory (a file is in its path)`
          : `cannot use ${existing} (${info.code ?? info.message})`,
      missing: false,
    };
  }
  if (!info.isDirectory()) return { problem: `${existing} is not a directory`, missing: false };
  const real = await realpath(existing).catch(() => existing);
  const pseudo = ["/proc", "/sys"].find((root) => real === root || real.startsWith(`${root}/`));
  if (pseudo) {
    return { problem: `${folder} is in ${pseudo}, the kernel's view of the system, not storage`, missing: false };
  }
  if (toMake.length === 0) return undefined;
  if (!create) return { problem: `the directory ${folder} does not exist`, missing: true };
  for (const each of toMake) {
    try {
      await mkdir(each);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Made meanwhile by someone else: fine, if it is a folder.
      if (code === "EEXIST" && (await stat(each).catch(() => undefined))?.isDirectory()) continue;
      return { problem: `cannot create the directory ${each} (${code ?? String(error)})`, missing: false };
    }
  }
  return undefined;
}
