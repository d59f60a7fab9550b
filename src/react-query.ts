// `@loyaltydog/sdk/react-query`: TanStack Query hooks for a LoyaltyDog client.
//
// Why not openapi-react-query: its `createClient(fetchClient)` wants a plain
// openapi-fetch `Client`, which this client's strict call types do not match
// (no compile without a cast), and after a cast every init accepts any key
// (`InitWithUnknowns`), the per-call options are untyped, and a failed call
// throws the error *body* (typed as the spec's error schema), not the SDK's
// `NotFoundError`/`RateLimitError`/…. This adapter is small and keeps all three.
//
// Retries: the client already retries transient failures (backoff,
// Retry-After, the same Idempotency-Key on every attempt). TanStack's own
// retry would stack on top (its default is 3, on any error, a 404 too), so
// queries default to `retry: false` (overridable), and mutations never retry
// in TanStack: each TanStack retry would be a new request with a new key.
import {
  type DataTag,
  type QueryClient,
  type QueryFunction,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
  type UseSuspenseQueryOptions,
  type UseSuspenseQueryResult,
  useMutation as useTanstackMutation,
  useQuery as useTanstackQuery,
  useSuspenseQuery as useTanstackSuspenseQuery,
} from "@tanstack/react-query";
import type { MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import type { LoyaltyDogClient } from "./client.js";
import type { LoyaltyDogError } from "./core/errors/errors.js";
import { unwrap } from "./core/errors/unwrap.js";
import type { CallResult, PathsWith, PerCallOptions } from "./core/http/typed-calls.js";

/** The methods the spec uses. */
export type QueryMethod = "get" | "put" | "post" | "delete" | "patch";

/** A call's init, as the client's typed calls take it (params, body, headers, per-call options); closed, so a misspelled key does not compile. */
export type QueryInit<M extends QueryMethod, P extends PathsWith<M>> = MaybeOptionalInit<paths[P], M & keyof paths[P]>;
type Closed<I> = Omit<Exclude<I, undefined>, "signal"> & PerCallOptions;
/** `[init]`, optional exactly when nothing in it is required. */
type InitArg<I> = undefined extends I ? [init?: Closed<I>] : [init: Closed<I>];

/** What a successful call resolves with. */
export type QueryData<M extends QueryMethod, P extends PathsWith<M>> = CallResult<
  paths[P][M & keyof paths[P]] & Record<string | number, unknown>,
  "json",
  true
>["data"];

/**
 * `[keyPrefix, method, path, what identifies the answer]`: the init without
 * `signal` and the transport options (`timeoutMs`, `maxRetries`, …), which do
 * not change the answer; left out when nothing is left. TanStack hashes it
 * with sorted object keys, so it is stable across renders and key order.
 */
export type LoyaltyDogQueryKey = readonly [prefix: string, method: QueryMethod, path: string, init?: object];

/** Everything `useQuery` takes but the key and the function, which the adapter makes. */
export type QueryHookOptions<D, S = D> = Omit<
  UseQueryOptions<D, LoyaltyDogError, S, LoyaltyDogQueryKey>,
  "queryKey" | "queryFn"
>;
export type SuspenseQueryHookOptions<D, S = D> = Omit<
  UseSuspenseQueryOptions<D, LoyaltyDogError, S, LoyaltyDogQueryKey>,
  "queryKey" | "queryFn"
>;
/** Everything `useMutation` takes but the key, the function and TanStack's `retry` (see the top of this file). */
export type MutationHookOptions<D, V, C = unknown> = Omit<
  UseMutationOptions<D, LoyaltyDogError, V, C>,
  "mutationKey" | "mutationFn" | "retry" | "retryDelay"
>;

/** A query's options, ready for `useQuery`, `useSuspenseQuery`, `queryClient.fetchQuery`/`prefetchQuery`/`getQueryData`. */
export type LoyaltyDogQueryOptions<D, S = D> = QueryHookOptions<D, S> & {
  queryKey: DataTag<LoyaltyDogQueryKey, D, LoyaltyDogError>;
  queryFn: QueryFunction<D, LoyaltyDogQueryKey>;
};

export interface QueryHooksOptions {
  /**
   * First element of every key; default "loyaltydog". Give each client its
   * own when one QueryClient serves clients with different tokens: the key
   * cannot see the client's token, so two merchants' answers would share it.
   */
  keyPrefix?: string;
}

export interface LoyaltyDogQueryHooks {
  /** The key of a query, or with fewer parts a prefix for `invalidateQueries({ queryKey })`. */
  queryKey<M extends QueryMethod, P extends PathsWith<M>>(
    method: M,
    path: P,
    init?: Closed<QueryInit<M, P>>,
  ): DataTag<LoyaltyDogQueryKey, QueryData<M, P>, LoyaltyDogError>;
  queryOptions<M extends QueryMethod, P extends PathsWith<M>, S = QueryData<M, P>>(
    method: M,
    path: P,
    ...args: [...InitArg<QueryInit<M, P>>, options?: QueryHookOptions<QueryData<M, P>, S>]
  ): LoyaltyDogQueryOptions<QueryData<M, P>, S>;
  useQuery<M extends QueryMethod, P extends PathsWith<M>, S = QueryData<M, P>>(
    method: M,
    path: P,
    ...args: [...InitArg<QueryInit<M, P>>, options?: QueryHookOptions<QueryData<M, P>, S>, queryClient?: QueryClient]
  ): UseQueryResult<S, LoyaltyDogError>;
  useSuspenseQuery<M extends QueryMethod, P extends PathsWith<M>, S = QueryData<M, P>>(
    method: M,
    path: P,
    ...args: [
      ...InitArg<QueryInit<M, P>>,
      options?: SuspenseQueryHookOptions<QueryData<M, P>, S>,
      queryClient?: QueryClient,
    ]
  ): UseSuspenseQueryResult<S, LoyaltyDogError>;
  /** `mutate(init)` sends one call; the client gives it one Idempotency-Key (where the operation takes one), kept across its retries. */
  useMutation<M extends QueryMethod, P extends PathsWith<M>, C = unknown>(
    method: M,
    path: P,
    options?: MutationHookOptions<QueryData<M, P>, MutationVariables<QueryInit<M, P>>, C>,
    queryClient?: QueryClient,
  ): UseMutationResult<QueryData<M, P>, LoyaltyDogError, MutationVariables<QueryInit<M, P>>, C>;
}

/** `mutate`'s argument: the init, or nothing when nothing in it is required. */
export type MutationVariables<I> = undefined extends I ? Closed<I> | undefined : Closed<I>;

/**
 * Init keys that tune the transport without changing the answer: kept out of query keys. A record over every
 * per-call option, so a new option that is left out here fails to compile instead of entering the keys.
 */
const TRANSPORT_KEYS = new Set<string>(
  Object.keys({
    signal: true,
    maxRetries: true,
    timeoutMs: true,
    idempotencyKey: true,
    maxResponseBytes: true,
    bodyIdleTimeoutMs: true,
  } satisfies Record<keyof PerCallOptions | "signal", true>),
);

type AnyInit = Record<string, unknown>;
type AnyRequest = (
  method: string,
  path: string,
  init?: AnyInit,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * TanStack Query hooks for `client`: `useQuery`, `useSuspenseQuery`,
 * `queryOptions` and `useMutation` take the same method, path and init as
 * `client.request`, with the same types; errors are the SDK's typed errors.
 */
export function createQueryHooks<Throws extends boolean>(
  client: LoyaltyDogClient<Throws>,
  { keyPrefix = "loyaltydog" }: QueryHooksOptions = {},
): LoyaltyDogQueryHooks {
  const request = client.request as unknown as AnyRequest;
  // unwrap throws the typed error for `{ error }`; a throwOnError client has already thrown it.
  const call = async (method: string, path: string, init: AnyInit | undefined, signal?: AbortSignal) =>
    unwrap(await request(method, path, signal ? { ...init, signal } : init));

  const queryKey = (method: QueryMethod, path: string, init?: AnyInit): LoyaltyDogQueryKey => {
    const identity = Object.fromEntries(
      Object.entries(init ?? {}).filter(([key, value]) => !TRANSPORT_KEYS.has(key) && value !== undefined),
    );
    return Object.keys(identity).length ? [keyPrefix, method, path, identity] : [keyPrefix, method, path];
  };

  const queryOptions = (method: QueryMethod, path: string, init?: AnyInit, options?: object) => ({
    retry: false,
    ...options,
    queryKey: queryKey(method, path, init),
    // The init itself, not the key, carries the call: the key leaves the transport options out.
    queryFn: async ({ signal }: { signal: AbortSignal }) => (await call(method, path, init, signal)) ?? null,
  });

  // The public signatures are LoyaltyDogQueryHooks'; inside, the init is an untyped record.
  type Loose = (
    method: QueryMethod,
    path: string,
    init?: AnyInit,
    options?: object,
    queryClient?: QueryClient,
  ) => never;
  const hooks: Record<keyof LoyaltyDogQueryHooks, Loose> = {
    queryKey: ((method, path, init) => queryKey(method, path, init)) as Loose,
    queryOptions: ((method, path, init, options) => queryOptions(method, path, init, options)) as Loose,
    useQuery: ((method, path, init, options, queryClient) =>
      useTanstackQuery(queryOptions(method, path, init, options) as UseQueryOptions, queryClient)) as Loose,
    useSuspenseQuery: ((method, path, init, options, queryClient) =>
      useTanstackSuspenseQuery(
        queryOptions(method, path, init, options) as UseSuspenseQueryOptions,
        queryClient,
      )) as Loose,
    useMutation: ((method, path, options, queryClient) =>
      useTanstackMutation(
        {
          ...(options as object),
          mutationKey: [keyPrefix, method, path],
          mutationFn: (init: AnyInit | undefined) => call(method, path, init),
          // One mutate, one request (and one Idempotency-Key): retries are the client's.
          retry: false,
        },
        queryClient as unknown as QueryClient | undefined,
      )) as Loose,
  };
  return hooks as unknown as LoyaltyDogQueryHooks;
}
