import { describe, expect, it } from "vitest";
import { download } from "../../src/download.js";
import { createLoyaltyDogClient, DownloadError, InvalidArgumentError } from "../../src/index.js";
import { expectTypedAndClean, TOKEN } from "./transport-support.js";

// The token must never cross a network in clear: http only to loopback, unless the caller says so loudly.
describe("plain http", () => {
  it.each(["http://api.example.com", "http://10.0.0.5:8080", "http://api.loyalty.dog"])("refuses %s", (baseUrl) => {
    let error: unknown;
    try {
      createLoyaltyDogClient({ token: TOKEN, baseUrl });
    } catch (e) {
      error = e;
    }
    expectTypedAndClean(error, InvalidArgumentError);
    expect((error as Error).message).toMatch(/plain http.*dangerouslyAllowPlainHttp/);
  });

  it.each(["http://127.0.0.1:8080", "http://localhost:3000", "http://[::1]:3000", "https://api.example.com"])(
    "accepts %s",
    (baseUrl) => {
      expect(() => createLoyaltyDogClient({ token: TOKEN, baseUrl })).not.toThrow();
    },
  );

  it("accepts a remote http host only with dangerouslyAllowPlainHttp: true", () => {
    expect(() =>
      createLoyaltyDogClient({ token: TOKEN, baseUrl: "http://api.example.com", dangerouslyAllowPlainHttp: true }),
    ).not.toThrow();
  });

  it("refuses credentials in the base URL, without repeating them", () => {
    let error: unknown;
    try {
      createLoyaltyDogClient({ token: TOKEN, baseUrl: "https://user:PASSWORD_SECRET@api.example.com" });
    } catch (e) {
      error = e;
    }
    expectTypedAndClean(error, InvalidArgumentError, "PASSWORD_SECRET");
  });

  it("download() still refuses plain http to a remote host, and a URL with userinfo, without quoting it", async () => {
    const client = createLoyaltyDogClient({ token: TOKEN });
    await expect(download(client, "http://files.example.com/x.csv")).rejects.toBeInstanceOf(DownloadError);
    const error = await download(
      client,
      "https://u:USERINFO_SECRET@files.example.com/x.csv?X-Amz-Signature=SIG_SECRET",
    ).catch((e: unknown) => e);
    expectTypedAndClean(error, DownloadError, "USERINFO_SECRET", "SIG_SECRET");
  });
});
