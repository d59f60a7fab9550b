import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChangeClass, SpecChange } from "../../scripts/lib/drift/changes.js";
import { classifyDrift } from "../../scripts/lib/drift/classify.js";
import { FIXED_RULE_IDS, RULES, SCHEMA_SUFFIXES } from "../../scripts/lib/drift/rules.js";
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

function diff(before: OpenApiDocument, after: OpenApiDocument): SpecChange[] {
  return classifyDrift(buildSurface(before), buildSurface(after)).changes;
}

/** The six places a schema can sit, each with the prefix its rule ids carry. */
const PLACES: { prefix: string; side: "request" | "response"; op: (s: Json) => Json }[] = [
  {
    prefix: "request-parameter",
    side: "request",
    op: (s) => ({ parameters: [{ name: "q", in: "query", schema: s }], responses: OK }),
  },
  {
    prefix: "request-body",
    side: "request",
    op: (s) => ({ requestBody: { content: { "application/json": { schema: s } } }, responses: OK }),
  },
  {
    prefix: "request-property",
    side: "request",
    op: (s) => ({
      requestBody: { content: { "application/json": { schema: { type: "object", properties: { f: s } } } } },
      responses: OK,
    }),
  },
  {
    prefix: "response-body",
    side: "response",
    op: (s) => ({ responses: { "200": { description: "ok", content: { "application/json": { schema: s } } } } }),
  },
  {
    prefix: "response-property",
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
    prefix: "response-header",
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
        const id = `${place.prefix}-${c.rule}`;
        const changes = diff(
          spec({ "/things": { post: place.op(c.before) } }, {}, c.openapi),
          spec({ "/things": { post: place.op(c.after) } }, {}, c.openapi),
        );
        const expected: ChangeClass = c[place.side];
        expect(changes, id).toContainEqual(expect.objectContaining({ rule: id, class: expected }));
        expect(RULES.get(id)?.level, id).toBeDefined();
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
    expect(change).toMatchObject({ rule: "request-body-exclusive-min-unset", class: "non-breaking" });
    expect(change?.what).toBe("exclusiveMinimum true → false at minimum 0");
  });

  it("a flag flipped together with its bound reports both", () => {
    const rules = wire(
      { type: "number", maximum: 9, exclusiveMaximum: true },
      { type: "number", maximum: 5, exclusiveMaximum: false },
    ).map((ch) => ch.rule);
    expect(rules.sort()).toEqual(["request-body-exclusive-max-unset", "request-body-max-decreased"]);
  });

  it("the 3.0 flag respelled as a 3.1 bound is a keyword change, never a bound set", () => {
    const changes = wire(
      { type: "number", maximum: 9, exclusiveMaximum: true },
      { type: "number", exclusiveMaximum: 9 },
    );
    expect(changes.map((ch) => ch.rule)).toContain("request-body-keyword-changed");
    expect(changes.map((ch) => ch.rule)).not.toContain("request-body-exclusive-max-set");
  });
});

function fixedPair(c: Json): [OpenApiDocument, OpenApiDocument] {
  const base: Json = { operationId: "make", responses: OK };
  const strip = (o: Json) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
  if (c.kind === "operation") {
    const op = (v: Json | null) => (v === null ? {} : { "/things": { post: strip({ ...base, ...v }) } });
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
    const generated = SCHEMA_SUFFIXES.flatMap((s) => PLACES.map((p) => `${p.prefix}-${s}`));
    expect([...RULES.keys()].filter((id) => !fixed.includes(id) && !generated.includes(id))).toEqual([]);
    expect(fixedCases.map((c) => c.rule).sort()).toEqual(fixed);
    for (const c of fixedCases) expect(fixed, `twin of ${c.rule}`).toContain(c.twin);
  });

  for (const c of fixedCases) {
    it(`${c.rule} is ${c.class}`, () => {
      const [before, after] = fixedPair(c);
      const changes = diff(before, after);
      expect(changes).toContainEqual(expect.objectContaining({ rule: c.rule, class: c.class }));
      // Nothing else on the wire: a minimal fixture is about one rule.
      const others = changes.filter((ch) => ch.rule !== c.rule && ch.class !== "docs-only").map((ch) => ch.rule);
      expect(others).toEqual([]);
    });
  }
});
