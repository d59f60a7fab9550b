// npm run bench -- download   (or: tsx bench/download.ts [--quick] [--json])
// A 256 MB audit-log export from the simulator's storage origin (real
// 127.0.0.1 sockets, streamed by the simulator, never held in memory) to a
// file: `downloadToFile(client, url, path)` against a raw `fetch` piped to a
// file. Each download runs in its own child process so its peak RSS is its
// own; the simulator (the server) stays in this process.
import { execFile } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { fileURLToPath } from "node:url";
import { download } from "../src/download.js";
import { createLoyaltyDogClient } from "../src/index.js";
import { downloadToFile } from "../src/node/download-to-file.js";
import { exportAuditLogsAndWait } from "../src/tasks.js";
import { createLoyaltyDogSimulator } from "../src/testing/index.js";
import { type BenchResult, median, now, round, runBench } from "./lib/harness.js";

const MiB = 2 ** 20;
const TOKEN = "ld_test_bench";

interface ChildResult {
  bytes: number;
  ms: number;
  /** Peak RSS during the download minus RSS just before it, bytes. */
  rssGrowth: number;
}

async function child(variant: string, apiUrl: string, url: string, path: string): Promise<void> {
  const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: apiUrl });
  // Warm up first: fetch (undici) and the stream machinery load lazily, tens of MB on first use, which
  // is start-up cost and not what the download holds. Both variants warm up alike, reading one chunk.
  const warm = variant === "sdk" ? await download(client, url) : await fetch(url);
  const reader = warm.body?.getReader();
  await reader?.read();
  await reader?.cancel();

  const before = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = now();
  if (variant === "sdk") {
    await downloadToFile(client, url, path);
  } else {
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(`raw fetch: HTTP ${response.status}`);
    await pipeline(
      Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>),
      createWriteStream(path),
    );
  }
  const ms = now() - start;
  clearInterval(sampler);
  // maxRSS catches a spike between samples; it only helps when it grew past where it stood before.
  const maxAfter = process.resourceUsage().maxRSS * 1024;
  if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
  const result: ChildResult = { bytes: statSync(path).size, ms, rssGrowth: Math.max(0, peak - before) };
  process.stdout.write(JSON.stringify(result));
}

const childIndex = process.argv.indexOf("--child");
if (childIndex !== -1) {
  const [variant, apiUrl, url, path] = process.argv.slice(childIndex + 1);
  await child(variant as string, apiUrl as string, url as string, path as string);
} else {
  await runBench(async ({ quick }): Promise<BenchResult> => {
    const size = quick ? 16 * MiB : 256 * MiB;
    const sim = createLoyaltyDogSimulator({
      tokens: [TOKEN],
      exportSizeBytes: size,
      tasks: { pollsToComplete: 0 },
    });
    const server = await sim.listen();
    const dir = mkdtempSync(join(tmpdir(), "ld-bench-dl-"));
    try {
      const client = createLoyaltyDogClient({ token: TOKEN, baseUrl: server.apiUrl });
      const done = await exportAuditLogsAndWait(client, { format: "csv" }, { maxWaitMs: 60_000 });
      const url = done.downloadUrl;
      const self = fileURLToPath(import.meta.url);
      const runChild = (variant: string) =>
        new Promise<ChildResult>((resolve, reject) => {
          const path = join(dir, `${variant}.csv`);
          // Asynchronous: this process is the server and must keep serving while the child downloads.
          execFile(
            process.execPath,
            ["--import", "tsx", self, "--child", variant, server.apiUrl, url, path],
            { maxBuffer: 1 << 20 },
            (error, stdout, stderr) => {
              rmSync(path, { force: true });
              if (error) reject(new Error(`${variant} download failed: ${stderr || error.message}`));
              else resolve(JSON.parse(stdout) as ChildResult);
            },
          );
        });
      const variants = ["raw", "sdk"];
      const runs = quick ? 1 : 3;
      const samples = new Map<string, ChildResult[]>(variants.map((v) => [v, []]));
      for (let r = 0; r < runs; r++) {
        for (let k = 0; k < variants.length; k++) {
          const v = variants[(r + k) % variants.length] as string;
          samples.get(v)?.push(await runChild(v));
        }
      }
      const mbps = (x: ChildResult) => x.bytes / MiB / (x.ms / 1000);
      const med = (v: string, f: (x: ChildResult) => number) => median((samples.get(v) ?? []).map(f));
      const ratios = (samples.get("sdk") ?? []).map(
        (s, i) => mbps(s) / mbps((samples.get("raw") ?? [])[i] as ChildResult),
      );
      const throughputRatio = median(ratios);
      // Median across runs, as for every other figure; the worst run is reported too.
      const sdkRss = med("sdk", (s) => s.rssGrowth);
      const rawRss = med("raw", (s) => s.rssGrowth);
      const sdkRssWorst = Math.max(...(samples.get("sdk") ?? []).map((s) => s.rssGrowth));
      const rawRssWorst = Math.max(...(samples.get("raw") ?? []).map((s) => s.rssGrowth));
      const bytes = (samples.get("sdk") ?? [])[0]?.bytes ?? 0;
      return {
        bench: "download",
        quick,
        figures: {
          size_bytes: bytes,
          raw_mib_per_s: round(med("raw", mbps), 1),
          sdk_mib_per_s: round(med("sdk", mbps), 1),
          throughput_ratio: round(throughputRatio, 3),
          raw_peak_rss_growth_bytes: rawRss,
          sdk_peak_rss_growth_bytes: sdkRss,
          raw_peak_rss_growth_worst_bytes: rawRssWorst,
          sdk_peak_rss_growth_worst_bytes: sdkRssWorst,
          runs,
        },
        checks: [
          {
            name: `download, ${Math.round(bytes / MiB)} MiB export to a file: peak RSS growth (downloadToFile)`,
            target: "≤ 50 MB",
            measured: `${(sdkRss / 1e6).toFixed(1)} MB median, ${(sdkRssWorst / 1e6).toFixed(1)} MB worst (raw fetch: ${(rawRss / 1e6).toFixed(1)} / ${(rawRssWorst / 1e6).toFixed(1)} MB)`,
            pass: sdkRss <= 50 * 1e6,
          },
          {
            name: "download throughput vs raw fetch piped to a file",
            target: "≥ 0.9×",
            measured: `${throughputRatio.toFixed(3)}× (${med("sdk", mbps).toFixed(0)} vs ${med("raw", mbps).toFixed(0)} MiB/s)`,
            pass: throughputRatio >= 0.9,
          },
        ],
        table: [
          ["variant", "median MiB/s", "peak RSS growth, median (worst)"],
          [
            "raw fetch → file",
            med("raw", mbps).toFixed(1),
            `${(rawRss / 1e6).toFixed(1)} MB (${(rawRssWorst / 1e6).toFixed(1)})`,
          ],
          [
            "downloadToFile",
            med("sdk", mbps).toFixed(1),
            `${(sdkRss / 1e6).toFixed(1)} MB (${(sdkRssWorst / 1e6).toFixed(1)})`,
          ],
        ],
        notes: [
          `${runs} interleaved run(s) each, every download in a fresh child process; the server is the simulator on 127.0.0.1`,
          "peak RSS growth = highest RSS seen during the download (5 ms samples and getrusage maxRSS) minus RSS just before it",
        ],
      };
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
