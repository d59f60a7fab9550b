import { createLoyaltyDogClient, type LoyaltyDogClientOptions } from "../../src/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { scriptedFetch } from "../support/stub-fetch.js";

export const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;

/** A client answered by a script of responses, on a fake clock with no jitter. */
export function setup(script: Parameters<typeof scriptedFetch>[0], options: Partial<LoyaltyDogClientOptions> = {}) {
  const clock = new FakeClock({ start: 0 });
  const stub = scriptedFetch(script);
  const client = createLoyaltyDogClient({
    token: "ld_test_secret",
    fetch: stub.fetch,
    clock,
    random: () => 0,
    ...options,
  });
  const getStatus = (signal?: AbortSignal) => client.GET(STATUS, { params: { path: { task_id: "t" } }, signal });
  return { client, clock, seen: stub.seen, getStatus };
}
