import { readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { countOperations, isUrl, type LoadedSpec } from "./spec-source.js";
import { writeFileAtomic } from "./write-atomic.js";

/** What generated/ was made from. Written by spec:pull, read by generate and the drift check. No timestamps: same spec, same pin. */
export interface SpecPin {
  /**
   * Where a teammate gets this spec (recordedSource): a URL, or a path relative to the repository root with `/`
   * separators (`../shared/…`); null when it came from a place only one machine has (a temp or home folder).
   */
  source: string | null;
  /** sha256 of the canonical JSON (sorted keys, no whitespace): formatting is not a change. */
  canonicalSha256: string;
  /** sha256 of the bytes as served, for matching against what upstream publishes. */
  rawSha256: string;
  bytes: number;
  openapi: string;
  infoVersion: string | null;
  paths: number;
  operations: number;
  schemas: number;
}

function pinPath(root: string): string {
  return resolve(root, "openapi", "pin.json");
}

/** `root`: the repository the pin belongs to (a recorded path is relative to it). */
export function pinFor(spec: LoadedSpec, root: string): SpecPin {
  return {
    source: recordedSource(spec.source, root),
    canonicalSha256: spec.canonicalSha256,
    rawSha256: spec.rawSha256,
    bytes: spec.bytes,
    openapi: spec.doc.openapi,
    infoVersion: typeof spec.doc.info.version === "string" ? spec.doc.info.version : null,
    paths: Object.keys(spec.doc.paths).length,
    operations: countOperations(spec.doc),
    schemas: Object.keys(spec.doc.components?.schemas ?? {}).length,
  };
}

export function readPin(root: string): SpecPin | undefined {
  try {
    return JSON.parse(readFileSync(pinPath(root), "utf8")) as SpecPin;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function writePin(root: string, pin: SpecPin): Promise<void> {
  await writeFileAtomic(pinPath(root), `${JSON.stringify(pin, null, 2)}\n`);
}

/**
 * What the pin records for `--source`: something that still means the same on a teammate's machine and in CI,
 * because the pin is committed. A URL as given, less any `user:password@`. A file as a path relative to the
 * repository root when it is in the repository or in the folder that holds it (`../shared/…` beside a clone, as
 * CI and `.ci/run` lay it out), or shares some other folder with it below the filesystem root, the home folder
 * and the temp folder (`../../shared/…` from a worktree). Anything else is a place only this machine has (a
 * download, a file in /tmp beside nothing): null, never an absolute path.
 * `cwd`: what a relative `--source` was relative to (npm runs scripts in the package root).
 */
export function recordedSource(source: string, root: string, cwd = process.cwd()): string | null {
  if (isUrl(source)) {
    const url = new URL(source);
    url.username = "";
    url.password = "";
    return url.href;
  }
  const file = resolve(cwd, source);
  const base = resolve(root);
  const shared = commonFolder(file, base);
  const tmp = resolve(tmpdir());
  // The folder holding the repository counts, unless that is the temp folder (or /) itself: a scratch clone
  // made straight in /tmp shares it with every other temp file.
  const besideTheRepository =
    shared === base || (shared === dirname(base) && shared !== tmp && shared !== rootOf(base));
  if (!besideTheRepository && isPrivateAncestor(shared, [rootOf(base), resolve(homedir()), tmp])) return null;
  const path = relative(base, file).split(sep).join("/");
  return path === "" || isAbsolute(path) ? null : path;
}

/** Where a recorded source is read from: a URL as is, a relative path against the repository root. */
export function sourceLocation(recorded: string, root: string): string {
  return isUrl(recorded) ? recorded : resolve(root, recorded);
}

function commonFolder(a: string, b: string): string {
  let folder = b;
  while (relative(folder, a).startsWith("..") || isAbsolute(relative(folder, a))) {
    const up = dirname(folder);
    if (up === folder) return folder;
    folder = up;
  }
  return folder;
}

/** The filesystem root, the home and temp folders, and every folder above them: shared by unrelated files. */
function isPrivateAncestor(folder: string, privateFolders: readonly string[]): boolean {
  for (const p of privateFolders) {
    const rel = relative(folder, p);
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) return true;
  }
  return false;
}

function rootOf(path: string): string {
  let folder = path;
  while (dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** A line for the scripts' output when the pin could not record the source (empty otherwise). */
export function unsharedSourceNote(pin: SpecPin): string {
  if (pin.source !== null) return "";
  return (
    "note: openapi/pin.json records no source, as this file is only on this machine: for teammates and CI, " +
    "put the spec beside the repository (../shared/…) or pull it from a URL\n"
  );
}
