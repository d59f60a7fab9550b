import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyTaskState } from "../../src/core/tasks/task-state.js";

describe("classifyTaskState", () => {
  it.each([
    ["success", "succeeded"],
    ["SUCCESS", "succeeded"],
    ["succeeded", "succeeded"],
    ["Completed", "succeeded"],
    ["complete", "succeeded"],
    ["done", "succeeded"],
    ["finished", "succeeded"],
    ["failure", "failed"],
    ["FAILURE", "failed"],
    ["failed", "failed"],
    ["error", "failed"],
    ["errored", "failed"],
    ["cancelled", "failed"],
    ["canceled", "failed"],
    ["REVOKED", "failed"],
    ["revoked", "failed"],
    ["rejected", "failed"],
    ["expired", "failed"],
    ["pending", "running"],
    ["PENDING", "running"],
    ["queued", "running"],
    ["STARTED", "running"],
    ["processing", "running"],
    ["running", "running"],
    ["in_progress", "running"],
    ["In-Progress", "running"],
    ["RETRY", "running"],
    ["received", "running"],
    ["  Success  ", "succeeded"],
  ] as const)("%s → %s", (status, state) => {
    expect(classifyTaskState(status)).toBe(state);
  });

  it("unknown, empty and non-string statuses count as still running", () => {
    for (const status of ["warming_up", "", "SUCCESSISH", undefined, null, 42, { status: "success" }]) {
      expect(classifyTaskState(status)).toBe("running");
    }
  });

  it("is case-insensitive", () => {
    const words = ["success", "completed", "failure", "revoked", "pending", "started"];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (word, ups) => {
        const mixed = [...word].map((c, i) => (ups[i] ? c.toUpperCase() : c)).join("");
        expect(classifyTaskState(mixed)).toBe(classifyTaskState(word));
      }),
    );
  });
});
