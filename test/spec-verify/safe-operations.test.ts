import { describe, expect, it } from "vitest";
import type { OperationInfo } from "../../generated/operation-info.js";
import { operations } from "../../generated/operations.js";
import { safeOperations } from "../../src/spec-verify/safe-operations.js";

const row = (method: OperationInfo["method"], path: string, extra: Partial<OperationInfo> = {}): OperationInfo => ({
  method,
  path,
  operationId: `${method} ${path}`,
  tags: [],
  headerParams: [],
  pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
  queryParams: [],
  requestBody: null,
  successCodes: ["200"],
  responses: { "200": ["application/json"] },
  deprecated: false,
  ...extra,
});

describe("safeOperations", () => {
  it("keeps GETs that need no invented input, lists before what is under them; says why each other GET is left out", () => {
    const { safe, skipped } = safeOperations([
      row("GET", "/v2/things/{thingId}/parts"),
      row("POST", "/v2/things"),
      row("GET", "/v2/things/{thingId}"),
      row("GET", "/v2/things"),
      row("GET", "/v2/old", { deprecated: true }),
      row("GET", "/v2/search", {
        queryParams: [
          { name: "q", required: true },
          { name: "page", required: false },
        ],
      }),
      row("GET", "/v2/things/{thingId}/export"),
      row("GET", "/v2/reports/{reportId}/download"),
    ]);
    expect(safe.map((o) => o.path)).toEqual(["/v2/things", "/v2/things/{thingId}", "/v2/things/{thingId}/parts"]);
    expect(skipped).toEqual([
      { operation: "GET /v2/old", reason: "deprecated" },
      { operation: "GET /v2/search", reason: "needs query q" },
      { operation: "GET /v2/things/{thingId}/export", reason: "a data export or download" },
      { operation: "GET /v2/reports/{reportId}/download", reason: "a data export or download" },
    ]);
  });

  it("over the pinned spec's table: only GETs, each list before every operation under it, every GET accounted for", () => {
    const { safe, skipped } = safeOperations(operations);
    const gets = operations.filter((o) => o.method === "GET");
    expect(safe.length + skipped.length).toBe(gets.length);
    expect(safe.every((o) => o.method === "GET" && !o.queryParams.some((q) => q.required))).toBe(true);
    const position = new Map(safe.map((o, i) => [o.path, i]));
    for (const [index, op] of safe.entries()) {
      const segments = op.path.split("/");
      for (const [at, segment] of segments.entries()) {
        const list = position.get(segments.slice(0, at).join("/"));
        if (segment.startsWith("{") && list !== undefined) expect(list, op.path).toBeLessThan(index);
      }
    }
  });
});
