// The committed tables against the pin: what a spec change reaches through generated/ (the accept loop,
// test/accept/accept-loop.e2e.ts, runs this file in its scratch copy after accepting).
import { describe, expect, it } from "vitest";
import { idempotencyKeyOperations } from "../../generated/idempotency.js";
import { operations } from "../../generated/operations.js";
import { repoRoot } from "../../scripts/lib/config.js";
import { readPin } from "../../scripts/lib/pin.js";

describe("the committed tables", () => {
  it("the committed operation table has every operation of the pinned spec, and the idempotency set is derived from it", () => {
    const pin = readPin(repoRoot);
    expect(pin, "openapi/pin.json").toBeDefined();
    expect(operations).toHaveLength(pin?.operations ?? -1);
    expect(new Set(operations.map((o) => `${o.method} ${o.path}`)).size).toBe(operations.length);
    expect([...idempotencyKeyOperations].sort()).toEqual(
      operations
        .filter((o) => o.headerParams.includes("idempotency-key"))
        .map((o) => `${o.method} ${o.path}`)
        .sort(),
    );
  });
});
