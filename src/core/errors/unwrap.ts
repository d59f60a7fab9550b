import { APIError } from "./errors.js";
import { secretHeaderValues } from "./redact.js";
import { originOf } from "./response-origin.js";

/** What openapi-fetch resolves with. */
export interface FetchResult<D, E> {
  data?: D;
  error?: E;
  response: Response;
}

/**
 * The data of a successful call, or the typed error for a failed one
 * (NotFoundError, RateLimitError, …): the bridge from openapi-fetch's
 * `{ data, error }` to exceptions.
 * `const me = unwrap(await client.GET("/v2/token"))`.
 */
export function unwrap<D, E>(result: FetchResult<D, E>): D {
  const { response } = result;
  if (!response.ok || result.error !== undefined) throw errorFromResponse(response, result.error);
  return result.data as D;
}

export function errorFromResponse(response: Response, body: unknown): APIError {
  const request = originOf(response);
  return APIError.from({
    status: response.status,
    headers: response.headers,
    body: body ?? "",
    method: request?.method,
    url: request?.url ?? (response.url || undefined),
    // Tokens passed per call (`params.header`) are secrets the client was never given: scrub them too.
    secrets: secretHeaderValues(request?.headers),
  });
}
