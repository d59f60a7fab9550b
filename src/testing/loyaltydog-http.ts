/**
 * openapi-msw bound to LoyaltyDog's `paths`: handlers whose path, path params,
 * query, request body and response body are checked against the spec.
 */
import { createOpenApiHttp, type OpenApiHttpHandlers } from "openapi-msw";
import type { paths } from "../../generated/schema.js";
import { DEFAULT_BASE_URL } from "../client.js";

export interface LoyaltyDogHttpOptions {
  /** API origin the handlers match (default `https://api.loyalty.dog`, the client's default). */
  baseUrl?: string;
}

export type LoyaltyDogHttp = OpenApiHttpHandlers<paths>;

/** `loyaltyDog.get("/v2/token", ({ response }) => response(200).json(fixtures.userRead()))` */
export function createLoyaltyDogHttp(options: LoyaltyDogHttpOptions = {}): LoyaltyDogHttp {
  return createOpenApiHttp<paths>({ baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "") });
}
