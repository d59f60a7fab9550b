import { isLoopbackHost } from "../core/http/loopback.js";
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
  const plainHttp = plainHttpToRemoteHost(baseUrl);
  if (plainHttp) {
    // The CLI has no dangerouslyAllowPlainHttp: say what is refused and what works instead.
    throw new UsageError(
      `LOYALTYDOG_BASE_URL uses plain http to ${plainHttp.host}, which would send the API key across the network ` +
        `in clear: use https://${plainHttp.host} (plain http is allowed only to this machine: localhost, 127.x, [::1])`,
    );
  }
  try {
    // The client validates the rest (a URL, http(s), no user info); its reason becomes a usage error naming the variable.
    return { client: createLoyaltyDogClient({ ...extra, token, baseUrl, userAgent: "loyaltydog-cli" }), token };
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    throw new UsageError(`LOYALTYDOG_BASE_URL: ${error.message.replace(/^createLoyaltyDogClient: (?:baseUrl )?/, "")}`);
  }
}

/** `http:` to a host other than this machine (never quoting user info, which the client refuses anyway). */
function plainHttpToRemoteHost(baseUrl: string): { host: string } | undefined {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (url?.protocol !== "http:" || isLoopbackHost(url.hostname)) return undefined;
  return { host: url.host };
}
