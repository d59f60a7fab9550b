import { describe, expectTypeOf, it } from "vitest";
import type { BulkIssueGiftCardRequest, ExportRequest, ExportStatusResponse, UserRead } from "../../src/index.js";

// These assertions are checked by `npm run typecheck` (tsc over test/); vitest runs the file so it counts.
describe("generated request/response typing", () => {
  it("lets callers omit fields the server defaults", () => {
    expectTypeOf<Record<string, never>>().toExtend<ExportRequest>();
    expectTypeOf<{ initialValue: number; count: number }>().toExtend<BulkIssueGiftCardRequest>();
    expectTypeOf<BulkIssueGiftCardRequest["isPhysical"]>().toEqualTypeOf<boolean | undefined>();
  });

  it("keeps response fields with defaults required and non-null", () => {
    expectTypeOf<UserRead["active"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ExportStatusResponse["taskId"]>().toEqualTypeOf<string>();
    // @ts-expect-error a response without the required status is not a status response
    expectTypeOf<{ taskId: string }>().toExtend<ExportStatusResponse>();
  });
});
