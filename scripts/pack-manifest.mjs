// `prepack` / `postpack`: the package.json that ships is the consumer's manifest, not the checkout's.
//
// The checkout needs its scripts (`prepare` builds dist/ after `npm ci`, `npm test`, …) and its devDependencies; a
// consumer needs neither. Shipped, `prepare` breaks every install that runs it (an unpacked copy in an npm workspace,
// a `file:` folder: `scripts/` is not in the package) and makes npm warn about it for a tarball, and the
// devDependencies of a workspace member are installed by the monorepo's `npm install` (our whole tool chain).
// npm has no setting for "publish without scripts", so the manifest is swapped for the length of `npm pack` /
// `npm publish` (the approach of `pinst` and `clean-publish`): `strip` sets the checkout's package.json aside in
// package.json.packing and writes the published one; `restore` moves it back. Both keep package.json's mtime, so
// the swap never makes dist/ look stale to build-if-stale.mjs.
//
// package.json.packing doubles as a lock: a second `npm pack` in the same folder (parallel test files) waits for the
// first to finish rather than setting aside the stripped manifest. A pack that died between the two steps (killed,
// disk full) leaves package.json.packing behind, visible in `git status`; the next pack refuses and says how to
// restore, so a stripped manifest is never taken for the real one.
//
// node scripts/pack-manifest.mjs strip|restore
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Fields of the checkout's manifest that mean nothing to a consumer (and, for scripts, do harm). */
export const DEVELOPMENT_FIELDS = ["scripts", "devDependencies"];

/** The manifest as published: the checkout's, minus its development fields, in the same key order and style. */
export function publishedManifest(text) {
  const manifest = JSON.parse(text);
  for (const field of DEVELOPMENT_FIELDS) delete manifest[field];
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** How long a second pack waits for the first; LOYALTYDOG_PACK_LOCK_WAIT_MS overrides it (tests). */
const LOCK_WAIT_MS = Number(process.env.LOYALTYDOG_PACK_LOCK_WAIT_MS || 60_000);

/** Sets the checkout's package.json aside (taking the lock) and writes the published manifest in its place. */
export async function strip(root, { waitMs = LOCK_WAIT_MS } = {}) {
  const manifest = join(root, "package.json");
  const aside = join(root, "package.json.packing");
  const lock = await takeLock(aside, waitMs);
  let published;
  try {
    const original = readFileSync(manifest);
    published = publishedManifest(original.toString("utf8"));
    writeSync(lock, original);
  } catch (error) {
    // Nothing was swapped yet: give the lock back rather than leave an empty or partial copy to restore from.
    closeSync(lock);
    unlinkSync(aside);
    throw error;
  }
  closeSync(lock);
  const { atime, mtime } = statSync(manifest);
  utimesSync(aside, atime, mtime);
  writeAtomically(manifest, published);
  utimesSync(manifest, atime, mtime);
}

/** Moves the checkout's package.json back (releasing the lock); a no-op when nothing was set aside. */
export function restore(root) {
  const aside = join(root, "package.json.packing");
  if (existsSync(aside)) renameSync(aside, join(root, "package.json"));
}

async function takeLock(aside, waitMs) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return openSync(aside, "wx");
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `${aside} is still there after ${waitMs / 1000} s: a pack is running in this folder, or one died half-way ` +
          "and left the published manifest in package.json. If no pack is running, put the checkout's back with " +
          "`node scripts/pack-manifest.mjs restore` (or `mv package.json.packing package.json`).",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Readers (npm, tests) see the old or the new file, never a half-written one. */
function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const step = process.argv[2];
  try {
    if (step === "strip") await strip(root);
    else if (step === "restore") restore(root);
    else throw new Error(`usage: node scripts/pack-manifest.mjs strip|restore (got ${JSON.stringify(step)})`);
  } catch (error) {
    console.error(`@loyaltydog/sdk: ${error.message}`);
    process.exitCode = 1;
  }
}
