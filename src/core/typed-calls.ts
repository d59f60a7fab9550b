import type { FetchResponse, MaybeOptionalInit, Middleware, ParseAs } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";

/**
 * The raw calls' types: openapi-fetch's, with two differences.
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
 */
type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** The paths that have `method`. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never;
}[keyof paths];

/**
 * Keys a call's init may carry beyond openapi-fetch's own (per-call transport
 * options). Declared here, in one place, because the init is closed: a key
 * not in its type does not compile.
 */
export type PerCallOptions = Record<never, never>;

type Init<P extends keyof paths, M extends Method, As extends ParseAs> = Exclude<
  MaybeOptionalInit<paths[P], M>,
  undefined
> &
  PerCallOptions & { parseAs?: As };

/** The init is optional exactly when nothing in it is required. */
type InitArgs<P extends keyof paths, M extends Method, As extends ParseAs> =
  undefined extends MaybeOptionalInit<paths[P], M> ? [init?: Init<P, M, As>] : [init: Init<P, M, As>];

/** What a call resolves with: openapi-fetch's `{ data } | { error }`, or only `{ data }` when failures throw. */
export type CallResult<Op extends Record<string | number, unknown>, As extends ParseAs, Throws extends boolean> = [
  Throws,
] extends [true]
  ? Extract<FetchResponse<Op, { parseAs: As }, `${string}/${string}`>, { data: unknown }>
  : FetchResponse<Op, { parseAs: As }, `${string}/${string}`>;

type Call<M extends Method, Throws extends boolean> = <P extends PathsWith<M>, As extends ParseAs = "json">(
  url: P,
  ...init: InitArgs<P, M, As>
) => Promise<CallResult<paths[P][M] & Record<string | number, unknown>, As, Throws>>;

/** The typed calls of a LoyaltyDog client. `Throws` is true for a client made with `throwOnError: true`. */
export interface TypedCalls<Throws extends boolean = false> {
  /** Any method by name: `client.request("get", "/v2/token")`. */
  request<M extends Method, P extends PathsWith<M>, As extends ParseAs = "json">(
    method: M,
    url: P,
    ...init: InitArgs<P, M, As>
  ): Promise<CallResult<paths[P][M] & Record<string | number, unknown>, As, Throws>>;
  GET: Call<"get", Throws>;
  PUT: Call<"put", Throws>;
  POST: Call<"post", Throws>;
  DELETE: Call<"delete", Throws>;
  OPTIONS: Call<"options", Throws>;
  HEAD: Call<"head", Throws>;
  PATCH: Call<"patch", Throws>;
  TRACE: Call<"trace", Throws>;
  /** Registers openapi-fetch middleware. */
  use(...middleware: Middleware[]): void;
  /** Unregisters middleware. */
  eject(...middleware: Middleware[]): void;
}
