import { isLoopbackHost } from "../http/loopback.js";
import { DownloadError, DownloadExpiredError } from "./download-errors.js";

/**
 * The two things a download must know about the host it fetches from: which
 * URLs it may fetch at all (https, or http to loopback; no credentials in the
 * URL, which fetch would quote in its error), and what a refusal means (a 403
 * from a storage host is an expired presigned URL, told apart from the API's
 * own 403 so the caller knows to ask for a fresh link).
 */

export function storageUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError("download: not a URL", { url });
  }
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && isLoopbackHost(parsed.hostname))) {
    throw new DownloadError(`download: refusing ${parsed.protocol} URL (https only; http only to loopback)`, { url });
  }
  // fetch would refuse it with a TypeError quoting the URL, credentials and all.
  if (parsed.username || parsed.password)
    throw new DownloadError("download: refusing a URL with credentials in it", { url });
  return parsed;
}

/** A non-2xx answer as a typed error: 403 from a storage host is an expired presigned URL. */
export async function refusal(response: Response, url: string, ownApi: boolean): Promise<DownloadError> {
  const text = await response.text().catch(() => "");
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  const detail = /<Message>([^<]+)<\/Message>/.exec(text)?.[1];
  if (response.status === 403 && !ownApi) {
    return new DownloadExpiredError(
      `download refused by the storage host (403${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}): the presigned URL has probably expired; ask for a fresh one`,
      { url, status: 403, ...(code ? { code } : {}) },
    );
  }
  return new DownloadError(
    `download failed with HTTP ${response.status}${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}`,
    { url, status: response.status, ...(code ? { code } : {}) },
  );
}
