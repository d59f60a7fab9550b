import { describe, expect, it } from "vitest";
import { canonicalHash } from "../../scripts/lib/canonical.js";
import type { SurfaceDiff } from "../../scripts/lib/drift/changes.js";
import { classifyDrift } from "../../scripts/lib/drift/classify.js";
import { SpecRefError } from "../../scripts/lib/spec-refs.js";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { buildSurface } from "../../scripts/lib/surface.js";

// biome-ignore lint/suspicious/noExplicitAny: the fixtures are free-form spec fragments.
type Json = Record<string, any>;

/** A one-operation spec: GET /things answers `response`, POST /things sends `request`. */
function spec(
  response: Json,
  request: Json = { type: "object" },
  schemas: Json = {},
  extra: Json = {},
): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "Things", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          responses: { "200": { description: "ok", content: { "application/json": { schema: response } } } },
        },
        post: {
          operationId: "makeThing",
          requestBody: { content: { "application/json": { schema: request } } },
          responses: { "204": { description: "made" } },
        },
      },
    },
    components: { schemas },
    ...extra,
  } as OpenApiDocument;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const drift = (before: OpenApiDocument, after: OpenApiDocument): SurfaceDiff =>
  classifyDrift(buildSurface(before), buildSurface(after));
const wire = (d: SurfaceDiff) => d.changes.filter((c) => c.class !== "docs-only");
const breaking = (d: SurfaceDiff) => d.changes.filter((c) => c.class === "breaking");

const thing = {
  type: "object",
  properties: { id: { type: "string" }, status: { type: "string", enum: ["open", "closed"] } },
  required: ["id"],
};

