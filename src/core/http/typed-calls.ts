import type { FetchResponse, MaybeOptionalInit, Middleware, ParseAs } from "openapi-fetch";
import type { paths } from "../../../generated/schema.js";
import type { ErrorBody } from "../errors/error-body.js";
import type { PerCall } from "./request-options.js";

/**
 * The raw calls' types: openapi-fetch's, with these differences.
 *
 * 1. Misspelled keys fail to compile. openapi-fetch infers a generic `Init`
 *    from the argument and only checks it against the declared shape as a
 *    constraint, which is plain assignability, so `query: { limit: 5, bogus: 1 }`
 *    passes (openapi-typescript #1769, #2329; the fix discussed there, as in
 *    swr-openapi #2412, is to use the concrete init type in the signature).
 *    Here the parameter is the declared init itself, so an object literal
 *    gets TypeScript's excess-property check at every level: params, body,
 *    and the init's own keys. Only `parseAs` is inferred, to pick the
 *    response type.
 * 2. The result follows `throwOnError`: with it, a call either resolves with
 *    `data` or throws, so `data` is not optional and `error` is `never`.
 * 3. `error` is typed as the API sends it (`ErrorBody`): the spec declares
 *    only FastAPI's validation body for most operations, while `ld_*` keys
 *    get `{code, message, request_id}`, JWTs `{detail: "…"}`, and gateways
 *    HTML. openapi-fetch types it as the spec's alone.
 */
type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
/**
 * A generated `paths` type. The aliases below take it as a parameter instead
 * of naming `paths`: TypeScript then resolves them for the one path a call
 * names, where naming `paths` directly made the first call cost ~15 000
 * types (every path's init was built to decide whether `init` is optional).
 */
type AnyPaths = object;

/** The paths that have `method`. */
export type PathsWith<M extends Method, Paths extends AnyPaths = paths> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: object } ? P : never;
}[keyof Paths];

/**
 * Keys a call's init may carry beyond openapi-fetch's own (`signal` and
 * `headers` are openapi-fetch's already): the per-call transport options of
 * request-options.ts. Named here because the init is closed: a key not in its
 * type does not compile.
 */
export type PerCallOptions = PerCall;

/** What a call's init adds to openapi-fetch's: one interface, so each call builds one intersection, not two. */
interface CallExtras<As extends ParseAs> extends PerCallOptions {
  /** Picks the response type, as in openapi-fetch. */
  parseAs?: As;
}

/** The init is optional exactly when nothing in it is required. */
type InitArgs<I, As extends ParseAs> = undefined extends I
  ? [init?: Exclude<I, undefined> & CallExtras<As>]
  : [init: I & CallExtras<As>];

/**
 * A path that is not in the spec fails inference of `P`, which then falls
 * back to its constraint: every path with the method. Their union's init is
 * required (some path needs one), so `client.GET("/v2/typo")` used to report
 * "Expected 2 arguments, but got 1", not the path. When `P` is that whole
 * union the init is made optional, so the one error left is the path's own:
 * `Argument of type '"/v2/typo"' is not assignable to parameter of type
 * 'PathsWith<"get", paths>'`. A real path is a single member, never the union.
 */
type ArgsFor<All, P, I, As extends ParseAs> = [All] extends [P] ? [init?: CallExtras<As>] : InitArgs<I, As>;

type Op<Paths, P extends keyof Paths, M extends Method> = Paths[P][M & keyof Paths[P]] &
  Record<string | number, unknown>;

/** What a call resolves with: openapi-fetch's `{ data } | { error }`, or only `{ data }` when failures throw. */
export type CallResult<Op extends Record<string | number, unknown>, As extends ParseAs, Throws extends boolean> = [
  Throws,
] extends [true]
  ? Extract<FetchResponse<Op, { parseAs: As }, `${string}/${string}`>, { data: unknown }>
  : ErrorsAsSent<FetchResponse<Op, { parseAs: As }, `${string}/${string}`>>;

/**
 * openapi-fetch's result with its `{ error }` branch widened to the bodies the API sends. An operation that
 * declares no error answer has `error?: never` there, read as `undefined`: it is dropped, because the API still
 * sends its envelopes, and an `undefined` member would stop `if (error) throw error` from narrowing `data`.
 */
type ErrorsAsSent<R> = R extends { error?: infer Declared; response: Response }
  ? [Exclude<Declared, undefined>] extends [never]
    ? R extends { data: unknown; error?: never }
      ? R | { data?: never; error: ErrorBody<never>; response: Response }
      : { data?: never; error: ErrorBody<never>; response: Response }
    : R extends { data: unknown; error?: never }
      ? R
      : { data?: never; error: ErrorBody<Exclude<Declared, undefined>>; response: Response }
  : R;

type Call<M extends Method, Throws extends boolean, Paths extends AnyPaths> = <
  P extends PathsWith<M, Paths>,
  As extends ParseAs = "json",
>(
  url: P,
  ...init: ArgsFor<PathsWith<M, Paths>, P, MaybeOptionalInit<Paths[P], M & keyof Paths[P]>, As>
) => Promise<CallResult<Op<Paths, P, M>, As, Throws>>;

type Request<Throws extends boolean, Paths extends AnyPaths> = <
  M extends Method,
  P extends PathsWith<M, Paths>,
  As extends ParseAs = "json",
>(
  method: M,
  url: P,
  ...init: ArgsFor<PathsWith<M, Paths>, P, MaybeOptionalInit<Paths[P], M & keyof Paths[P]>, As>
) => Promise<CallResult<Op<Paths, P, M>, As, Throws>>;

/** The typed calls of a LoyaltyDog client. `Throws` is true for a client made with `throwOnError: true`. */
export interface TypedCalls<Throws extends boolean = false, Paths extends AnyPaths = paths> {
  /** Any method by name: `client.request("get", "/v2/token")`. */
  request: Request<Throws, Paths>;
  GET: Call<"get", Throws, Paths>;
  PUT: Call<"put", Throws, Paths>;
  POST: Call<"post", Throws, Paths>;
  DELETE: Call<"delete", Throws, Paths>;
  OPTIONS: Call<"options", Throws, Paths>;
  HEAD: Call<"head", Throws, Paths>;
  PATCH: Call<"patch", Throws, Paths>;
  TRACE: Call<"trace", Throws, Paths>;
  /** Registers openapi-fetch middleware. */
  use(...middleware: Middleware[]): void;
  /** Unregisters middleware. */
  eject(...middleware: Middleware[]): void;
}
