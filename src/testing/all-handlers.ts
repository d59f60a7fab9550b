/**
 * A handler for every operation in the spec, answering its success status with
 * seeded data that the generated validators accept, formats included (the
 * tests hold every answer, on several seeds, against Ajv reading the spec).
 * Where the spec leaves the success body untyped (`{}`, most of the API
 * today) the answer is an empty JSON object: there is nothing to be faithful to. Stateless; for flows with
 * state, timing or faults use `defaultHandlers()` or the simulator, listed
 * first so they win.
 */
import type { HttpHandler } from "msw";
import { HttpResponse } from "msw";
import type { OperationInfo } from "../../generated/operation-info.js";
import { operations } from "../../generated/operations.js";
import { operationValidators } from "../../generated/validators.js";
import { InvalidArgumentError } from "../core/errors/invalid-argument.js";
import { createLoyaltyDogHttp, type LoyaltyDogHttp } from "./loyaltydog-http.js";
import { hashString, sampleOf, seededRandom } from "./schema-sample.js";

export interface AllHandlersOptions {
  /** API origin (default `https://api.loyalty.dog`). */
  baseUrl?: string;
  /** Seeds the generated data; same seed, same answers (default 1). Each operation draws from its own stream. */
  seed?: number;
}

/** What `allHandlers()` answers for one operation: its status and body (`undefined` for no body). */
export interface SampleAnswer {
  status: number;
  body: unknown;
}

/** The answer `allHandlers({ seed })` gives `METHOD /path/template`, for assertions. */
export function sampleAnswer(operation: string, seed = 1): SampleAnswer {
  const info = operations.find((op) => `${op.method} ${op.path}` === operation);
  if (!info) throw new InvalidArgumentError(`sampleAnswer: no operation ${JSON.stringify(operation)} in the spec`);
  return answerFor(info, seed);
}

export function allHandlers(options: AllHandlersOptions = {}): HttpHandler[] {
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError(`allHandlers: seed must be an integer, got ${seed}`);
  const loyaltyDog = createLoyaltyDogHttp(options);
  return operations.map((info) => {
    const register = loyaltyDog[info.method.toLowerCase() as Lowercase<OperationInfo["method"]> & keyof LoyaltyDogHttp];
    // Built per request, so a test that mutates the body it got cannot change the next answer.
    // The operation is only known at run time here, so the body goes out through `untyped`; the validators
    // stand in for the compile-time check (the all-operations test checks every answer with them).
    return (register as (path: string, resolver: HandlerResolver) => HttpHandler)(info.path, ({ response }) => {
      const { status, body } = answerFor(info, seed);
      return response.untyped(
        body === undefined ? new HttpResponse(null, { status }) : HttpResponse.json(body as never, { status }),
      );
    });
  });
}

type HandlerResolver = (args: { response: { untyped(response: Response): Response } }) => Response;

function answerFor(info: OperationInfo, seed: number): SampleAnswer {
  const operation = `${info.method} ${info.path}`;
  const code = info.successCodes[0] ?? "200";
  const status = /^\d{3}$/.test(code) ? Number(code) : 200;
  if (status === 204 || status === 205) return { status, body: undefined };
  const schema = operationValidators[operation]?.responses?.[code];
  if (!schema) return { status, body: {} };
  return { status, body: sampleOf(schema, seededRandom((seed ^ hashString(operation)) >>> 0)) };
}
