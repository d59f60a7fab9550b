import type { Client, ClientPathsWithMethod, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "../../generated/schema.js";
import type { RequestOptions } from "./request-options.js";

/**
 * openapi-fetch's call signatures with the per-call options typed
 * (request-options.ts): the same inference, one constraint more.
 */
type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

/** As openapi-fetch's: the init is optional when nothing in it is required. */
type InitParam<Init> =
  RequiredKeys<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

export type CallMethod<M extends Method> = <
  Path extends ClientPathsWithMethod<Client<paths>, M>,
  Init extends MaybeOptionalInit<paths[Path], M> & RequestOptions,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<FetchResponse<paths[Path][M] & Record<string | number, unknown>, Init, `${string}/${string}`>>;

/** The raw calls, each taking the per-call options. */
export interface TypedCalls {
  GET: CallMethod<"get">;
  PUT: CallMethod<"put">;
  POST: CallMethod<"post">;
  DELETE: CallMethod<"delete">;
  OPTIONS: CallMethod<"options">;
  HEAD: CallMethod<"head">;
  PATCH: CallMethod<"patch">;
  TRACE: CallMethod<"trace">;
}
