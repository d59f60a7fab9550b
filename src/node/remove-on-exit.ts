import { unlinkSync } from "node:fs";

/**
 * Temporary files to remove if the process exits while they are still
 * temporary. A download cleans its `.part` up itself on every failure and
 * abort, but that clean-up is asynchronous: a `process.exit()` in the middle
 * (a CLI's second Ctrl-C, an app's own shutdown path) ends the process
 * before it runs, and used to leave hundreds of megabytes behind. Node runs
 * `exit` listeners synchronously on every normal exit, `process.exit()`
 * included, so one listener removes whatever is still registered. (A
 * SIGKILL or a crash of Node itself runs nothing; those leave the file.)
 *
 * One listener for all files, added while any is registered and removed
 * with the last, so many concurrent downloads add no listener warnings and
 * an idle process keeps none.
 */
const pending = new Set<string>();

function removeAll(): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone (renamed into place, or removed by the download's own clean-up).
    }
  }
}

/** Registers `path` for removal at exit; the returned function unregisters it (once it is renamed or removed). */
export function removeOnExit(path: string): () => void {
  if (pending.size === 0) process.on("exit", removeAll);
  pending.add(path);
  return () => {
    if (pending.delete(path) && pending.size === 0) process.off("exit", removeAll);
  };
}
