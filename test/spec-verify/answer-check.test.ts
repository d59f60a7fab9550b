import * as v from "valibot";
import { describe, expect, it } from "vitest";
import type { OperationInfo } from "../../generated/operation-info.js";
import { checkAnswer, type ValidatorTable } from "../../src/spec-verify/answer-check.js";
import { deviationLine } from "../../src/spec-verify/deviation.js";

// A small fixture operation, so these tests hold whatever spec is pinned.
const INFO: OperationInfo = {
  method: "GET",
  path: "/v2/things",
  operationId: "list_things",
  tags: [],
  headerParams: [],
  pathParams: [],
  queryParams: [],
  requestBody: null,
  successCodes: ["200"],
  responses: { "200": ["application/json"], "422": ["application/json"] },
  deprecated: false,
};
const VALIDATORS: ValidatorTable = {
  "GET /v2/things": {
    operationId: "list_things",
    responses: {
      "200": v.object({
        items: v.array(v.object({ id: v.string(), email: v.string() })),
        owners: v.optional(v.record(v.string(), v.number())),
      }),
    },
  },
};
const PERSONAL = "ada.lovelace@example.com";
const HEADERS = { "content-type": "application/json", "x-request-id": "req_0001" };

function check(status: number, body: unknown, headers: Record<string, string> = HEADERS, info = INFO) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return checkAnswer(info, { status, headers: new Headers(headers), text }, VALIDATORS);
}

const items = [{ id: "1", email: PERSONAL }];

describe("checkAnswer", () => {
  it("an answer the spec declares, in its media type, its body valid and the documented headers right: no deviation", () => {
    expect(check(200, { items })).toEqual({ checked: true, deviations: [] });
    expect(check(200, { items }, { ...HEADERS, "content-type": "application/json; charset=utf-8" })).toEqual({
      checked: true,
      deviations: [],
    });
  });

  it("a status the spec does not declare is a deviation; an error the API documents for every operation is not checked", () => {
    expect(check(201, { items })).toEqual({
      checked: true,
      deviations: [
        {
          operation: "GET /v2/things",
          place: "status",
          at: "",
          expected: "a declared status (200, 422)",
          received: "201",
        },
      ],
    });
    expect(check(405, { detail: "Method Not Allowed" })).toMatchObject({
      checked: true,
      deviations: [{ place: "status" }],
    });
    for (const status of [401, 403, 404, 422, 429, 500, 503]) {
      expect(check(status, { detail: "no" })).toEqual({ checked: false, reason: `answered ${status}` });
    }
  });

  it("a media type the spec does not declare is one deviation, and its body is not judged as JSON", () => {
    const verdict = check(200, `id,email\n1,${PERSONAL}\n`, { ...HEADERS, "content-type": "text/csv" });
    expect(verdict).toEqual({
      checked: true,
      deviations: [
        {
          operation: "GET /v2/things",
          place: "content-type",
          at: "",
          expected: "application/json",
          received: "text/csv",
        },
      ],
    });
    expect(check(200, "{not json")).toMatchObject({
      deviations: [{ place: "body", expected: "JSON", received: "not JSON" }],
    });
  });

  it("a field missing from every item is one deviation, at a pointer with the index as a star; no value is kept", () => {
    const verdict = check(200, { items: [{ id: "1" }, { id: "2" }, { id: "3" }], owners: { [PERSONAL]: "x" } });
    if (!verdict.checked) throw new Error("expected a checked answer");
    expect(verdict.deviations.map(deviationLine)).toEqual([
      "GET /v2/things body /items/*/email: expected string, got missing",
      "GET /v2/things body /owners/*: expected number, got string",
    ]);
    expect(JSON.stringify(verdict)).not.toContain(PERSONAL);
  });

  it("checks the documented headers: X-Request-Id on every answer, the X-RateLimit trio complete and numeric", () => {
    const lines = (headers: Record<string, string>) => {
      const verdict = check(200, { items }, headers);
      return verdict.checked ? verdict.deviations.map(deviationLine) : [];
    };
    expect(lines({ "content-type": "application/json" })).toEqual([
      "GET /v2/things header X-Request-Id: expected present on every answer, got missing",
    ]);
    expect(lines({ ...HEADERS, "x-request-id": "req 1" })).toEqual([
      "GET /v2/things header X-Request-Id: expected 1 to 128 of A-Za-z0-9._-, got other characters",
    ]);
    const limits = { "x-ratelimit-limit": "60", "x-ratelimit-remaining": "59", "x-ratelimit-reset": "1767225600.5" };
    expect(lines({ ...HEADERS, ...limits })).toEqual([]);
    expect(lines({ ...HEADERS, ...limits, "x-ratelimit-remaining": "soon" })).toEqual([
      "GET /v2/things header X-RateLimit-Remaining: expected a whole number, got not a number",
    ]);
    expect(lines({ ...HEADERS, "x-ratelimit-limit": "60" })).toEqual([
      "GET /v2/things header X-RateLimit-Remaining: expected present with the rest of the X-RateLimit-* trio (a whole number), got missing",
      "GET /v2/things header X-RateLimit-Reset: expected present with the rest of the X-RateLimit-* trio (epoch seconds), got missing",
    ]);
  });

  it("an untyped body (`{}` in the spec) only has to be JSON; a body-less status only has to be empty", () => {
    const untyped = { ...INFO, path: "/v2/untyped" };
    expect(check(200, { anything: [1, "two"] }, HEADERS, untyped)).toEqual({ checked: true, deviations: [] });
    const empty = { ...INFO, responses: { "204": [] } };
    expect(check(204, "", { "x-request-id": "req_1" }, empty)).toEqual({ checked: true, deviations: [] });
    expect(check(204, "surprise", { "x-request-id": "req_1", "content-type": "text/plain" }, empty)).toMatchObject({
      deviations: [{ place: "content-type", expected: "no body", received: "text/plain" }],
    });
  });
});
