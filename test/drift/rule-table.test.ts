import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SpecChange } from "../../scripts/lib/drift/changes.js";
import { classifyDrift } from "../../scripts/lib/drift/classify.js";
import { driftOptions } from "../../scripts/lib/drift/options.js";
import {
  classOf,
  FIXED_RULE_IDS,
  type PlaceCode,
  RULES,
  SCHEMA_SUFFIXES,
  schemaRuleId,
} from "../../scripts/lib/drift/rules.js";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { buildSurface } from "../../scripts/lib/surface.js";

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form spec fragments.
type Json = Record<string, any>;

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/drift/${name}`, import.meta.url), "utf8")) as { cases: Json[] };
const schemaCases = fixture("schema-rules.json").cases;
const fixedCases = fixture("fixed-rules.json").cases;

const OK = { "200": { description: "ok" } };

function spec(paths: Json, extra: Json = {}, openapi = "3.1.0"): OpenApiDocument {
  return { openapi, info: { title: "Things", version: "1" }, paths, ...extra } as OpenApiDocument;
}

function diff(before: OpenApiDocument, after: OpenApiDocument, options: Json = {}): SpecChange[] {
  return classifyDrift(buildSurface(before), buildSurface(after), driftOptions(options)).changes;
}

/** The six places a schema can sit, each with the prefix its rule ids carry. */
const PLACES: { code: PlaceCode; side: "request" | "response"; op: (s: Json) => Json }[] = [
  {
    code: "p",
    side: "request",
    op: (s) => ({ parameters: [{ name: "q", in: "query", schema: s }], responses: OK }),
  },
  {
    code: "b",
    side: "request",
    op: (s) => ({ requestBody: { content: { "application/json": { schema: s } } }, responses: OK }),
  },
  {
    code: "r",
    side: "request",
    op: (s) => ({
      requestBody: { content: { "application/json": { schema: { type: "object", properties: { f: s } } } } },
      responses: OK,
    }),
  },
  {
    code: "B",
    side: "response",
    op: (s) => ({ responses: { "200": { description: "ok", content: { "application/json": { schema: s } } } } }),
  },
  {
    code: "R",
    side: "response",
    op: (s) => ({
      responses: {
        "200": {
          description: "ok",
          content: { "application/json": { schema: { type: "object", properties: { f: s } } } },
        },
      },
    }),
  },
  {
    code: "H",
    side: "response",
    op: (s) => ({ responses: { "200": { description: "ok", headers: { "X-F": { schema: s } } } } }),
  },
];

describe("rule table: schema rules, at every place, with their direction twin", () => {
  it("has a fixture for every schema rule", () => {
    expect([...new Set(schemaCases.map((c) => c.rule))].sort()).toEqual([...SCHEMA_SUFFIXES].sort());
  });

  for (const c of schemaCases) {
    const version = c.openapi ? ` (OpenAPI ${c.openapi})` : "";
    it(`${c.rule}${version}: ${c.request} when sent, ${c.response} when received`, () => {
      for (const place of PLACES) {
        const instead: string | null | undefined = c.except?.[place.code];
        if (instead === null) continue;
        // oasdiff's id where it has the rule at this place, else this project's `sdk-` one.
        const id = schemaRuleId(place.code, instead ?? c.rule);
        const changes = diff(
          spec({ "/things": { post: place.op(c.before) } }, {}, c.openapi),
          spec({ "/things": { post: place.op(c.after) } }, {}, c.openapi),
          c.options,
        );
        const level = RULES.get(id)?.level;
        expect(level, id).toBeDefined();
        expect(changes, id).toContainEqual(expect.objectContaining({ rule: id, class: classOf(level ?? "DOCS") }));
        // The direction twin: a field sent or received has the fixture's class (a body or parameter may differ
        // where oasdiff rates it otherwise, e.g. a parameter's default).
        if (instead === undefined && (place.code === "r" || place.code === "R")) {
          expect(classOf(level ?? "DOCS"), id).toBe(c[place.side]);
        }
        // The rule's change is the only wire change: nothing else fires on a minimal pair.
        expect(
          changes.filter((ch) => ch.rule !== id && ch.class !== "docs-only").map((ch) => ch.rule),
          id,
        ).toEqual([]);
      }
    });
  }
});

describe("OpenAPI 3.0's boolean exclusiveMaximum / exclusiveMinimum", () => {
  const body = (schema: Json) => spec({ "/things": { post: PLACES[1]?.op(schema) } }, {}, "3.0.3");
  const wire = (before: Json, after: Json) => diff(body(before), body(after)).filter((ch) => ch.class !== "docs-only");

  it("false is the same as absent, as in oasdiff: no change", () => {
    expect(wire({ type: "number", maximum: 9, exclusiveMaximum: false }, { type: "number", maximum: 9 })).toEqual([]);
    expect(wire({ type: "number", minimum: 0 }, { type: "number", minimum: 0, exclusiveMinimum: false })).toEqual([]);
  });

  it("says which bound the flag applies to", () => {
    const [change] = wire({ type: "number", minimum: 0, exclusiveMinimum: true }, { type: "number", minimum: 0 });
    expect(change).toMatchObject({ rule: "sdk-request-body-exclusive-min-unset", class: "non-breaking" });
    expect(change?.what).toBe("exclusiveMinimum true → false at minimum 0");
  });

  it("a flag flipped together with its bound reports both", () => {
    const rules = wire(
      { type: "number", maximum: 9, exclusiveMaximum: true },
      { type: "number", maximum: 5, exclusiveMaximum: false },
    ).map((ch) => ch.rule);
    expect(rules.sort()).toEqual(["request-body-max-decreased", "sdk-request-body-exclusive-max-unset"]);
  });

  it("the 3.0 flag respelled as a 3.1 bound is a keyword change, never a bound set", () => {
    const changes = wire(
      { type: "number", maximum: 9, exclusiveMaximum: true },
      { type: "number", exclusiveMaximum: 9 },
    );
    expect(changes.map((ch) => ch.rule)).toContain("sdk-request-body-keyword-changed");
    expect(changes.map((ch) => ch.rule)).not.toContain("request-body-exclusive-max-set");
  });
});

function fixedPair(c: Json): [OpenApiDocument, OpenApiDocument] {
  const base: Json = { operationId: "make", responses: OK };
  const strip = (o: Json) => Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== null && k !== "path"));
  // `sibling`: another operation stays on the path, so only this one goes.
  const sibling = c.sibling ? { get: { operationId: "list", responses: OK } } : {};
  if (c.kind === "operation") {
    const op = (v: Json | null) =>
      v === null
        ? c.sibling
          ? { "/things": sibling }
          : {}
        : { [v.path ?? "/things"]: { ...sibling, post: strip({ ...base, ...v }) } };
    return [spec(op(c.before)), spec(op(c.after))];
  }
  if (c.kind === "property") {
    const op = (s: Json) =>
      c.in === "request"
        ? { ...base, requestBody: { content: { "application/json": { schema: s } } } }
        : { ...base, responses: { "200": { description: "ok", content: { "application/json": { schema: s } } } } };
    return [spec({ "/things": { post: op(c.before) } }), spec({ "/things": { post: op(c.after) } })];
  }
  const doc = (extra: Json) => spec({ "/things": { post: base } }, extra);
  return [doc(c.before), doc(c.after)];
}

describe("rule table: operation, property and document rules, with their twins", () => {
  it("has a fixture for every rule outside the schema table, and each names a twin that has one too", () => {
    const fixed = [...FIXED_RULE_IDS].sort();
    // Every rule in the table is a fixed one or a schema rule at one of the six places.
    const codes: PlaceCode[] = ["p", "q", "h", "b", "r", "o", "B", "R", "H", "w"];
    const generated = SCHEMA_SUFFIXES.flatMap((s) => codes.map((code) => schemaRuleId(code, s)));
    expect([...RULES.keys()].filter((id) => !fixed.includes(id) && !generated.includes(id))).toEqual([]);
    expect(fixedCases.map((c) => c.rule).sort()).toEqual(fixed);
    for (const c of fixedCases) expect(fixed, `twin of ${c.rule}`).toContain(c.twin);
  });

  for (const c of fixedCases) {
    it(`${c.rule} is ${c.class}`, () => {
      const [before, after] = fixedPair(c);
      const changes = diff(before, after, c.options);
      expect(changes).toContainEqual(expect.objectContaining({ rule: c.rule, class: c.class }));
      // Nothing else on the wire: a minimal fixture is about one rule.
      // `with`: rules the same edit necessarily reports too (a path parameter renamed renames the path).
      const others = changes
        .filter((ch) => ch.rule !== c.rule && ch.class !== "docs-only" && !(c.with ?? []).includes(ch.rule))
        .map((ch) => ch.rule);
      expect(others).toEqual([]);
    });
  }
});
