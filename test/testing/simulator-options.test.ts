import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/index.js";
import { createLoyaltyDogSimulator } from "../../src/testing/index.js";

describe("simulator options", () => {
  it("are checked once, up front, with a typed error naming the option", () => {
    expect(() => createLoyaltyDogSimulator({ baseUrl: "api.loyalty.dog" })).toThrow(InvalidArgumentError);
    expect(() => createLoyaltyDogSimulator({ baseUrl: "api.loyalty.dog" })).toThrow(/baseUrl/);
    expect(() => createLoyaltyDogSimulator({ maxRequestBodyBytes: -1 })).toThrow(/maxRequestBodyBytes/);
    expect(() => createLoyaltyDogSimulator({ bulk: { syncThreshold: 1.5 } })).toThrow(/bulk\.syncThreshold/);
    expect(() => createLoyaltyDogSimulator({ presignedUrlTtlSeconds: Number.NaN })).toThrow(InvalidArgumentError);
  });

  it("settle to origins: a path or trailing slash in baseUrl/storageUrl is dropped", () => {
    const sim = createLoyaltyDogSimulator({ baseUrl: "https://api.example.test/v2/", storageUrl: "https://s3.test/b" });
    expect(sim.baseUrl).toBe("https://api.example.test");
    expect(sim.storageUrl).toBe("https://s3.test");
  });
});
