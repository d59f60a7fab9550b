// Drives the simulator through operations of the spec and judges every answer with a validator the SDK did not
// generate (spec-ajv.ts: Ajv 2020 + ajv-formats over the pinned spec). Each operation (from the generated table)
// is called with a sampled request and with only its required fields, with an `ld_*` key and then a JWT; ids the
// simulator hands out (task and export ids) are fed back into later calls, so the task flows run to their end. An
// answer must be a declared status with a body its schema accepts, or a listed departure (SIMULATOR_DEPARTURES).
import { expect } from "vitest";
import { operations } from "../../generated/operations.js";
import { operationValidators } from "../../generated/validators.js";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type LoyaltyDogSimulator,
  SIMULATOR_DEPARTURES,
  type SimulatorDeparture,
} from "../../src/testing/index.js";
import { sampleOf, seededRandom } from "../../src/testing/schema-sample.js";
import { SIMULATED_INPUTS } from "../../src/testing/simulator/simulated-inputs.js";
import { specJudge, token } from "./spec-ajv.js";

const judge = specJudge();
const JWT = "eyJhbGciOiJIUzI1NiJ9.simulator.signature";
type Json = Record<string, unknown>;

/** Ids the simulator handed out, by the path of the operation that made them (a later call under it uses them). */
type IdPool = { from: string; key: string; value: string }[];

export interface Outcome {
  failures: string[];
  /** Simulated operations that answered 2xx at least once. */
  succeeded: Set<string>;
  departures: Set<SimulatorDeparture>;
  calls: number;
}

function departureFor(method: string, path: string, status: number, mediaType: string) {
  return SIMULATOR_DEPARTURES.find(
    (d) =>
      (d.method === "*" || d.method === method) &&
      (d.path === "*" || d.path === path) &&
      ((d.kind === "status" && d.statuses?.includes(String(status))) ||
        (d.kind === "media-type" && d.mediaType === mediaType)),
  );
}

/** The documented error bodies: the envelope for `ld_*` keys, FastAPI's `detail` for JWTs; gateways send HTML. */
function errorBodyProblem(body: string, mediaType: string, hashed: boolean): string | undefined {
  if (mediaType !== "application/json") return mediaType === "text/html" ? undefined : `error body as ${mediaType}`;
  const json = JSON.parse(body) as Json;
  if (hashed) {
    const ok = ["code", "message", "request_id"].every((k) => typeof json[k] === "string");
    return ok ? undefined : `not the {code, message, request_id} envelope: keys ${Object.keys(json).join(",")}`;
  }
  return typeof json.detail === "string" || Array.isArray(json.detail) ? undefined : "not FastAPI's {detail}";
}

function idFor(pool: IdPool, name: string, path: string): string | undefined {
  const key = name.replace(/_/g, "").toLowerCase();
  const matching = pool.filter((entry) => entry.key.toLowerCase() === key);
  return (matching.filter((entry) => path.startsWith(entry.from)).at(-1) ?? matching.at(-1))?.value;
}

function collectIds(pool: IdPool, from: string, body: unknown): void {
  if (!body || typeof body !== "object" || Array.isArray(body)) return;
  for (const [key, value] of Object.entries(body))
    if (/^(taskId|task_id|exportId)$/.test(key) && typeof value === "string") pool.push({ from, key, value });
}

/** Path, query and body for one call: sampled from the spec's validators, or cut to what the spec requires. */
function requestFor(operation: (typeof operations)[number], seed: number, minimal: boolean, pool: IdPool) {
  const key = `${operation.method} ${operation.path}`;
  const validators = operationValidators[key];
  const random = seededRandom(seed * 7919 + operation.path.length);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(name === "programId" ? "prog-1" : (idFor(pool, name, operation.path) ?? `${name}-${seed}`)),
  );
  const query = new URLSearchParams();
  const sampledQuery = (validators?.query ? sampleOf(validators.query, random) : {}) as Json;
  for (const { name, required } of operation.queryParams) {
    if (minimal && !required) continue;
    const value = idFor(pool, name, "") ?? sampledQuery[name];
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== null && item !== undefined && typeof item !== "object") query.append(name, String(item));
  }
  let body: unknown;
  if (validators?.requestBody) {
    body = sampleOf(validators.requestBody, random);
    if (minimal) {
      const pointer = `/paths/${token(operation.path)}/${operation.method.toLowerCase()}/requestBody/content/application~1json/schema`;
      body = judge.requiredOnly(body, pointer);
    }
  }
  const search = query.toString();
  return { url: `${path}${search ? `?${search}` : ""}`, body };
}

