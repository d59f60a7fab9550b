import type { Client } from "openapi-fetch";
import type { paths } from "../../../generated/schema.js";
import type { DownloadDeps } from "../download/download.js";
import { InvalidArgumentError } from "../errors/invalid-argument.js";
import type { Clock } from "../platform/clock.js";
import type { LogFn } from "../platform/logger.js";

/**
 * What the helpers (`@loyaltydog/sdk/tasks`, `/download`, `/paginate`,
 * `/node`) need from a client, kept under a symbol on the client object
 * rather than as methods: a method on the client is bundled by every app,
 * a function taking the client only by the apps that import it.
 */
export const clientInternals: unique symbol = Symbol("loyaltydog.client");

export interface ClientInternals {
  /** The client's own typed calls, as plain openapi-fetch (helpers unwrap the results themselves). */
  api: Client<paths>;
  clock: Clock;
  random: () => number;
  downloads: DownloadDeps;
  /** The client's log (`logger` / `logLevel`); undefined when logging is off. */
  log: LogFn | undefined;
}

/** Any client `createLoyaltyDogClient` made, whatever its `throwOnError`: what every helper takes first. */
export interface AnyLoyaltyDogClient {
  readonly [clientInternals]: ClientInternals;
}

export function internalsOf(client: AnyLoyaltyDogClient): ClientInternals {
  const internals = (client as Partial<AnyLoyaltyDogClient> | null | undefined)?.[clientInternals];
  if (!internals) throw new InvalidArgumentError("expected a client made by createLoyaltyDogClient");
  return internals;
}
