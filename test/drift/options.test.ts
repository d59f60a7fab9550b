import { describe, expect, it } from "vitest";
import { classifyDrift } from "../../scripts/lib/drift/classify.js";
import { DriftOptionsError, driftOptions, driftOptionsFromFlags } from "../../scripts/lib/drift/options.js";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { buildSurface } from "../../scripts/lib/surface.js";

const flags = (values: Record<string, string>) => (name: string) => values[name];

/** One operation, GET /things, with the given keys (deprecation, sunset, stability). */
function spec(op: Record<string, unknown>): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/things": { get: { responses: { "200": { description: "ok" } }, ...op } } },
  } as OpenApiDocument;
}
const rules = (before: Record<string, unknown>, after: Record<string, unknown>, options = driftOptions()) =>
  classifyDrift(buildSurface(spec(before)), buildSurface(spec(after)), options).changes.map((c) => c.rule);

describe("drift policy: oasdiff's deprecation and stability options", () => {
  it("defaults to oasdiff's: no minimum deprecation period, draft and alpha operations not reported", () => {
    expect(driftOptionsFromFlags(flags({}))).toMatchObject({
      deprecationDaysBeta: 0,
      deprecationDaysStable: 0,
      stabilityLevel: "beta",
    });
    expect(rules({ "x-stability-level": "alpha" }, { "x-stability-level": "alpha", operationId: "x" })).toEqual([]);
    expect(rules({}, { operationId: "x" })).toEqual(["api-operation-id-added"]);
  });

  it("reads the flags by oasdiff's names, and refuses values it cannot use with the flag's name", () => {
    const options = driftOptionsFromFlags(
      flags({ "--deprecation-days-beta": "30", "--deprecation-days-stable": "90", "--stability-level": "draft" }),
    );
    expect(options).toMatchObject({ deprecationDaysBeta: 30, deprecationDaysStable: 90, stabilityLevel: "draft" });
    expect(() => driftOptionsFromFlags(flags({ "--deprecation-days-beta": "soon" }))).toThrow(DriftOptionsError);
    expect(() => driftOptionsFromFlags(flags({ "--deprecation-days-stable": "-1" }))).toThrow(
      /--deprecation-days-stable/,
    );
    expect(() => driftOptionsFromFlags(flags({ "--stability-level": "gold" }))).toThrow(/--stability-level/);
  });

  it("a deprecation needs a sunset date far enough away when the policy asks for one", () => {
    const policy = driftOptions({ deprecationDaysStable: 30, today: "2026-01-01" });
    expect(rules({}, { deprecated: true }, policy)).toEqual(["api-deprecated-sunset-missing"]);
    expect(rules({}, { deprecated: true, "x-sunset": "2026-01-10" }, policy)).toContain("api-sunset-date-too-small");
    expect(rules({}, { deprecated: true, "x-sunset": "2026-06-01" }, policy)).toContain(
      "endpoint-deprecated-with-sunset",
    );
    // A beta operation follows the beta period (none here).
    const beta = { deprecated: true, "x-stability-level": "beta" };
    expect(rules({ "x-stability-level": "beta" }, beta, policy)).toEqual(["endpoint-deprecated"]);
  });
});
