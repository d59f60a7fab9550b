import { describe, expect, it } from "vitest";
import { download } from "../../src/download.js";
import { DownloadError, DownloadExpiredError } from "../../src/index.js";
import { exportAnalytics, exportAuditLogsAndWait, exportGdprData } from "../../src/tasks.js";
import { simulated } from "./support.js";

const PROGRAM = "65f000000000000000000001";

describe("synchronous exports and download", () => {
  it("GDPR export: returns the download URL, which downloads without credentials", async () => {
    const { client, sim } = simulated();
    const exported = await exportGdprData(client, { format: "json", customerEmail: "a@example.com" });
    expect(exported.exportId).toBeTruthy();
    const body = await (await download(client, exported.downloadUrl)).text();
    expect(JSON.parse(body)).toBeTruthy();
    expect(JSON.stringify(sim.storageRequests)).not.toContain("ld_test_simulator");
  });

  it("analytics export: a presigned URL or an inline data: URI, read the same way", async () => {
    const presigned = simulated();
    const a = await exportAnalytics(presigned.client, PROGRAM, { format: "csv" });
    expect(a.downloadUrl).toMatch(/^https:\/\//);
    const fromStorage = await (await download(presigned.client, a.downloadUrl)).text();

    const inline = simulated({ analyticsExport: "data-uri" });
    const b = await exportAnalytics(inline.client, PROGRAM, { format: "csv" });
    expect(b.downloadUrl).toMatch(/^data:text\/csv;base64,/);
    const decoded = await download(inline.client, b.downloadUrl);
    expect(decoded.headers.get("content-type")).toBe("text/csv");
    expect(await decoded.text()).toBe(fromStorage);
  });

  it("an expired presigned URL gives DownloadExpiredError, with the signature kept out of the error", async () => {
    const { client, clock } = simulated({ tasks: { pollsToComplete: 0 } });
    const done = await exportAuditLogsAndWait(client, {});
    clock.time += 3601_000;
    const error = (await download(client, done.downloadUrl).catch((e) => e)) as DownloadExpiredError;
    expect(error).toBeInstanceOf(DownloadExpiredError);
    expect(error.status).toBe(403);
    expect(error.code).toBe("AccessDenied");
    const signature = new URL(done.downloadUrl).searchParams.get("X-Amz-Signature") as string;
    expect(signature.length).toBeGreaterThan(10);
    for (const text of [error.message, JSON.stringify(error), String(error), error.url]) {
      expect(text).not.toContain(signature);
    }
  });

  it("refuses plain http except to loopback, and malformed URLs, before sending", async () => {
    const { client } = simulated();
    await expect(download(client, "http://exports.example.com/x.csv")).rejects.toThrow(/https only/);
    await expect(download(client, "not a url")).rejects.toBeInstanceOf(DownloadError);
    await expect(download(client, "ftp://x/y")).rejects.toBeInstanceOf(DownloadError);
  });
});
