// `@loyaltydog/sdk/download`: fetching a result file, as a function taking the client.
import { type AnyLoyaltyDogClient, internalsOf } from "./core/client/client-internals.js";
import { type DownloadOptions, download as downloadWith } from "./core/download/download.js";

export type { AnyLoyaltyDogClient } from "./core/client/client-internals.js";
export type { DownloadOptions } from "./core/download/download.js";
export {
  DownloadChangedError,
  DownloadError,
  DownloadExpiredError,
  DownloadIntegrityError,
} from "./core/download/download-errors.js";

/**
 * Fetches a result file (a presigned URL, a `data:` URI, or an API download
 * route) as a streaming Response, with the client's retries and timeouts.
 * Never sends the API's credentials to another host.
 */
export function download(client: AnyLoyaltyDogClient, url: string, options?: DownloadOptions): Promise<Response> {
  return downloadWith(internalsOf(client).downloads, url, options);
}
