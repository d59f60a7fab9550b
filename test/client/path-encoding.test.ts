import { describe, expect, it } from "vitest";
import { createLoyaltyDogClient, InvalidArgumentError } from "../../src/index.js";
import { json, scriptedFetch } from "../support/stub-fetch.js";

const STATUS = "/v2/giftcards/audit-logs/export/{task_id}" as const;

describe("path parameters", () => {
  it.each([
    ["../token", "/v2/giftcards/audit-logs/export/..%2Ftoken"],
    ["...", "/v2/giftcards/audit-logs/export/..."],
    ["a b/c?d#e", "/v2/giftcards/audit-logs/export/a%20b%2Fc%3Fd%23e"],
    ["täsk", "/v2/giftcards/audit-logs/export/t%C3%A4sk"],
  ])("encodes %j so it cannot change the path", async (taskId, path) => {
    const stub = scriptedFetch([json(200, { taskId, status: "pending" })]);
    const client = createLoyaltyDogClient({ token: "t", fetch: stub.fetch });
    await client.GET(STATUS, { params: { path: { task_id: taskId } } });
    expect(new URL(stub.seen[0]?.url as string).pathname).toBe(path);
  });

  it.each([undefined, "", ".", ".."])(
    "refuses a missing, empty or dot-segment value (%j) before sending anything",
    async (taskId) => {
      const stub = scriptedFetch([json(200, {})]);
      const client = createLoyaltyDogClient({ token: "t", fetch: stub.fetch });
      await expect(client.GET(STATUS, { params: { path: { task_id: taskId as string } } })).rejects.toBeInstanceOf(
        InvalidArgumentError,
      );
      expect(stub.seen).toHaveLength(0);
    },
  );

  it("validates client options with a typed error", () => {
    expect(() => createLoyaltyDogClient({ token: "t", baseUrl: "not a url" })).toThrow(InvalidArgumentError);
    expect(() => createLoyaltyDogClient({ token: "t", baseUrl: "ftp://x" })).toThrow(/http/);
    expect(() => createLoyaltyDogClient({ token: "t", maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => createLoyaltyDogClient({ token: "t", timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createLoyaltyDogClient({ token: "" })).toThrow(/token/);
  });
});
