/**
 * Which request an error answer belongs to, for the method and URL in its
 * APIError (`unwrap` sees only the Response, and a stubbed Response has no
 * `url`). The transport records error answers only: a 2xx costs nothing.
 */
const origins = new WeakMap<Response, { method: string; url: string }>();

export function recordOrigin(response: Response, request: { method: string; url: string }): void {
  origins.set(response, request);
}

export function originOf(response: Response): { method: string; url: string } | undefined {
  return origins.get(response);
}
