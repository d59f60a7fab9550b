import { dataUriResponse } from "./data-uri.js";
import { DownloadError, DownloadExpiredError } from "./download-errors.js";
import { InvalidArgumentError } from "./invalid-argument.js";

export interface DownloadOptions {
  signal?: AbortSignal;
}

export interface DownloadDeps {
  /** The API's origin: URLs there go through the authenticated API transport. */
  apiOrigin: string;
  /** The client's transport, with credentials: only ever used for the API's own origin. */
  api: (request: Request) => Promise<Response>;
  /** A transport with no credentials and no request ids, same retries and timeouts: for storage hosts. */
  storage: (request: Request) => Promise<Response>;
}

/**
 * Fetches a result file: a presigned storage URL, a `data:` URI, or a
 * download route on the API itself. Storage hosts never see the API's
 * `Authorization` or `X-Eposn-*` headers (leaking them is the risk, and S3
 * rejects a request that carries a second auth scheme). Returns the
 * streaming Response; its body is the caller's to read or cancel.
 */
export async function download(deps: DownloadDeps, url: string, options: DownloadOptions = {}): Promise<Response> {
  if (typeof url !== "string" || url === "") throw new InvalidArgumentError("download: url is required");
  if (url.startsWith("data:")) return dataUriResponse(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError("download: not a URL", { url });
  }
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && isLoopback(parsed.hostname))) {
    throw new DownloadError(`download: refusing ${parsed.protocol} URL (https only; http only to loopback)`, { url });
  }
  // fetch would throw a TypeError quoting the whole URL, credentials and signature included.
  if (parsed.username || parsed.password)
    throw new DownloadError("download: refusing a URL with user info in it", { url });
  const ownApi = parsed.origin === deps.apiOrigin;
  const request = new Request(parsed, { method: "GET", signal: options.signal ?? null });
  const response = await (ownApi ? deps.api : deps.storage)(request).catch((cause: unknown) => {
    if (options.signal?.aborted) throw cause;
    throw new DownloadError(`download failed: ${(cause as Error)?.message ?? cause}`, { url, cause });
  });
  if (response.ok) return response;
  const text = await response.text().catch(() => "");
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  const detail = /<Message>([^<]+)<\/Message>/.exec(text)?.[1];
  if (response.status === 403 && !ownApi) {
    throw new DownloadExpiredError(
      `download refused by the storage host (403${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}): the presigned URL has probably expired; ask for a fresh one`,
      { url, status: 403, ...(code ? { code } : {}) },
    );
  }
  throw new DownloadError(
    `download failed with HTTP ${response.status}${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}`,
    {
      url,
      status: response.status,
      ...(code ? { code } : {}),
    },
  );
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}
