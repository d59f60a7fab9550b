import { createHash, type Hash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { type FileHandle, lstat, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type AnyLoyaltyDogClient, internalsOf } from "../core/client/client-internals.js";
import { DownloadIntegrityError } from "../core/download/download-errors.js";
import {
  type DownloadOptions,
  type DownloadSession,
  openDownload,
  type ResumePoint,
} from "../core/download/download-session.js";
import { ifRangeValue, md5FromEtag, type ObjectIdentity } from "../core/download/download-validator.js";
import { InvalidArgumentError } from "../core/errors/invalid-argument.js";
import { removeOnExit } from "./remove-on-exit.js";
import { prepareTargetDirectory } from "./target-directory.js";

export interface DownloadToFileOptions extends DownloadOptions {
  /** Called as bytes arrive: `bytes` on disk so far, `total` the object's size when the host says it. */
  onProgress?: (progress: { bytes: number; total: number | undefined }) => void;
  /**
   * Make the file resumable across calls and processes. The bytes go to
   * `<path>.part`, what identifies the object (ETag or Last-Modified, size)
   * to `<path>.part.json`, and both are kept when the download fails or is
   * aborted — unless the bytes are wrong, not just short, or the host sent
   * no ETag or Last-Modified to resume against. A later call with
   * `resume: true` (and a fresh URL to the same object, say after
   * DownloadExpiredError) continues from them; if the object changed in the
   * meantime, the host's `If-Range` answer says so and the `.part` starts
   * over. Default false: a temporary `<name>.<random>.part`, removed on any failure.
   */
  resume?: boolean;
  /**
   * Create the folders of `path` that do not exist yet. Default false: a missing folder is an
   * InvalidArgumentError before anything is downloaded, as for the CLI's `--out` (a typo in a path should not
   * grow a new tree). Paths under /proc or /sys, or through a file, are refused either way.
   */
  createDirectories?: boolean;
}

export interface SavedDownload {
  path: string;
  /** Size of the file. */
  bytes: number;
  /** Bytes taken from a `.part` an earlier call left (`resume: true`); 0 when it started from nothing. */
  resumedFrom: number;
}

/**
 * Streams a result file to disk without holding it in memory, and renames
 * it to `path` only when the last byte is on disk and checked: the length
 * against `Content-Length`, and the bytes against the ETag when that is a
 * single-part object's MD5. A short, overlong or corrupt file is never
 * renamed into place (DownloadIntegrityError). Cuts along the way are
 * resumed with `Range` (core/download/download-session.ts).
 *
 * The temporary file is opened without following links (`O_EXCL` for a new
 * one, `O_NOFOLLOW` and a regular-file check for a `.part` to resume), so
 * nothing planted beside the target — a symlink to a file to overwrite, a
 * FIFO to hang on — is ever written through. The final rename replaces a link
 * at `path` itself, never its target.
 */
export async function downloadToFile(
  client: AnyLoyaltyDogClient,
  url: string,
  path: string,
  options: DownloadToFileOptions = {},
): Promise<SavedDownload> {
  const { signal, onProgress, resume = false, createDirectories = false } = options;
  const deps = internalsOf(client).downloads;
  if (typeof path !== "string" || path === "") throw new InvalidArgumentError("downloadToFile: path is required");
  // Found out now, not after the whole transfer when the rename fails with EISDIR.
  const existing = await lstat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new InvalidArgumentError(`downloadToFile: ${path} is a directory, not a file`);
  const folder = await prepareTargetDirectory(path, createDirectories);
  if (folder) {
    const hint = folder.missing ? "; create it first, or pass createDirectories: true" : "";
    throw new InvalidArgumentError(`downloadToFile: ${folder.problem}${hint}`);
  }
  if (signal?.aborted) throw signal.reason;
  const part = resume ? await openResumablePart(path) : await openFreshPart(path);
  // A temporary part must not outlive the process either (remove-on-exit.ts); a resumable one is kept on purpose.
  const unregister = resume ? () => {} : removeOnExit(part.path);
  let session: DownloadSession | undefined;
  let written = part.from?.offset ?? 0;
  let writing: Promise<void> = Promise.resolve();
  try {
    session = await openDownload(deps, url, options, part.from);
    const resumedFrom = session.offset;
    written = session.offset;
    // The host may have answered with the whole object (it changed): what the .part held is void.
    if (written !== part.size) await part.handle.truncate(written);
    await part.remember(session.identity);
    let digest = await md5Of(part.handle, written, session);
    for (;;) {
      // The next chunk downloads while the last one is written: one write in flight, never more (backpressure).
      const chunk = await session.next();
      await writing;
      if (chunk === undefined) break;
      if (chunk.restarted) {
        await part.handle.truncate(0);
        written = 0;
        await part.remember(session.identity);
        digest = await md5Of(part.handle, 0, session);
      }
      writing = writeAll(part.handle, chunk.bytes, written);
      writing.catch(() => {}); // awaited at the next turn or in the clean-up; never unhandled meanwhile
      digest?.hash.update(chunk.bytes);
      written += chunk.bytes.byteLength;
      onProgress?.({ bytes: written, total: session.identity.total });
    }
    if (digest) {
      const actual = digest.hash.digest("hex");
      if (actual !== digest.expected) {
        throw new DownloadIntegrityError({ url, check: "md5", expected: digest.expected, actual });
      }
    }
    await part.handle.sync();
    await part.handle.close();
    await rename(part.path, path);
    unregister();
    await part.forget();
    return { path, bytes: written, resumedFrom };
  } catch (error) {
    await session?.cancel(error);
    await writing.catch(() => {});
    await part.handle.close().catch(() => {});
    const short =
      error instanceof DownloadIntegrityError &&
      error.check === "length" &&
      Number(error.actual) < Number(error.expected);
    const corrupt = error instanceof DownloadIntegrityError && !short;
    // Worth keeping only when a later call can prove it continues the same object (a validator for If-Range).
    const identity = session?.identity ?? part.from?.identity;
    const continuable = identity !== undefined && ifRangeValue(identity) !== undefined;
    if (!resume || corrupt || written === 0 || !continuable) {
      await rm(part.path, { force: true });
      await part.forget();
    }
    unregister();
    throw signal?.aborted ? signal.reason : error;
  }
}

interface PartFile {
  path: string;
  handle: FileHandle;
  /** Bytes in it when opened. */
  size: number;
  /** Where an earlier call stopped, when its identity file is there and sound. */
  from: ResumePoint | undefined;
  /** Stores what identifies the object, before its bytes land (a no-op without `resume`). */
  remember(identity: ObjectIdentity): Promise<void>;
  /** Removes the identity file. */
  forget(): Promise<void>;
}

/** `<name>.<random>.part`, created exclusively (`wx`: O_CREAT|O_EXCL, which never follows a symlink). */
async function openFreshPart(path: string): Promise<PartFile> {
  const temp = join(dirname(path), `${basename(path)}.${randomBytes(6).toString("hex")}.part`);
  const handle = await open(temp, "wx");
  return { path: temp, handle, size: 0, from: undefined, remember: async () => {}, forget: async () => {} };
}

const IDENTITY_FORMAT = 1;

/** `<path>.part`, created if absent, reopened (never through a link, never a FIFO or device) if present. */
async function openResumablePart(path: string): Promise<PartFile> {
  const partPath = `${path}.part`;
  const identityPath = `${path}.part.json`;
  const noFollow = constants.O_NOFOLLOW ?? 0;
  let handle: FileHandle;
  let created = false;
  try {
    // O_NONBLOCK: opening a FIFO for writing would otherwise wait for a reader forever.
    handle = await open(partPath, constants.O_RDWR | noFollow | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") {
      throw new InvalidArgumentError(
        `downloadToFile: cannot resume into ${partPath} (${code}: a link, FIFO or other non-file is there); remove it`,
      );
    }
    handle = await open(partPath, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | noFollow, 0o666);
    created = true;
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new InvalidArgumentError(`downloadToFile: cannot resume into ${partPath}: not a regular file; remove it`);
  }
  const identity = created || info.size === 0 ? undefined : await readIdentity(identityPath);
  return {
    path: partPath,
    handle,
    size: info.size,
    from: identity ? { offset: info.size, identity } : undefined,
    async remember(identity) {
      // Written beside and renamed over: atomic, and a link planted at the name is replaced, not followed.
      const temp = `${identityPath}.${randomBytes(6).toString("hex")}`;
      await writeFile(temp, `${JSON.stringify({ format: IDENTITY_FORMAT, ...identity })}\n`, { flag: "wx" });
      await rename(temp, identityPath);
    },
    forget: () => rm(identityPath, { force: true }),
  };
}

/** The identity an earlier call stored, or undefined when it is missing or not ours (the `.part` then starts over). */
async function readIdentity(identityPath: string): Promise<ObjectIdentity | undefined> {
  try {
    if (!(await lstat(identityPath)).isFile()) return undefined;
    const stored = JSON.parse(await readFile(identityPath, "utf8")) as Record<string, unknown>;
    if (stored.format !== IDENTITY_FORMAT) return undefined;
    const identity: ObjectIdentity = {};
    if (typeof stored.etag === "string") identity.etag = stored.etag;
    if (typeof stored.lastModified === "string") identity.lastModified = stored.lastModified;
    if (typeof stored.total === "number" && Number.isSafeInteger(stored.total)) identity.total = stored.total;
    return identity.etag === undefined && identity.lastModified === undefined ? undefined : identity;
  } catch {
    return undefined;
  }
}

/**
 * An MD5 over the file when the ETag promises one, seeded with the bytes
 * already on disk (a resumed `.part`), so the check covers the whole file.
 */
async function md5Of(
  handle: FileHandle,
  prefix: number,
  session: DownloadSession,
): Promise<{ hash: Hash; expected: string } | undefined> {
  const expected = md5FromEtag(session.identity, session.headers);
  if (expected === undefined) return undefined;
  const hash = createHash("md5");
  const buffer = Buffer.allocUnsafe(Math.min(prefix, 1 << 20));
  for (let position = 0; position < prefix; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, prefix - position), position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return { hash, expected };
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.byteLength; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done, position + done);
    done += bytesWritten;
  }
}
