/**
 * Collects what Prism says about each exchange it proxied: a `fetch` for the SDK client that reads Prism's
 * `sl-violations` response header (every violation it found in the request or the answer, warnings too) and
 * files each one under the spec operation the request was for and the request id the SDK sent, so a test can
 * look up what the upstream (the simulator) answered.
 */
import { operations } from "../../generated/operations.js";

export interface PrismViolation {
  /** `METHOD /path/template` of the spec operation the request matched (the raw path if none did). */
  operation: string;
  /** The `X-Request-Id` the client sent: the simulator records its answer under it. */
  requestId: string;
  /** What the client received from Prism (with `--errors`, 500 when the answer broke the spec, 422 the request). */
  prismStatus: number;
  /** Where: `["response", "body", "emailVerified"]`, `["request", "query", "limit"]`, `["response"]`, … */
  location: string[];
  severity: string;
  message: string;
}

const templates = operations.map((op) => ({
  method: op.method,
  path: op.path,
  params: op.pathParams.length,
  pattern: new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

/** The spec operation a request is for: the matching template with the fewest parameters (literal segments win). */
export function operationOf(method: string, pathname: string): string {
  const match = templates
    .filter((t) => t.method === method.toUpperCase() && t.pattern.test(pathname))
    .sort((a, b) => a.params - b.params)[0];
  return `${method.toUpperCase()} ${match ? match.path : pathname}`;
}

/** A `fetch` that records Prism's violations into `into` and otherwise changes nothing. */
export function recordingFetch(into: PrismViolation[], base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const method = init?.method ?? request?.method ?? "GET";
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    const requestId = new Headers(init?.headers ?? request?.headers).get("x-request-id") ?? "";
    const response = await base(input, init);
    const operation = operationOf(method, url.pathname);
    const found = [...parseViolations(response.headers.get("sl-violations")), ...(await problemViolations(response))];
    for (const violation of found) into.push({ operation, requestId, prismStatus: response.status, ...violation });
    return response;
  };
}

type Found = Pick<PrismViolation, "location" | "severity" | "message">;

function parseViolations(header: string | null): Found[] {
  if (header === null) return [];
  // Prism cuts the header at 8 KB and says so: the list is then incomplete, which is a finding in itself.
  if (header.startsWith("Too many violations!")) {
    return [{ location: [], severity: "Error", message: "Prism truncated its violation list (over 8 KB)" }];
  }
  const parsed = JSON.parse(header) as { location?: string[]; severity?: string; message?: string }[];
  return parsed.map((v) => ({ location: v.location ?? [], severity: v.severity ?? "Error", message: v.message ?? "" }));
}

/**
 * Prism's own answers (`application/problem+json`): a request it refused with `--errors` carries its violations
 * only here (no header), and any other problem (no such route, upstream unreachable) is a finding too.
 */
async function problemViolations(response: Response): Promise<Found[]> {
  if (!response.headers.get("content-type")?.startsWith("application/problem+json")) return [];
  const problem = (await response.clone().json()) as {
    type?: string;
    detail?: string;
    validation?: { location?: string[]; severity?: string; message?: string }[];
  };
  // Answer violations are in the header already; a refused request's are only here.
  const fromBody = (problem.validation ?? []).filter((v) => v.location?.[0] !== "response");
  if (fromBody.length === 0 && response.headers.has("sl-violations")) return [];
  if (fromBody.length === 0)
    return [{ location: [], severity: "Error", message: `${problem.type}: ${problem.detail}` }];
  return fromBody.map((v) => ({
    location: v.location ?? [],
    severity: v.severity ?? "Error",
    message: v.message ?? "",
  }));
}
