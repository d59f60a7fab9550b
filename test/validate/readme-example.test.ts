// The "Drift detection on the live wire" example from README.md, with the package imports pointed at the
// sources, against a server that drifted. Keep the two in step: this test is what proves the example works.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createLoyaltyDogClient } from "../../src/index.js";
import { fixtures } from "../../src/testing/index.js";
import { ResponseValidationError, validateResponses } from "../../src/validate.js";

const server = setupServer(
  http.get("https://api.loyalty.dog/v2/token", () => HttpResponse.json({ ...fixtures.userRead(), admin: "no" })),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

it("reports the drift the README shows", async () => {
  const printed = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const client = validateResponses(createLoyaltyDogClient({ token: "ld_test_anything" }), { validate: "throw" });
    try {
      await client.GET("/v2/token");
    } catch (error) {
      // e.g. "GET /v2/token /admin: expected boolean, got string"
      if (error instanceof ResponseValidationError)
        console.error(`${error.operation} ${error.pointer}: expected ${error.expected}, got ${error.received}`);
    }
    expect(printed).toHaveBeenCalledWith("GET /v2/token /admin: expected boolean, got string");
  } finally {
    printed.mockRestore();
  }
});
