/**
 * Which request an error answer belongs to, for the method and URL in its
 * APIError (`unwrap` sees only the Response, and a stubbed Response has no
 * `url`). The transport records error answers only: a 2xx costs nothing.
 */
interface Origin {
  method: string;
  url: string;
  /** The request's headers: credentials passed per call are secrets the error must scrub too. */
  headers?: Headers;
}

const origins = new WeakMap<Response, Origin>();

export function recordOrigin(response: Response, request: Origin): void {
  origins.set(response, request);
}

export function originOf(response: Response): Origin | undefined {
  return origins.get(response);
}
