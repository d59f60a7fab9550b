/**
 * A live server held against the pinned spec: every safe operation (safe-operations.ts) called once, first page
 * only, in order, each answer checked (answer-check.ts). Calls go through the client the caller passes, so its
 * rate limiter, retries and timeouts apply: give it a limiter (`createRateLimiter()`) and the run stays inside
 * the key's budgets however many operations the spec has. Nothing here prints; the report is data.
 */
import type { OperationInfo } from "../../generated/operation-info.js";
import { operations } from "../../generated/operations.js";
import { type AnyLoyaltyDogClient, internalsOf } from "../core/client/client-internals.js";
import { APIConnectionError, LoyaltyDogError } from "../core/errors/errors.js";
import { type Answer, checkAnswer } from "./answer-check.js";
import type { Deviation } from "./deviation.js";
import { PathIds } from "./path-ids.js";
import { operationKey, type Skipped, safeOperations } from "./safe-operations.js";

export type Outcome = "conforms" | "deviates" | "not checked" | "skipped";

export interface OperationResult {
  operation: string;
  outcome: Outcome;
  /** Why it was not checked or skipped: `answered 403`, `no {programId} from a list answer`, … */
  reason?: string;
  deviations: Deviation[];
}

export interface VerifyReport {
  /** `conforms`: every checked answer met the spec; `deviations`: some did not; `unchecked`: none could be checked. */
  status: "conforms" | "deviations" | "unchecked";
  deviations: Deviation[];
  operations: OperationResult[];
  counts: Record<Outcome, number>;
}

export interface VerifyOptions {
  signal?: AbortSignal;
  /** Called after each operation, in order (progress). */
  onResult?: (result: OperationResult) => void;
  /** The operation table to take the safe operations from (default: the pinned spec's). */
  table?: readonly OperationInfo[];
}

/**
 * Connection failures in a row (each already retried by the client) after which the server counts as unreachable
 * and the remaining operations are not called: a wrong origin should cost seconds, not a minute of retries.
 */
export const UNREACHABLE_AFTER = 3;

/** openapi-fetch's GET, loosened: the operations are chosen at run time, so their paths are plain strings. */
type LooseGet = (
  path: string,
  init: { params: { path: Record<string, string> }; parseAs: "text"; signal?: AbortSignal },
) => Promise<{ data?: unknown; response: Response }>;

export async function verifyServer(client: AnyLoyaltyDogClient, options: VerifyOptions = {}): Promise<VerifyReport> {
  const get = internalsOf(client).api.GET as unknown as LooseGet;
  const { safe, skipped } = safeOperations(options.table ?? operations);
  const ids = new PathIds();
  const results: OperationResult[] = skipped.map((s: Skipped) => ({ ...s, outcome: "skipped", deviations: [] }));
  for (const result of results) options.onResult?.(result);

  let unreachable = 0;
  for (const info of safe) {
    let result: OperationResult;
    if (unreachable >= UNREACHABLE_AFTER) {
      result = { operation: operationKey(info), outcome: "not checked", reason: "server unreachable", deviations: [] };
    } else {
      const { connectionFailed, ...checked } = await verifyOne(info, get, ids, options.signal);
      unreachable = connectionFailed ? unreachable + 1 : 0;
      result = checked;
    }
    results.push(result);
    options.onResult?.(result);
  }

  const counts: Record<Outcome, number> = { conforms: 0, deviates: 0, "not checked": 0, skipped: 0 };
  for (const result of results) counts[result.outcome] += 1;
  const deviations = results.flatMap((r) => r.deviations);
  const status = deviations.length > 0 ? "deviations" : counts.conforms > 0 ? "conforms" : "unchecked";
  return { status, deviations, operations: results, counts };
}

async function verifyOne(
  info: OperationInfo,
  get: LooseGet,
  ids: PathIds,
  signal?: AbortSignal,
): Promise<OperationResult & { connectionFailed?: true }> {
  const operation = operationKey(info);
  const path = ids.resolve(info.path);
  if ("missing" in path) {
    return { operation, outcome: "skipped", reason: `no {${path.missing}} from a list answer`, deviations: [] };
  }
  let answer: Answer;
  try {
    const { data, response } = await get(info.path, { params: { path: path.params }, parseAs: "text", signal });
    answer = { status: response.status, headers: response.headers, text: typeof data === "string" ? data : "" };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    // The class name only: an error's message can quote the server's text.
    if (!(error instanceof LoyaltyDogError)) throw error;
    const result: OperationResult = { operation, outcome: "not checked", reason: error.name, deviations: [] };
    return error instanceof APIConnectionError ? { ...result, connectionFailed: true } : result;
  }
  const verdict = checkAnswer(info, answer);
  if (!verdict.checked) return { operation, outcome: "not checked", reason: verdict.reason, deviations: [] };
  if (answer.status >= 200 && answer.status < 300) ids.learn(info.path, parseJson(answer.text));
  const outcome = verdict.deviations.length > 0 ? "deviates" : "conforms";
  return { operation, outcome, deviations: verdict.deviations };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
