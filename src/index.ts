export type { $defs, components, operations, paths, webhooks } from "../generated/schema.js";
export type { LoyaltyDogClient, LoyaltyDogClientOptions } from "./client.js";
export { createLoyaltyDogClient, DEFAULT_BASE_URL } from "./client.js";
export type * from "./types.js";
