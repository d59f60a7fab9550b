import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DownloadExpiredError, DownloadIntegrityError } from "../../src/download.js";
import { APIConnectionError, createLoyaltyDogClient } from "../../src/index.js";
import { downloadToFile } from "../../src/node/index.js";
import { rejectionOf } from "../hostile/support.js";
import { FakeClock } from "../support/fake-clock.js";
import { md5Etag, type RangeServer, sha256, startRangeServer } from "../support/range-server.js";

// downloadToFile against a real storage host on 127.0.0.1 that breaks its answers on cue (range-server.ts).
// The client's clock is fake (backoff sleeps return at once and are recorded); the one real wait is the
// body idle timeout of the "stall" cases, which fires on a connection that stays silent until it does.
const SIZE = 3 * 2 ** 20 + 12_345;
const SOURCE = randomBytes(SIZE);
let host: RangeServer;
let dir: string;
let clock: FakeClock;

beforeAll(async () => {
  host = await startRangeServer({ bytes: SOURCE });
  dir = mkdtempSync(join(tmpdir(), "ldsdk-resume-"));
});
afterEach(() => host.reset());
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

function client() {
  clock = new FakeClock();
  return createLoyaltyDogClient({
    token: "ld_test_resume",
    baseUrl: "https://api.loyalty.dog",
    clock,
    random: () => 0,
  });
}
const leftovers = (name: string) => readdirSync(dir).filter((f) => f.startsWith(name));

