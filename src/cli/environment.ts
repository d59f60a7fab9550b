import {
  createLoyaltyDogClient,
  DEFAULT_BASE_URL,
  InvalidArgumentError,
  type LoyaltyDogClient,
  type LoyaltyDogClientOptions,
} from "../index.js";
import { UsageError } from "./exit-codes.js";

export interface CliEnvironment {
  client: LoyaltyDogClient;
  /** Kept only so error text can be scrubbed of it before printing. */
  token: string;
}

/**
 * The client the API commands use, configured from the environment only: a
 * token on the command line would end up in shell history and `ps` output.
 */
export function clientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  /** What a command adds to the client (`spec verify`: a rate limiter). */
  extra: Pick<LoyaltyDogClientOptions, "rateLimit"> = {},
): CliEnvironment {
  const token = env.LOYALTYDOG_TOKEN?.trim();
  if (!token) throw new UsageError("LOYALTYDOG_TOKEN is not set (export your LoyaltyDog API key)");
  const baseUrl = env.LOYALTYDOG_BASE_URL?.trim() || DEFAULT_BASE_URL;
  try {
    // The client validates the URL (http(s) only); here its complaint becomes a usage error naming the variable.
    return { client: createLoyaltyDogClient({ ...extra, token, baseUrl, userAgent: "loyaltydog-cli" }), token };
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new UsageError(`LOYALTYDOG_BASE_URL is not an http(s) URL: ${JSON.stringify(baseUrl)}`);
  }
}
