import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";

export const DEFAULT_BASE_URL = "https://api.loyalty.dog";

export interface LoyaltyDogClientOptions {
  /** API origin; default https://api.loyalty.dog. */
  baseUrl?: string;
  /** Bearer secret: a JWT app key (`eyJ…`) or a hashed key (`ld_live_…` / `ld_test_…`). */
  token: string;
  /** Replaces the global fetch (tests, proxies, instrumentation). */
  fetch?: typeof fetch;
}

export type LoyaltyDogClient = Client<paths>;

/** A typed client for every operation in the spec: `client.GET("/v2/token")` and friends, returning `{ data, error, response }`. */
export function createLoyaltyDogClient(options: LoyaltyDogClientOptions): LoyaltyDogClient {
  if (!options || typeof options.token !== "string" || options.token.length === 0) {
    throw new TypeError("createLoyaltyDogClient: `token` is required");
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return createClient<paths>({
    baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
    headers: { authorization: `Bearer ${options.token}` },
    // Resolve the global at call time, so test interceptors installed later (MSW) still see the request.
    fetch: (request: Request) => (options.fetch ? fetchImpl(request) : globalThis.fetch(request)),
  });
}
