import createClient, { type Client } from "openapi-fetch";
import { idempotencyKeyOperations } from "../generated/idempotency.js";
import type { paths } from "../generated/schema.js";
import { type ClientInternals, clientInternals } from "./core/client/client-internals.js";
import { checkOptions, didYouMean, type OptionRules } from "./core/client/option-keys.js";
import { parseErrorBody } from "./core/errors/error-body.js";
import { InvalidArgumentError } from "./core/errors/invalid-argument.js";
import { ClientSecrets, registerSecrets } from "./core/errors/redact.js";
import { errorFromResponse } from "./core/errors/unwrap.js";
import { CallRequest } from "./core/http/call-request.js";
import { badHeaderInput, checkCredential } from "./core/http/header-input.js";
import { compileOperationMatcher, type IdempotencyPolicy } from "./core/http/idempotency.js";
import { isLoopbackHost } from "./core/http/loopback.js";
import { serializePath } from "./core/http/path-serializer.js";
import {
  type CallDefaults,
  checkMaxBytes,
  checkMaxRetries,
  checkTimer,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from "./core/http/request-options.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./core/http/retry-policy.js";
import { type CredentialSource, createTransport } from "./core/http/transport.js";
import type { TypedCalls } from "./core/http/typed-calls.js";
import { undeclaredIdempotencyOperations } from "./core/http/undeclared-idempotency.js";
import { type Clock, systemClock } from "./core/platform/clock.js";
import { environmentVariable } from "./core/platform/environment.js";
import { createLog, type Logger, type LogLevel } from "./core/platform/logger.js";
import type { RateLimiter } from "./core/rate-limit/rate-limiter.js";
import { VERSION } from "./version.js";

export const DEFAULT_BASE_URL = "https://api.loyalty.dog";

export interface LoyaltyDogClientOptions {
  /**
   * Bearer secret: a JWT app key (`eyJ…`) or a hashed key (`ld_live_…` / `ld_test_…`), or a function returning one
   * (asked once per request, so rotation works). Default: `LOYALTYDOG_TOKEN` from the environment, where there is one.
   */
  token?: CredentialSource;
  /** Sent as `X-Eposn-Merchant-Token` unless a call sets it. */
  merchantToken?: CredentialSource;
  /** Sent as `X-Eposn-Customer-Token` unless a call sets it. */
  customerToken?: CredentialSource;
  /** API origin; default `LOYALTYDOG_BASE_URL` from the environment, else https://api.loyalty.dog. https only, or http to loopback (see `dangerouslyAllowPlainHttp`). */
  baseUrl?: string;
  /** Sends the token over plain http to a host that is not loopback, where anyone on the path can read it. Default false. */
  dangerouslyAllowPlainHttp?: boolean;
  /** Retries after the first attempt, for transient failures only (see retry-policy.ts). 0–10, default 2. */
  maxRetries?: number;
  /** The rest of the retry policy (backoff, cap on a server's Retry-After); unset fields keep DEFAULT_RETRY_POLICY's. */
  retry?: Partial<RetryPolicy>;
  /** Per attempt, exact: until the complete answer (head and JSON body) arrived. 1 ms to 2^31-1 ms, default 60 000. */
  timeoutMs?: number;
  /** Longest wait for the next byte of a body (for downloads, which the timeout does not cover). Default `timeoutMs`. */
  bodyIdleTimeoutMs?: number;
  /** Largest API answer body accepted, counted on decoded bytes as they stream. Default 32 MiB; `Infinity` for none. */
  maxResponseBytes?: number;
  /** Replaces the global fetch (proxies, instrumentation). Default: `globalThis.fetch` at call time. */
  fetch?: typeof fetch;
  /** Appended to the User-Agent (`loyaltydog-sdk-js/x.y.z <suffix>`). */
  userAgent?: string;
  /** Where attempt lines go; `console` when only `logLevel` is given. */
  logger?: Logger;
  /** Default "off" (or "info" when a logger is given). */
  logLevel?: LogLevel;
  /** "auto" (default): spec-declared operations get a UUID key; "all-posts": every POST too; "off". */
  idempotency?: IdempotencyPolicy;
  /** Make the raw `GET`/`POST`/… calls throw APIErrors instead of returning `{ error }`; their type then has `data` always set. Default false. */
  throwOnError?: boolean;
  /** Time source for backoff sleeps and the poller; inject a fake one in tests. */
  clock?: Clock;
  /** Jitter source in [0, 1); inject for deterministic tests. */
  random?: () => number;
  /**
   * Keep inside LoyaltyDog's rate limits before the server says 429: a limiter from `@loyaltydog/sdk/rate-limit`
   * (`createRateLimiter()`, one process) or `/rate-limit-redis` (workers sharing a key). Calls queue for it in
   * order; their `signal` and `timeoutMs` cover the wait. Default: none.
   */
  rateLimit?: RateLimiter;
}

/**
 * The typed calls (`GET`/`POST`/…) for every operation in the spec. The
 * helpers are functions that take the client, imported from subpaths so an
 * app bundles only the ones it uses: `@loyaltydog/sdk/tasks`, `/download`,
 * `/paginate`, `/node`. `Throws` is true for a client made with `throwOnError: true`.
 */
export interface LoyaltyDogClient<Throws extends boolean = false> extends TypedCalls<Throws> {
  /**
   * A client like this one with some options changed (`client.withOptions({ timeoutMs: 5_000 })`); middleware added
   * with `use()` is not carried over. Its type follows what it is given: `withOptions({ throwOnError: false })` on a
   * throwing client is a non-throwing one.
   */
  withOptions<const Overrides extends Partial<LoyaltyDogClientOptions>>(
    overrides: Overrides,
  ): LoyaltyDogClient<ThrowsAfter<Overrides, Throws>>;
  /** For the helpers; not an API. */
  readonly [clientInternals]: ClientInternals;
}

/**
 * Whether a client made by `withOptions(overrides)` throws: as the overrides say when they name `throwOnError`
 * (`undefined` there means the default, false; a plain `boolean` could be either), else as before.
 */
export type ThrowsAfter<Overrides, Throws extends boolean> = "throwOnError" extends keyof Overrides
  ? Overrides["throwOnError"] extends true
    ? true
    : Overrides["throwOnError"] extends false | undefined
      ? false
      : boolean
  : Throws;

/** A typed client for every operation in the spec, with retries, idempotency keys, timeouts and request ids underneath. */
export function createLoyaltyDogClient<Throws extends boolean = false>(
  options?: LoyaltyDogClientOptions & { throwOnError?: Throws },
): LoyaltyDogClient<Throws> {
  options ??= {}; // none given, or plain JavaScript's null
  const { token, baseUrl, ...callDefaults } = validate(options);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const shared = {
    ...callDefaults,
    fetch: options.fetch,
    clock,
    random,
    isKeyedOperation: compileOperationMatcher(
      [...idempotencyKeyOperations, ...undeclaredIdempotencyOperations],
      baseUrl.pathname,
    ),
    userAgent: `loyaltydog-sdk-js/${VERSION}${options.userAgent ? ` ${options.userAgent}` : ""}`,
    log: createLog(options.logger, options.logLevel),
  };
  // The client knows its secrets, so every error can scrub them (redact.ts); checked, so fetch never quotes one.
  const secrets = new ClientSecrets();
  const credential = (source: CredentialSource, label: string) => trackCredential(source, label, secrets);
  const transport = createTransport({
    ...shared,
    credentials: [
      ["authorization", credential(token, "token"), (token) => `Bearer ${token}`],
      ...(options.merchantToken
        ? [["x-eposn-merchant-token", credential(options.merchantToken, "merchantToken"), same] as const]
        : []),
      ...(options.customerToken
        ? [["x-eposn-customer-token", credential(options.customerToken, "customerToken"), same] as const]
        : []),
    ],
    idempotency: options.idempotency ?? "auto",
    requestIds: true,
    // Opt-in: the limiter wraps the API's fetch (each attempt waits for budget; each answer's headers are read).
    fetch: options.rateLimit ? options.rateLimit.wrapFetch(options.fetch) : options.fetch,
  });
  // Storage hosts get the same retries and timeouts, and nothing that identifies the caller.
  const storage = createTransport({ ...shared, credentials: [], idempotency: "off", requestIds: false });
  registerSecrets(transport, secrets);
  const client = createClient<paths>({
    baseUrl: baseUrl.href.replace(/\/+$/, ""),
    fetch: transport,
    Request: CallRequest,
    pathSerializer: serializePath,
  });
  if (options.throwOnError) {
    client.use({
      async onResponse({ response }) {
        if (!response.ok) throw errorFromResponse(response, parseErrorBody(await response.clone().text()));
        return undefined;
      },
    });
  }
  checkCallInits(client);
  const internals: ClientInternals = {
    api: client,
    clock,
    random,
    log: shared.log,
    downloads: { apiOrigin: baseUrl.origin, api: transport, storage, retry: callDefaults.retry, clock, random },
  };
  return Object.assign(client, {
    withOptions: (overrides: Partial<LoyaltyDogClientOptions>) => {
      checkOptions("withOptions", overrides, CLIENT_OPTIONS);
      return createLoyaltyDogClient({ ...options, ...overrides });
    },
    [clientInternals]: internals,
  }) as unknown as LoyaltyDogClient<Throws>;
}

const same = (value: string) => value;

/** A credential checked for characters a header cannot carry, and remembered as a secret (a function's values as they come). */
function trackCredential(source: CredentialSource, label: string, secrets: ClientSecrets): CredentialSource {
  if (typeof source === "string") {
    checkCredential(source, `createLoyaltyDogClient: ${label}`);
    secrets.add(source);
    return source;
  }
  return async () => {
    const value = await source();
    if (typeof value === "string") {
      checkCredential(value, `the ${label} function's value`);
      secrets.remember(value);
    }
    return value;
  };
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * Every client option and the `typeof` its value may have (or its values):
 * `checkOptions` refuses any other key, suggesting the closest, and a value
 * of another type, for the callers the compiler does not check.
 */
const CREDENTIAL = "a string or a function";
const CLIENT_OPTIONS: OptionRules & Record<keyof LoyaltyDogClientOptions, string> = {
  token: CREDENTIAL,
  merchantToken: CREDENTIAL,
  customerToken: CREDENTIAL,
  baseUrl: "a string",
  dangerouslyAllowPlainHttp: "a boolean",
  maxRetries: "a number",
  retry: "an object",
  timeoutMs: "a number",
  bodyIdleTimeoutMs: "a number",
  maxResponseBytes: "a number",
  fetch: "a function",
  userAgent: "a string",
  logger: "an object",
  // Every LogLevel and IdempotencyPolicy (test/client/options-and-environment.test.ts passes each).
  logLevel: '"off", "error", "warn", "info" or "debug"',
  idempotency: '"auto", "all-posts" or "off"',
  throwOnError: "a boolean",
  clock: "an object",
  random: "a function",
  rateLimit: "an object",
};

/**
 * The names a call's init may misspell. Its other keys are not refused: the
 * init is also fetch's `RequestInit` (`cache`, `keepalive`, undici's
 * `dispatcher`, Next.js's `next`, …), which no list here can keep up with, so
 * only a near miss of these is an error (`timeoutMS`, `maxRetry`, `parms`).
 */
const CALL_KEYS = [
  "params",
  "body",
  "headers",
  "signal",
  "parseAs",
  "maxRetries",
  "timeoutMs",
  "idempotencyKey",
  "maxResponseBytes",
  "bodyIdleTimeoutMs",
];

/**
 * Checks a call's init before openapi-fetch sees it: a `headers` or
 * `params.header` value with CR, LF or NUL is refused with an
 * InvalidArgumentError that does not quote it (fetch's own TypeError would:
 * a token passed per call, say), and so is a key that is a near miss of a
 * known one (which would otherwise be dropped without a word). A call pays a
 * walk over its init's own few keys; the near-miss match (a prefix or stem,
 * not an edit distance) only for a key that is not one of `CALL_KEYS`.
 */
function checkCallInits(client: Client<paths>): void {
  const check = (method: string, init: unknown): InvalidArgumentError | undefined => {
    if (init && typeof init === "object") {
      for (const key of Object.keys(init)) {
        const hint = CALL_KEYS.includes(key) ? "" : didYouMean(key, CALL_KEYS);
        if (hint) return new InvalidArgumentError(`${method}: unknown option \`${key}\`${hint}`);
      }
    }
    return badHeaderInput(init);
  };
  const methods = client as unknown as Record<string, (url: unknown, init?: unknown) => Promise<unknown>>;
  for (const method of METHODS) {
    const raw = methods[method] as (url: unknown, init?: unknown) => Promise<unknown>;
    methods[method] = (url, init) => {
      const bad = check(method, init);
      return bad ? Promise.reject(bad) : raw(url, init);
    };
  }
  const rawRequest = client.request as unknown as (method: unknown, url: unknown, init?: unknown) => Promise<unknown>;
  (client as unknown as { request: typeof rawRequest }).request = (method, url, init) => {
    const bad = check(String(method).toUpperCase(), init);
    return bad ? Promise.reject(bad) : rawRequest(method, url, init);
  };
}

/** The options checked: the credential and origin, and what each call gets unless it sets its own. */
interface Settings extends CallDefaults {
  token: CredentialSource;
  baseUrl: URL;
  retry: RetryPolicy;
}

/**
 * The options checked, with the token and base URL resolved. Precedence, per
 * option: the value passed (even one `withOptions` passed), else the
 * environment's `LOYALTYDOG_TOKEN` / `LOYALTYDOG_BASE_URL` where there is an
 * environment (core/platform/environment.ts), else the default (none for the token).
 */
function validate(options: LoyaltyDogClientOptions): Settings {
  const where = "createLoyaltyDogClient";
  checkOptions(where, options, CLIENT_OPTIONS);
  const token = options.token ?? environmentVariable("LOYALTYDOG_TOKEN");
  if (!token) {
    throw new InvalidArgumentError(`${where}: no token: pass \`token\` or set LOYALTYDOG_TOKEN`);
  }
  const urlText = options.baseUrl ?? environmentVariable("LOYALTYDOG_BASE_URL");
  let baseUrl: URL;
  try {
    baseUrl = new URL(urlText ?? DEFAULT_BASE_URL);
  } catch {
    throw new InvalidArgumentError(`${where}: baseUrl ${JSON.stringify(urlText)} is not a URL`);
  }
  if (baseUrl.protocol !== "https:" && baseUrl.protocol !== "http:") {
    throw new InvalidArgumentError(`${where}: baseUrl must be http(s), got ${baseUrl.protocol}`);
  }
  if (baseUrl.username || baseUrl.password) {
    throw new InvalidArgumentError(`${where}: baseUrl must not carry a user name or password`);
  }
  if (baseUrl.protocol === "http:" && !isLoopbackHost(baseUrl.hostname) && options.dangerouslyAllowPlainHttp !== true) {
    throw new InvalidArgumentError(
      `${where}: refusing plain http to ${baseUrl.hostname}: the token would cross the network in clear. Use https (http is allowed to loopback), or set dangerouslyAllowPlainHttp: true`,
    );
  }
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  retry.maxRetries = checkMaxRetries(where, options.maxRetries ?? retry.maxRetries);
  for (const key of ["initialDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    if (!(retry[key] >= 0) || retry[key] > MAX_DELAY) {
      throw new InvalidArgumentError(`${where}: retry.${key} must be from 0 to ${MAX_DELAY} ms, got ${retry[key]}`);
    }
  }
  const timeoutMs = checkTimer(where, "timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (options.rateLimit !== undefined && typeof options.rateLimit?.wrapFetch !== "function") {
    throw new InvalidArgumentError(`${where}: rateLimit must come from createRateLimiter`);
  }
  return {
    token,
    baseUrl,
    retry,
    maxRetries: retry.maxRetries,
    timeoutMs,
    bodyIdleTimeoutMs: checkTimer(where, "bodyIdleTimeoutMs", options.bodyIdleTimeoutMs ?? timeoutMs),
    maxResponseBytes: checkMaxBytes(where, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
  };
}

/** A backoff or Retry-After wait longer than setTimeout can hold would fire at once. */
const MAX_DELAY = 2 ** 31 - 1;