describe("drift classifier: refactors that change nothing on the wire", () => {
  it("an inline schema extracted into a $ref is only a new component name", () => {
    const d = drift(spec(thing), spec(ref("Thing"), undefined, { Thing: thing }));
    expect(wire(d).map((c) => c.rule)).toEqual(["sdk-api-schema-added"]);
    expect(d.operations.changed).toEqual([]);
  });

  it("a schema renamed with the same structure is a rename, not a removal and a type change", () => {
    const d = drift(
      spec(ref("Thing"), undefined, { Thing: { ...thing, title: "Thing" } }),
      spec(ref("Item"), undefined, { Item: { ...thing, title: "Item" } }),
    );
    // Its title changed too (docs), so it is listed as changed, but nothing else on the wire.
    expect(d.schemas).toEqual({ added: [], removed: [], renamed: [{ from: "Thing", to: "Item" }], changed: ["Item"] });
    expect(wire(d).map((c) => c.rule)).toEqual(["sdk-api-schema-renamed"]);
  });

  it("a field moved between allOf parts is no change, and the real change beside it is stated", () => {
    const before = {
      Base: { type: "object", properties: { id: { type: "string" } } },
      Thing: { allOf: [ref("Base"), { properties: { name: { type: "string" }, tier: { enum: ["a"] } } }] },
    };
    const after = {
      Base: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
      Thing: { allOf: [ref("Base"), { properties: { tier: { enum: ["a", "fast"] } } }] },
    };
    const d = drift(spec(ref("Thing"), undefined, before), spec(ref("Thing"), undefined, after));
    expect(breaking(d)).toEqual([
      expect.objectContaining({
        rule: "response-property-enum-value-added",
        subject: { kind: "schema", name: "Thing" },
        where: "response field `tier`",
        what: 'enum value added: "fast"',
        usedBy: ["GET /things"],
      }),
    ]);
    // Base gained `name` where it is used directly: an optional field added, not breaking.
    expect(wire(d).filter((c) => c.rule.includes("removed"))).toEqual([]);
    // Base is used, inside Thing's allOf: its edit is not an "unused component" change.
    expect(d.changes.map((c) => c.rule)).not.toContain("sdk-component-schema-changed");
    expect(d.operations.changed.map((o) => o.operationId)).toEqual(["listThings"]);
  });

  it("an optional field added to a member of a received oneOf is not breaking", () => {
    const schemas = (extra: Json) => ({
      Cat: { type: "object", properties: { meow: { type: "string" }, ...extra } },
      Dog: { type: "object", properties: { bark: { type: "string" } } },
    });
    const union = { oneOf: [ref("Cat"), ref("Dog")] };
    const d = drift(spec(union, undefined, schemas({})), spec(union, undefined, schemas({ age: { type: "integer" } })));
    expect(wire(d).map((c) => [c.rule, c.class])).toEqual([["response-optional-property-added", "non-breaking"]]);
  });

  it("a field wrapped in anyOf [X, null] only became nullable: its constraints did not go", () => {
    const field = { type: "string", maxLength: 64, minLength: 1 };
    const d = drift(
      spec({ type: "object", properties: { callId: field } }),
      spec({ type: "object", properties: { callId: { anyOf: [field, { type: "null" }] } } }),
    );
    expect(wire(d).map((c) => c.rule)).toEqual(["response-property-became-nullable"]);
  });

  it("union branches reordered, and a recursive type, compare without noise or a crash", () => {
    const schemas = {
      Node: {
        type: "object",
        properties: { name: { type: "string" }, children: { type: "array", items: ref("Node") } },
      },
    };
    const d = drift(
      spec({ anyOf: [{ type: "string" }, ref("Node")] }, undefined, schemas),
      spec({ anyOf: [ref("Node"), { type: "string" }] }, undefined, {
        Node: { ...schemas.Node, properties: { ...schemas.Node.properties, name: { type: "string", maxLength: 9 } } },
      }),
    );
    expect(wire(d).map((c) => [c.rule, c.where])).toEqual([
      // oasdiff has no rule for a cap set on what is received (narrower, harmless): this project's own id.
      ["sdk-response-property-max-length-set", "response field `name`"],
    ]);
  });

  it("event branches are paired by their fixed `type`: one edited and one added is not a removal", () => {
    const event = (type: string, extra: Json = {}) => ({
      type: "object",
      properties: { type: { type: "string", enum: [type] }, delta: { type: "string" }, ...extra },
    });
    const d = drift(
      spec({ oneOf: [event("a.delta"), event("a.done")] }),
      spec({ oneOf: [event("a.done", { seq: { type: "integer" } }), event("a.delta"), event("b.delta")] }),
    );
    expect(wire(d).map((c) => [c.rule, c.class])).toEqual([
      ["response-body-one-of-added", "breaking"],
      ["response-optional-property-added", "non-breaking"],
    ]);
  });

  it("a union respelled from oneOf to anyOf compares its branches across: only the added one counts", () => {
    const branch = (name: string) => ({ type: "object", title: name, properties: { [name]: { type: "string" } } });
    const d = drift(
      spec({ type: "object" }, { oneOf: [branch("a"), branch("b")] }),
      spec({ type: "object" }, { anyOf: [branch("b"), branch("a"), branch("c")] }),
    );
    expect(wire(d).map((c) => [c.rule, c.class])).toEqual([
      ["sdk-request-body-keyword-changed", "non-breaking"],
      ["request-body-any-of-added", "non-breaking"],
    ]);
  });

  it("equivalent spellings are no change: additionalProperties absent, true or {}; a format that only widens", () => {
    const obj = (extra: Json) => ({
      type: "object",
      properties: { n: { type: "integer", format: "int32" } },
      ...extra,
    });
    expect(wire(drift(spec(obj({})), spec(obj({ additionalProperties: true }))))).toEqual([]);
    expect(wire(drift(spec(obj({ additionalProperties: {} })), spec(obj({}))))).toEqual([]);
    const wider = drift(
      spec(obj({}), obj({})),
      spec(
        { ...obj({}), properties: { n: { type: "integer", format: "int64" } } },
        { ...obj({}), properties: { n: { type: "integer", format: "int64" } } },
      ),
    );
    expect(wire(wider).map((c) => [c.rule, c.class])).toEqual([
      // oasdiff: a wider format received is a type change (the old reader may not read it); sent, it generalizes.
      ["response-property-type-changed", "breaking"],
      ["request-property-type-generalized", "non-breaking"],
    ]);
  });

  it("re-sorted sets (required, enum, tags, security, parameters) have the same canonical hash", () => {
    const doc = (reverse: boolean) => {
      const r = <T>(list: T[]) => (reverse ? [...list].reverse() : list);
      const d = spec({
        ...thing,
        required: r(["id", "status"]),
        properties: { ...thing.properties, status: { enum: r(["open", "closed"]) } },
      }) as Json;
      d.paths["/things"].get.tags = r(["a", "b"]);
      d.paths["/things"].get.security = r([{ key: [] }, { oauth: [] }]);
      d.paths["/things"].get.parameters = r([
        { name: "limit", in: "query", schema: { type: "integer" } },
        { name: "cursor", in: "query", schema: { type: "string" } },
      ]);
      return d as OpenApiDocument;
    };
    expect(canonicalHash(doc(true))).toBe(canonicalHash(doc(false)));
    expect(drift(doc(false), doc(true)).changes).toEqual([]);
    // Order that carries meaning stays: allOf parts and prefixItems are not sets.
    expect(canonicalHash({ allOf: [{ a: 1 }, { b: 1 }] })).not.toBe(canonicalHash({ allOf: [{ b: 1 }, { a: 1 }] }));
  });

  it("x- extensions anywhere are metadata (docs-only), never API changes", () => {
    const d = drift(
      spec({ ...thing, "x-internal": false }, undefined, {}, { "x-commit": "a1b2" }),
      spec({ ...thing, "x-internal": true }, undefined, {}, { "x-commit": "c3d4" }),
    );
    expect(d.changes.length).toBeGreaterThan(0);
    expect(new Set(d.changes.map((c) => c.rule))).toEqual(new Set(["sdk-extension-changed"]));
    expect(new Set(d.changes.map((c) => c.class))).toEqual(new Set(["docs-only"]));
  });

  it("prose edits are docs-only, and a change to a schema no operation uses is not on the wire", () => {
    const d = drift(
      spec({ ...thing, description: "A thing." }, undefined, { Unused: { type: "string" } }),
      spec({ ...thing, description: "A thing, reworded." }, undefined, { Unused: { type: "integer" } }),
    );
    expect(d.changes.map((c) => [c.rule, c.class])).toEqual([
      ["sdk-component-schema-changed", "non-breaking"],
      ["sdk-documentation-changed", "docs-only"],
    ]);
  });
});