/** Every operation of the spec, or the ones the simulator serves (SIMULATED_INPUTS). */
export type Scope = "every operation" | "simulated operations";

export async function drive(
  send: (path: string, init: RequestInit) => Promise<Response>,
  seed: number,
  scope: Scope,
): Promise<Outcome> {
  const outcome: Outcome = { failures: [], succeeded: new Set(), departures: new Set(), calls: 0 };
  const pool: IdPool = [];
  // Writes first, so the reads of the same pass find what they made; a second pass with the other key kind.
  const chosen = operations.filter(
    (op) => scope === "every operation" || `${op.method} ${op.path}` in SIMULATED_INPUTS,
  );
  const ordered = [...chosen].sort((a, b) => Number(a.method === "GET") - Number(b.method === "GET"));
  for (const [pass, secret] of [DEFAULT_SIMULATOR_TOKEN, JWT].entries()) {
    for (const operation of ordered) {
      const key = `${operation.method} ${operation.path}`;
      for (const minimal of [false, true]) {
        const { url, body } = requestFor(operation, seed + pass, minimal, pool);
        const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
        if (body !== undefined) headers["content-type"] = "application/json";
        if (operation.headerParams.includes("idempotency-key"))
          headers["idempotency-key"] = `seed-${seed}-${outcome.calls}`;
        const response = await send(url, {
          method: operation.method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        outcome.calls++;
        const text = await response.text();
        const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
        const where = `${key} (seed ${seed}, ${minimal ? "required fields" : "sampled"}, ${pass ? "JWT" : "ld_"}) ${response.status}`;
        if (response.ok && key in SIMULATED_INPUTS) outcome.succeeded.add(key);
        if (mediaType === "application/json" && text) collectIds(pool, operation.path, JSON.parse(text));
        const departure = departureFor(operation.method, operation.path, response.status, mediaType);
        if (departure) {
          outcome.departures.add(departure);
          if (departure.path === "*") {
            const problem = errorBodyProblem(text, mediaType, pass === 0);
            if (problem) outcome.failures.push(`${where}: ${problem}`);
          } else if (departure.kind === "status") {
            // Another status for a body the spec declares elsewhere (bulk: 202 with the 201's async body).
            const declared = judge.statuses(key).find((s) => /^2/.test(s));
            const validate = declared ? judge.response(key, declared) : undefined;
            if (validate && !validate(JSON.parse(text)))
              outcome.failures.push(`${where}: ${judge.explain(validate.errors).join("; ")}`);
          }
          continue;
        }
        try {
          const validate = judge.response(key, response.status, mediaType);
          if (validate && !validate(text ? JSON.parse(text) : undefined))
            outcome.failures.push(`${where}: ${judge.explain(validate.errors).join("; ")}`);
        } catch (error) {
          outcome.failures.push(`${where}: ${(error as Error).message}`);
        }
      }
    }
  }
  return outcome;
}

export const simulatorFor = (seed: number): LoyaltyDogSimulator =>
  createLoyaltyDogSimulator({
    tokens: [DEFAULT_SIMULATOR_TOKEN, JWT],
    rateLimit: false,
    // Tasks end at their first poll, and seed 2's fail, so both ends of a task are answered. Seed 2 issues bulk
    // batches at once (201), the others as tasks (202, then polled).
    tasks: { pollsToComplete: 0, outcome: seed === 2 ? "failure" : "success" },
    bulk: { syncThreshold: seed === 2 ? 10_000 : 1 },
  });

/** Several runs as one: failures and what answered 2xx, over all of them. */
export function merged(outcomes: readonly Outcome[]): Outcome {
  return {
    failures: outcomes.flatMap((o) => o.failures),
    succeeded: new Set(outcomes.flatMap((o) => [...o.succeeded])),
    departures: new Set(outcomes.flatMap((o) => [...o.departures])),
    calls: outcomes.reduce((sum, o) => sum + o.calls, 0),
  };
}

/** No failure; every operation in scope called (4 calls per run), every simulated one answered 2xx at least once. */
export function expectConforming(outcome: Outcome, scope: Scope, runs = 1): void {
  expect(outcome.failures).toEqual([]);
  const inScope = scope === "every operation" ? operations.length : Object.keys(SIMULATED_INPUTS).length;
  expect(outcome.calls).toBe(inScope * 4 * runs);
  expect([...outcome.succeeded].sort()).toEqual(Object.keys(SIMULATED_INPUTS).sort());
}
