/**
 * `Idempotency-Key` around an operation: run once per (credential, operation, key); the same key with the same
 * body replays the stored answer (marked `Idempotent-Replayed: true`), with another body it is a 422. Answers
 * of 500 and above are not stored, so a retry after a server fault runs the operation again.
 */
import { invalid, routeContext, type Simulation } from "./route-context.js";

export async function idempotent(
  { config, state }: Simulation,
  request: Request,
  operation: () => Promise<Response>,
): Promise<Response> {
  const context = routeContext(request);
  const key = request.headers.get("idempotency-key");
  if (!key) {
    if (config.bulk.requireIdempotencyKey) {
      return invalid(context, "Idempotency-Key header is required", ["header", "idempotency-key"]);
    }
    return operation();
  }
  const bodyText = await request.clone().text();
  const scope = `${context.token}\n${request.method} ${new URL(request.url).pathname}`;
  const found = state.idempotency.lookup(scope, key, bodyText, context.now);
  if (found.kind === "replay") {
    const headers = new Headers(found.response.headers);
    headers.set("idempotent-replayed", "true");
    return new Response(found.response.body, { status: found.response.status, headers });
  }
  if (found.kind === "conflict") {
    return invalid(context, "Idempotency-Key was already used with a different request body", [
      "header",
      "idempotency-key",
    ]);
  }
  const response = await operation();
  if (response.status < 500) {
    const stored = { status: response.status, headers: [...response.headers], body: await response.clone().text() };
    state.idempotency.save(scope, key, bodyText, stored, context.now);
  }
  return response;
}
