import { describe, expect, expectTypeOf, it } from "vitest";
import { createLoyaltyDogClient, InvalidArgumentError, type LoyaltyDogClient } from "../../src/index.js";
import {
  type AnyLoyaltyDogClient,
  type BulkIssuanceResult,
  bulkIssueAndWait,
  type CompletedExport,
  exportAuditLogsAndWait,
  startBulkIssuance,
  waitForAuditLogExport,
} from "../../src/tasks.js";

describe("helpers take any client, with the same argument order", () => {
  it("accepts clients with and without throwOnError, and nothing else", () => {
    expectTypeOf<LoyaltyDogClient>().toExtend<AnyLoyaltyDogClient>();
    expectTypeOf<LoyaltyDogClient<true>>().toExtend<AnyLoyaltyDogClient>();
    expectTypeOf<{ GET: () => void }>().not.toExtend<AnyLoyaltyDogClient>();
    expectTypeOf(exportAuditLogsAndWait).returns.resolves.toEqualTypeOf<CompletedExport>();
    expectTypeOf(bulkIssueAndWait).returns.resolves.toEqualTypeOf<BulkIssuanceResult>();
    // (client, path ids in URL order, body or task id, options)
    expectTypeOf(bulkIssueAndWait).parameter(1).toEqualTypeOf<string>();
    expectTypeOf(startBulkIssuance).parameter(1).toEqualTypeOf<string>();
    expectTypeOf(waitForAuditLogExport).parameter(1).toEqualTypeOf<string>();
  });

  it("refuses, with a typed error, an object that is not a client", async () => {
    const fake = { GET: async () => ({}) } as unknown as AnyLoyaltyDogClient;
    await expect(exportAuditLogsAndWait(fake, {})).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(waitForAuditLogExport(fake, "t")).rejects.toThrow(/createLoyaltyDogClient/);
  });

  it("a client made with throwOnError is a client too", () => {
    const client = createLoyaltyDogClient({ token: "t", throwOnError: true });
    const call = () => startBulkIssuance(client, "p1", { initialValue: 5, count: 1 });
    expect(typeof call).toBe("function");
    // @ts-expect-error the program id comes before the body
    const misordered = () => startBulkIssuance(client, { initialValue: 5, count: 1 });
    expect(typeof misordered).toBe("function");
  });
});