describe("drift classifier: where a change is sent or received decides its class", () => {
  it("a schema used both ways reports each direction's rule, naming the operations", () => {
    const withTier = (values: string[]) => ({ Tier: { type: "string", enum: values } });
    const d = drift(
      spec(ref("Tier"), ref("Tier"), withTier(["a"])),
      spec(ref("Tier"), ref("Tier"), withTier(["a", "b"])),
    );
    expect(d.changes.map((c) => [c.rule, c.class, c.usedBy])).toEqual([
      // Tier is a whole body both ways: oasdiff has no enum rule for a body root, so the ids are this project's.
      ["sdk-response-body-enum-value-added", "breaking", ["GET /things", "POST /things"]],
      ["sdk-request-body-enum-value-added", "non-breaking", ["GET /things", "POST /things"]],
    ]);
    expect(d.operations.changed.map((o) => o.method)).toEqual(["GET", "POST"]);
  });

  it("a path parameter renamed is the same operation under a new path key, not one removed and one added", () => {
    const at = (path: string) =>
      ({
        openapi: "3.1.0",
        info: { title: "t", version: "1" },
        paths: { [path]: { get: { responses: { "200": { description: "ok" } } } } },
      }) as OpenApiDocument;
    const d = drift(at("/things/{id}/options"), at("/things/{key}/options"));
    // The wire is the same (oasdiff reports nothing), but the path key every call names changed: breaking here.
    expect(d.changes.map((c) => [c.rule, c.class])).toEqual([["sdk-path-renamed", "breaking"]]);
    expect(d.operations).toEqual({
      added: [],
      removed: [],
      changed: [expect.objectContaining({ path: "/things/{key}/options" })],
    });
  });
});

describe("drift classifier: broken refs are a typed error, never a crash or a wrong answer", () => {
  const broken =
    (schemas: Json, extra: Json = {}) =>
    () =>
      buildSurface(spec(ref("A"), undefined, schemas, extra));

  it("a pure $ref loop A → B → A", () => {
    expect(broken({ A: ref("B"), B: ref("A") })).toThrow(SpecRefError);
    expect(broken({ A: ref("B"), B: ref("A") })).toThrow(
      /\$ref cycle: #\/components\/schemas\/(A|B) → #\/components\/schemas\/(A|B) → /,
    );
  });

  it("a parameter that is a $ref to itself", () => {
    const self = { $ref: "#/components/parameters/P" };
    const doc = spec(thing) as Json;
    doc.components.parameters = { P: self };
    doc.paths["/things"].get.parameters = [self];
    expect(() => buildSurface(doc as OpenApiDocument)).toThrow(
      expect.objectContaining({ name: "SpecRefError", kind: "ref-cycle" }),
    );
  });

  it("a dangling $ref", () => {
    expect(broken({})).toThrow(
      expect.objectContaining({
        kind: "dangling-ref",
        message: expect.stringMatching(/#\/components\/schemas\/A does not exist/),
      }),
    );
  });
});