describe("downloadToFile resumes a cut transfer", () => {
  it.each([
    ["a connection reset", { cutAfter: 1_000_000, how: "reset" as const }],
    ["a stall past the idle timeout", { cutAfter: 1_000_000, how: "stall" as const }],
  ])("after %s: Range from where it stopped, byte-identical, fetched once", async (_, fault) => {
    host.faults = [fault];
    const out = join(dir, `cut-${fault.how}.csv`);
    const saved = await downloadToFile(client(), `${host.url}/export.csv`, out, { idleTimeoutMs: 200 });
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
    expect(saved).toEqual({ path: out, bytes: SIZE, resumedFrom: 0 });
    const [first, second] = host.requests;
    expect(first?.range).toBeUndefined();
    expect(second?.range).toMatch(/^bytes=\d+-$/);
    expect(second?.ifRange).toBe(md5Etag(SOURCE));
    expect(second?.status).toBe(206);
    // Nothing the client had was fetched again: only bytes lost in flight (a reset drops what the socket held).
    const resumedAt = Number(second?.range?.slice(6, -1));
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(fault.cutAfter);
    expect(host.bytesSent).toBe(fault.cutAfter + SIZE - resumedAt);
    if (fault.how === "stall") expect(host.bytesSent).toBe(SIZE);
    expect(clock.sleeps).toEqual([500]); // the retry policy's first backoff (jitter pinned by `random`)
    expect(leftovers(`cut-${fault.how}.csv`)).toEqual([`cut-${fault.how}.csv`]);
  });

  it("after a 503 on the resume: the transport's retry, then the rest", async () => {
    host.faults = [{ cutAfter: 500_000, how: "reset" }, { status: 503 }];
    const out = join(dir, "cut-503.csv");
    await downloadToFile(client(), `${host.url}/export.csv`, out);
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
    expect(host.requests.map((r) => r.status)).toEqual([200, 503, 206]);
    expect(host.bytesSent).toBe(500_000 + SIZE - Number(host.requests[2]?.range?.slice(6, -1)));
  });

  it("keeps going through more cuts than maxRetries while each one makes progress", async () => {
    host.faults = Array.from({ length: 6 }, () => ({ cutAfter: 300_000, how: "reset" as const }));
    const out = join(dir, "many-cuts.csv");
    await downloadToFile(client(), `${host.url}/export.csv`, out);
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
    expect(host.requests).toHaveLength(7);
  });

  it("gives up after maxRetries resumes that deliver nothing, keeping no file (resume off)", async () => {
    host.faults = [
      { cutAfter: 500_000, how: "reset" },
      ...Array.from({ length: 5 }, () => ({ cutAfter: 0, how: "reset" as const })),
    ];
    const out = join(dir, "no-progress.csv");
    const error = await rejectionOf(downloadToFile(client(), `${host.url}/export.csv`, out));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(host.requests).toHaveLength(1 + 2); // the first answer, then maxRetries (2) resumes
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(leftovers("no-progress.csv")).toEqual([]);
  });

  it("starts over when the object is replaced between attempts (the ETag changed: If-Range answers 200)", async () => {
    const replacement = randomBytes(SIZE - 1000);
    host.faults = [{ cutAfter: 1_000_000, how: "reset" }];
    host.onRequest = (request) => {
      if (request.range) host.object = { bytes: replacement };
    };
    const out = join(dir, "replaced.csv");
    const saved = await downloadToFile(client(), `${host.url}/export.csv`, out);
    expect(host.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(sha256(readFileSync(out))).toBe(sha256(replacement));
    expect(saved.bytes).toBe(replacement.length);
  });

  it("skips what it has when a host ignores Range but the ETag is unchanged", async () => {
    host.faults = [{ cutAfter: 1_000_000, how: "reset" }, { ignoreRange: true }];
    const out = join(dir, "ignored-range.csv");
    await downloadToFile(client(), `${host.url}/export.csv`, out);
    expect(host.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
  });

  it("without ETag resumes on Last-Modified", async () => {
    host.object = { bytes: SOURCE, etag: null };
    host.faults = [{ cutAfter: 800_000, how: "reset" }];
    const out = join(dir, "last-modified.csv");
    await downloadToFile(client(), `${host.url}/export.csv`, out);
    expect(host.requests[1]?.ifRange).toBe("Wed, 01 Jan 2025 00:00:00 GMT");
    expect(host.requests[1]?.status).toBe(206);
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
  });

  it("without any validator never sends Range: a cut is the error it was", async () => {
    host.object = { bytes: SOURCE, etag: null, lastModified: null };
    host.faults = [{ cutAfter: 800_000, how: "reset" }];
    const out = join(dir, "no-validator.csv");
    expect(await rejectionOf(downloadToFile(client(), `${host.url}/export.csv`, out))).toBeInstanceOf(
      APIConnectionError,
    );
    expect(host.requests).toHaveLength(1);
    expect(leftovers("no-validator.csv")).toEqual([]);
  });
});

describe("downloadToFile never renames a wrong file into place", () => {
  it("MD5 mismatch (the ETag is a single-part MD5 of other bytes): DownloadIntegrityError, .part deleted even with resume", async () => {
    const corrupt = Buffer.from(SOURCE);
    corrupt[12345] = (corrupt[12345] ?? 0) ^ 0xff;
    host.object = { bytes: corrupt, etag: md5Etag(SOURCE) };
    const out = join(dir, "md5.csv");
    const error = await rejectionOf(downloadToFile(client(), `${host.url}/export.csv`, out, { resume: true }));
    expect(error).toBeInstanceOf(DownloadIntegrityError);
    expect(error).toMatchObject({ check: "md5", expected: md5Etag(SOURCE).slice(1, -1) });
    expect(leftovers("md5.csv")).toEqual([]);
  });

  it("a multipart ETag (`-N`) or an SSE-KMS object is not taken for an MD5", async () => {
    host.object = { bytes: SOURCE, etag: '"0123456789abcdef0123456789abcdef-3"' };
    const out = join(dir, "multipart.csv");
    await downloadToFile(client(), `${host.url}/export.csv`, out);
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
  });

  it("a body short of its Content-Range on every resume: DownloadIntegrityError (length), short .part kept for resume", async () => {
    host.faults = [{ cutAfter: 500_000, how: "reset" }, { lieShort: 100 }, { lieShort: 100 }, { lieShort: 100 }];
    const out = join(dir, "short.csv");
    const error = await rejectionOf(downloadToFile(client(), `${host.url}/export.csv`, out, { resume: true }));
    expect(error).toBeInstanceOf(DownloadIntegrityError);
    expect(error).toMatchObject({ check: "length", expected: String(SIZE), actual: String(SIZE - 100) });
    expect(existsSync(out)).toBe(false);
    expect(statSync(`${out}.part`).size).toBe(SIZE - 100);
    // The host heals: the next call fetches only the missing 100 bytes.
    host.requests = [];
    host.bytesSent = 0;
    const saved = await downloadToFile(client(), `${host.url}/export.csv`, out, { resume: true });
    expect(saved.resumedFrom).toBe(SIZE - 100);
    expect(host.bytesSent).toBe(100);
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
    expect(leftovers("short.csv")).toEqual(["short.csv"]);
  });

  it("a connection that keeps dying short of Content-Length: a typed error, no file at the path", async () => {
    host.faults = Array.from({ length: 4 }, () => ({ cutAfter: 0, how: "reset" as const }));
    host.faults.unshift({ cutAfter: SIZE - 10, how: "reset" });
    const out = join(dir, "dying.csv");
    expect(await rejectionOf(downloadToFile(client(), `${host.url}/export.csv`, out))).toBeInstanceOf(
      APIConnectionError,
    );
    expect(leftovers("dying.csv")).toEqual([]);
  });

  it("refuses a directory as the target before fetching anything", async () => {
    const error = await rejectionOf(downloadToFile(client(), `${host.url}/export.csv`, dir));
    expect((error as Error).message).toContain("is a directory");
    expect(host.requests).toHaveLength(0);
  });
});

describe("resume: true across calls", () => {
  it("a 403 (expired URL) during a resume: DownloadExpiredError, .part kept; a fresh URL finishes it from where it stopped", async () => {
    host.faults = [{ cutAfter: 1_200_000, how: "reset" }, { status: 403 }];
    const out = join(dir, "expired.csv");
    const error = await rejectionOf(
      downloadToFile(client(), `${host.url}/export.csv?X-Amz-Signature=old`, out, { resume: true }),
    );
    expect(error).toBeInstanceOf(DownloadExpiredError);
    expect(existsSync(out)).toBe(false);
    const kept = statSync(`${out}.part`).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(1_200_000);
    expect(JSON.parse(readFileSync(`${out}.part.json`, "utf8"))).toMatchObject({ etag: md5Etag(SOURCE), total: SIZE });

    host.requests = [];
    host.bytesSent = 0;
    const saved = await downloadToFile(client(), `${host.url}/export.csv?X-Amz-Signature=fresh`, out, {
      resume: true,
    });
    expect(host.requests[0]).toMatchObject({ range: `bytes=${kept}-`, ifRange: md5Etag(SOURCE), status: 206 });
    expect(saved).toEqual({ path: out, bytes: SIZE, resumedFrom: kept });
    expect(host.bytesSent).toBe(SIZE - kept);
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE)); // and the MD5 check covered the kept bytes too
    expect(leftovers("expired.csv")).toEqual(["expired.csv"]);
  });

  it("a .part of another object (its ETag no longer current) is started over, not spliced", async () => {
    const out = join(dir, "other.csv");
    writeFileSync(`${out}.part`, "stale bytes of an older export");
    writeFileSync(`${out}.part.json`, JSON.stringify({ format: 1, etag: '"not-the-current-one"', total: 99 }));
    const saved = await downloadToFile(client(), `${host.url}/export.csv`, out, { resume: true });
    expect(host.requests.map((r) => [r.ifRange, r.status])).toEqual([['"not-the-current-one"', 200]]);
    expect(saved.resumedFrom).toBe(0);
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
    expect(leftovers("other.csv")).toEqual(["other.csv"]);
  });

  it("a .part without its identity file is started over (nothing says what it holds)", async () => {
    const out = join(dir, "orphan.csv");
    writeFileSync(`${out}.part`, "who knows");
    await downloadToFile(client(), `${host.url}/export.csv`, out, { resume: true });
    expect(host.requests[0]?.range).toBeUndefined();
    expect(sha256(readFileSync(out))).toBe(sha256(SOURCE));
  });

  it("an abort keeps the .part for the next call; without resume it is removed", async () => {
    for (const resume of [true, false]) {
      host.faults = [{ cutAfter: 700_000, how: "stall" }];
      const out = join(dir, `aborted-${resume}.csv`);
      const controller = new AbortController();
      const reason = new Error("stop");
      const error = await rejectionOf(
        downloadToFile(client(), `${host.url}/export.csv`, out, {
          resume,
          signal: controller.signal,
          onProgress: ({ bytes }) => {
            if (bytes >= 600_000) controller.abort(reason);
          },
        }),
      );
      expect(error).toBe(reason);
      expect(leftovers(`aborted-${resume}.csv`).sort()).toEqual(
        resume ? [`aborted-${resume}.csv.part`, `aborted-${resume}.csv.part.json`] : [],
      );
    }
  });
});
