// What spec:accept records for the simulator: inputs upstream added to a simulated operation since the pinned
// spec (accepted, ignored by the simulator), never an input the table lost by hand. The end-to-end run with the
// real table and spec is test/accept/accept-loop.e2e.ts; the table test is test/testing/simulator-inputs.test.ts.
import { describe, expect, it } from "vitest";
import { documentedInputs } from "../../scripts/lib/documented-inputs.js";
import { reviewSimulatorInputs, type UnreviewedInput } from "../../scripts/lib/simulator-review.js";
import { specChangeset } from "../../scripts/lib/spec-changeset.js";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { buildSurface } from "../../scripts/lib/surface.js";
import type { OperationInputs } from "../../src/testing/simulator/simulated-inputs.js";
import { SIMULATED_INPUTS } from "../../src/testing/simulator/simulated-inputs.js";
import { upstreamSpec } from "../drift/upstream-spec.js";

// biome-ignore lint/suspicious/noExplicitAny: tests build spec fragments freely
type Json = Record<string, any>;

const EXPORT = "POST /v1/exports";

/** One simulated-style operation: a shared `region` query parameter, its own `dryRun`, a body in two `allOf` parts. */
function spec(extraBody: Json = {}, extraQuery: Json[] = []): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/v1/exports": {
        parameters: [{ $ref: "#/components/parameters/Region" }],
        post: {
          parameters: [{ name: "dryRun", in: "query", schema: { type: "boolean" } }, ...extraQuery],
          requestBody: { $ref: "#/components/requestBodies/Export" },
          responses: { "202": { description: "ok" } },
        },
      },
    },
    components: {
      parameters: { Region: { name: "region", in: "query", schema: { type: "string" } } },
      requestBodies: {
        Export: { content: { "application/json": { schema: { $ref: "#/components/schemas/ExportRequest" } } } },
      },
      schemas: {
        ExportRequest: {
          allOf: [
            { $ref: "#/components/schemas/Filters" },
            { type: "object", properties: { format: { type: "string" }, ...extraBody } },
          ],
        },
        Filters: { type: "object", properties: { from: { type: "string" } } },
      },
    },
  } as OpenApiDocument;
}

const table: Record<string, OperationInputs> = {
  [EXPORT]: {
    query: { region: { ignored: "one region only" }, dryRun: { honoured: "nothing is written" } },
    body: { format: { honoured: "csv or json" }, from: { honoured: "entries from this date" } },
  },
};

const since = "2 (abcdefabcdef)";

describe("documentedInputs", () => {
  it("reads query parameters (path-level merged, $refs followed) and body properties (allOf merged)", () => {
    expect(documentedInputs(spec(), EXPORT)).toEqual(["body.format", "body.from", "query.dryRun", "query.region"]);
    expect(documentedInputs(spec(), "GET /v1/exports")).toBeUndefined();
  });

  it("reads the pinned spec and its committed surface alike, for every simulated operation", () => {
    const doc = upstreamSpec();
    const surface = buildSurface(doc);
    for (const key of Object.keys(SIMULATED_INPUTS)) {
      expect(documentedInputs(surface, key), key).toEqual(documentedInputs(doc, key));
    }
  });
});

describe("reviewSimulatorInputs", () => {
  it("records an input upstream added, with the version that brought it", () => {
    const after = spec({ includeSystemEvents: { type: "boolean" } }, [{ name: "page", in: "query" }]);
    const review = reviewSimulatorInputs(buildSurface(spec()), after, [], since, table);
    const expected: UnreviewedInput[] = [
      { operation: EXPORT, input: "body.includeSystemEvents", since },
      { operation: EXPORT, input: "query.page", since },
    ];
    expect(review).toEqual({ inputs: expected, added: expected });
  });

  it("never records an input the pinned spec already had: one missing from the table was left out by hand", () => {
    const { format: _dropped, ...body } = table[EXPORT]?.body ?? {};
    const handEdited = { [EXPORT]: { ...table[EXPORT], query: table[EXPORT]?.query ?? {}, body } };
    const after = spec({ includeSystemEvents: { type: "boolean" } });
    const review = reviewSimulatorInputs(buildSurface(spec()), after, [], since, handEdited);
    expect(review.added.map((e) => e.input)).toEqual(["body.includeSystemEvents"]);
    // With nothing new at all (an in-sync accept compares the spec with itself), nothing is recorded either.
    expect(reviewSimulatorInputs(spec(), spec(), [], since, handEdited).inputs).toEqual([]);
  });

  it("keeps earlier entries, and drops those reviewed into the table or removed upstream", () => {
    const earlier: UnreviewedInput[] = [
      { operation: EXPORT, input: "body.includeSystemEvents", since: "1 (111111111111)" },
      { operation: EXPORT, input: "query.page", since: "1 (111111111111)" },
      { operation: EXPORT, input: "body.gone", since: "1 (111111111111)" },
    ];
    const reviewed = {
      [EXPORT]: { ...table[EXPORT], query: { ...table[EXPORT]?.query, page: { honoured: "1-based page" } } },
    } as Record<string, OperationInputs>;
    const now = spec({ includeSystemEvents: { type: "boolean" } }, [{ name: "page", in: "query" }]);
    const review = reviewSimulatorInputs(now, now, earlier, since, reviewed);
    expect(review).toEqual({ inputs: [earlier[0]], added: [] });
  });

  it("records nothing on a first pin: the table is reviewed against the whole spec", () => {
    const review = reviewSimulatorInputs(undefined, spec({ extra: { type: "string" } }), [], since, table);
    expect(review.inputs).toEqual([]);
  });
});

describe("the changeset", () => {
  it("lists each new input as accepted, ignored by the simulator", () => {
    const drift = {
      status: "drift",
      source: "next.json",
      pin: { infoVersion: "1", canonicalSha256: "a".repeat(64) },
      upstream: { infoVersion: "2", canonicalSha256: "b".repeat(64), bytes: 1 },
      counts: { breaking: 0, "non-breaking": 1, "docs-only": 0 },
      diff: {
        operations: { added: [], removed: [], changed: [] },
        schemas: { added: [], removed: [], changed: [] },
        changes: [],
      },
      compat: null,
    } as unknown as Parameters<typeof specChangeset>[0];
    const entry = { operation: "POST /v2/giftcards/audit-logs/export", input: "body.includeSystemEvents", since };
    const { text } = specChangeset(drift, { name: "@loyaltydog/sdk", version: "0.4.0" }, [entry]);
    expect(text).toContain(
      "- Testing kit simulator (1):\n  - new input `body.includeSystemEvents` of `POST /v2/giftcards/audit-logs/export`: accepted, ignored by the simulator\n",
    );
    expect(specChangeset(drift, { name: "@loyaltydog/sdk", version: "0.4.0" }).text).not.toContain("simulator");
  });
});
