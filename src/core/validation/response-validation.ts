/**
 * Drift detection on the live wire: each success answer whose body the spec
 * types is checked against the validators generated from the pinned spec.
 * Attached as openapi-fetch middleware on the client, so the typed calls and
 * every helper that takes the client (`/tasks`, `/paginate`, …) are covered,
 * and the transport stays as it is.
 *
 * The body handed on is the validator's output, not the text that came: a
 * property the spec gives a `default` and the server left out reads as that
 * default (as a pydantic client reads it), which is what the types promise.
 */
import type { Middleware } from "openapi-fetch";
import { type BaseIssue, type GenericSchema, safeParse } from "valibot";
import { type OperationValidators, operationValidators } from "../../../generated/validators.js";
import { type AnyLoyaltyDogClient, internalsOf } from "../client/client-internals.js";
import { InvalidArgumentError } from "../errors/invalid-argument.js";
import { bufferedResponse } from "../http/buffered-response.js";
import type { LogFn } from "../platform/logger.js";
import { ResponseValidationError } from "./response-validation-error.js";
import { mismatchOf, type SchemaMismatch } from "./schema-mismatch.js";

/** "off": no checks; "warn": log each broken rule once per operation; "throw": the call rejects with ResponseValidationError. */
export type ValidationMode = "off" | "warn" | "throw";

export interface ValidationOptions {
  validate: ValidationMode;
}

/** Distinct (operation, rule) pairs a client warns about; past this, further new ones are not logged (bounded memory). */
export const MAX_WARNED_RULES = 1_000;

const attached = new WeakMap<object, Middleware>();

/**
 * Checks the client's answers against the spec from now on (the same client
 * is returned, for chaining). Warnings go to the client's logger at "warn"
 * (or the console when the client logs nothing). Calling it again replaces the mode; "off" removes
 * the checks. Like middleware added with `use()`, it is not carried over by
 * `client.withOptions(…)`.
 */
export function validateResponses<C extends AnyLoyaltyDogClient>(client: C, options: ValidationOptions): C {
  const mode = options?.validate;
  if (mode !== "off" && mode !== "warn" && mode !== "throw") {
    throw new InvalidArgumentError(
      `validateResponses: validate must be "off", "warn" or "throw", got ${JSON.stringify(mode)}`,
    );
  }
  const internals = internalsOf(client);
  const previous = attached.get(internals.api);
  if (previous) internals.api.eject(previous);
  attached.delete(internals.api);
  if (mode === "off") return client;

  const warned = new Set<string>();
  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const operation = `${request.method} ${schemaPath}`;
      const validators = operationValidators[operation];
      const schema = response.ok ? schemaFor(validators, response.status) : undefined;
      if (!validators || !schema) return undefined;
      const { mismatches, output } = check(schema, await response.clone().text());
      const answer = output === undefined ? undefined : withBody(response, request, output);
      if (!mismatches.length) return answer;
      const requestId = response.headers.get("x-request-id") ?? undefined;
      const init = { operation, operationId: validators.operationId, status: response.status, requestId, mismatches };
      if (mode === "throw") throw new ResponseValidationError(init);
      for (const mismatch of mismatches) {
        const rule = `${operation} ${mismatch.rule}`;
        if (warned.has(rule) || warned.size >= MAX_WARNED_RULES) continue;
        warned.add(rule);
        // Built as an error, so the pointer and request id are scrubbed the way every error's text is.
        const { pointer, expected, received, requestId } = new ResponseValidationError({
          ...init,
          mismatches: [mismatch],
        });
        (internals.log ?? consoleWarn)(
          "warn",
          `response does not match the spec: ${operation} ${pointer || "(body)"}`,
          {
            operation,
            operationId: validators.operationId,
            status: response.status,
            pointer,
            expected,
            received,
            requestId,
          },
        );
      }
      return answer;
    },
  };
  internals.api.use(middleware);
  attached.set(internals.api, middleware);
  return client;
}

/** "warn" asked for warnings: a client that logs nothing still gets them, on the console. */
const consoleWarn: LogFn = (_level, message, fields) => console.warn(message, fields);

/** The validator for a status: the exact code, else its `2XX` range, else none (untyped answers are not checked). */
function schemaFor(validators: OperationValidators | undefined, status: number): GenericSchema | undefined {
  return validators?.responses?.[String(status)] ?? validators?.responses?.[`${String(status)[0]}XX`];
}

interface Verdict {
  mismatches: SchemaMismatch[];
  /** The body as the validator hands it back (defaults filled in); undefined when there was no JSON body. */
  output?: unknown;
}

function check(schema: GenericSchema, text: string): Verdict {
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: the call itself fails on it (InvalidResponseError), which says more than a schema would.
    return { mismatches: [] };
  }
  if (body === undefined) return { mismatches: [] };
  // On failure ("warn" goes on) valibot's output still holds every default it could fill in.
  const result = safeParse(schema, body);
  const mismatches = result.success
    ? []
    : result.issues.map((issue) => mismatchOf(issue as BaseIssue<unknown>, schema));
  return { mismatches, output: result.output };
}

/** The same answer (status, headers, request) with `body` as its JSON, served from memory like the original. */
function withBody(response: Response, request: Request, body: unknown): Response {
  return bufferedResponse(encoder.encode(JSON.stringify(body)), response, request);
}

const encoder = new TextEncoder();
