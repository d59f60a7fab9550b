/**
 * What the edge learned about a request (who is calling, its request id, the time it arrived, which storage
 * origin its download URLs must point at), handed to the typed route handlers, plus the error answers the
 * flows share. MSW passes the handler the very Request the router was given, so a WeakMap carries the context
 * without widening the spec-typed resolver arguments.
 */
import type { LoyaltyDogHttp } from "../loyaltydog-http.js";
import { apiErrorResponse, type CredentialKind } from "./api-errors.js";
import type { SimulatorConfig } from "./config.js";
import type { InputIssue } from "./input-issue.js";
import type { SimulatorState } from "./state.js";
import type { TaskBehaviour } from "./task-progress.js";

/** What a flow's routes are built from: the typed handler factory, the settled options and the shared state. */
export interface Simulation {
  http: LoyaltyDogHttp;
  config: SimulatorConfig;
  state: SimulatorState;
}
export interface RouteContext {
  requestId: string;
  kind: CredentialKind;
  /** The caller's bearer secret (already accepted by the edge). */
  token: string;
  /** Clock time when the request arrived. */
  now: number;
  /** Origin of the storage that presigned URLs handed to this caller point at (MSW's or the listening one). */
  storageOrigin: string;
  /**
   * What the spec's validators found wrong with the request, handed to a route that reads its inputs itself
   * (request-validation.ts): its InputReader starts from these and replaces each one it reads better.
   */
  schemaIssues?: readonly InputIssue[];
}

const contexts = new WeakMap<Request, RouteContext>();

export function attachRouteContext(request: Request, context: RouteContext): void {
  contexts.set(request, context);
}

export function routeContext(request: Request): RouteContext {
  const context = contexts.get(request);
  if (!context) throw new Error("LoyaltyDog simulator: a route ran without passing through the simulator's edge");
  return context;
}

/** FastAPI's 422 (or the envelope, for hashed keys), naming where the bad input was. */
export function invalid(context: RouteContext, message: string, loc: (string | number)[]): Response {
  return apiErrorResponse({ status: 422, message, loc, requestId: context.requestId, kind: context.kind });
}

export function notFound(context: RouteContext, message: string): Response {
  return apiErrorResponse({ status: 404, message, requestId: context.requestId, kind: context.kind });
}

/** The body as JSON, or undefined when it is not JSON (the flows answer that with a 422). */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Status answers of a running task carry the behaviour's `Retry-After`, if it has one. */
export function retryAfterWhileRunning(behaviour: TaskBehaviour, terminal: boolean): Record<string, string> {
  return !terminal && behaviour.retryAfterSeconds !== undefined
    ? { "retry-after": String(behaviour.retryAfterSeconds) }
    : {};
}
