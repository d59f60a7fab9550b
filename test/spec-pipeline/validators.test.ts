import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type GenericSchema, safeParse } from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { valibotEmitter } from "../../scripts/lib/validators/emitter.js";
import { validatorModule } from "../../scripts/lib/validators/validator-module.js";
import { sampleRegex } from "../../src/testing/regex-sample.js";
import { seededRandom } from "../../src/testing/schema-sample.js";

// A small spec with each shape the generator reads; independent of the pinned one.
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const spec = {
  openapi: "3.1.0",
  info: { title: "Fixture", version: "1" },
  paths: {
    "/v2/things/{id}": {
      get: {
        operationId: "get_thing",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200 } },
          {
            name: "tags",
            in: "query",
            schema: { anyOf: [{ type: "array", items: { type: "string" } }, { type: "null" }] },
          },
        ],
        responses: { "200": { description: "ok", ...json({ $ref: "#/components/schemas/Thing" }) } },
      },
      put: {
        operationId: "put_thing",
        requestBody: { required: true, ...json({ $ref: "#/components/schemas/Thing" }) },
        responses: { "200": { description: "untyped", ...json({}) } },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        required: ["id", "kind"],
        properties: {
          id: { type: "string", pattern: "^[0-9a-f]{24}$" },
          kind: { enum: ["a", "b"] },
          size: { anyOf: [{ type: "number", exclusiveMinimum: 0 }, { type: "null" }] },
          status: { type: "string", default: "active" },
          tags: { type: "array", items: { type: "string" }, default: [] },
          seen: { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] },
          day: { type: "string", format: "date" },
          contact: { type: "string", format: "email" },
          home: { type: "string", format: "uri" },
          phone: { type: "string", format: "phone" },
          labels: { type: "object", additionalProperties: { type: "string" } },
          strict: { type: "object", properties: { x: { type: "boolean" } }, additionalProperties: false },
          python: { type: "string", pattern: "(?P<name>x)" },
          part: { $ref: "#/components/schemas/Part" },
        },
      },
      Part: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] },
    },
  },
} as unknown as OpenApiDocument;

mkdirSync(join(repoRoot, ".tmp"), { recursive: true });
const scratch = mkdtempSync(join(repoRoot, ".tmp", "validators-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function load(): Promise<
  Record<string, { responses?: Record<string, GenericSchema>; requestBody?: GenericSchema; query?: GenericSchema }>
> {
  const file = join(scratch, "validators.ts");
  // The module imports the format checks relative to generated/; from the scratch folder, point at them directly.
  const formats = pathToFileURL(join(repoRoot, "src/core/validation/string-formats.ts")).href;
  writeFileSync(
    file,
    validatorModule(spec, valibotEmitter).replace("../src/core/validation/string-formats.js", formats),
  );
  return (await import(pathToFileURL(file).href)).operationValidators;
}

const thing = { id: "0123456789abcdef01234567", kind: "a", status: "active", part: { n: 1 } };

describe("generated validators", () => {
  it("is the same text for the same spec", () => {
    expect(validatorModule(spec, valibotEmitter)).toBe(validatorModule(spec, valibotEmitter));
  });

  it("checks types, patterns, enums, nullables, bounds, maps, strict objects and refs", async () => {
    const schema = (await load())["GET /v2/things/{id}"]?.responses?.["200"] as GenericSchema;
    expect(safeParse(schema, thing).success).toBe(true);
    expect(safeParse(schema, { ...thing, size: null, labels: { x: "y" }, strict: { x: true } }).success).toBe(true);
    const bad = [
      { ...thing, id: "nope" },
      { ...thing, kind: "c" },
      { ...thing, size: 0 },
      { ...thing, labels: { x: 1 } },
      { ...thing, strict: { x: true, y: 1 } },
      { ...thing, part: { n: 1.5 } },
    ];
    for (const body of bad) expect(safeParse(schema, body).success, JSON.stringify(body)).toBe(false);
    // A pattern JavaScript cannot compile is not checked rather than failing generation.
    expect(safeParse(schema, { ...thing, python: "anything" }).success).toBe(true);
  });

  it("fills in a defaulted field a response leaves out, and leaves a request as it came", async () => {
    const table = await load();
    const { status: _status, ...withoutDefault } = thing;
    const response = safeParse(table["GET /v2/things/{id}"]?.responses?.["200"] as GenericSchema, withoutDefault);
    expect(response.output).toEqual({ ...withoutDefault, status: "active", tags: [] });
    // An object or array default is a fresh value each time.
    const again = safeParse(table["GET /v2/things/{id}"]?.responses?.["200"] as GenericSchema, withoutDefault);
    expect((again.output as { tags: unknown }).tags).not.toBe((response.output as { tags: unknown }).tags);
    const request = safeParse(table["PUT /v2/things/{id}"]?.requestBody as GenericSchema, withoutDefault);
    expect(request.success).toBe(true);
    expect(request.output).toEqual(withoutDefault);
  });

  it("checks date-time, date, email and uri formats; phone is an annotation", async () => {
    const schema = (await load())["GET /v2/things/{id}"]?.responses?.["200"] as GenericSchema;
    const good = {
      seen: "2025-01-31T23:59:59.5+01:00",
      day: "2024-02-29",
      contact: "o'brien+tag@mail.example.co.uk",
      home: "https://example.com/a?b=c#d",
      phone: "call me",
    };
    expect(safeParse(schema, { ...thing, ...good }).issues).toBeUndefined();
    expect(safeParse(schema, { ...thing, seen: null }).success).toBe(true);
    const bad = [
      { seen: "2025-01-31T23:59:59" },
      { seen: "2025-01-31" },
      { seen: "2025-13-01T00:00:00Z" },
      { seen: "2025-01-31T24:00:00Z" },
      { day: "2023-02-29" },
      { day: "2024-04-31" },
      { day: "2024-1-01" },
      { contact: "no-at-sign.example.com" },
      { contact: "a@b" },
      { contact: "a b@example.com" },
      { home: "/relative/path" },
      { home: "https://exa mple.com" },
    ];
    for (const body of bad) {
      const result = safeParse(schema, { ...thing, ...body });
      expect(
        result.issues?.map((i) => [i.type, i.expected]),
        JSON.stringify(body),
      ).toEqual([
        ["format", { seen: "date-time", day: "date", contact: "email", home: "uri" }[Object.keys(body)[0] as string]],
      ]);
    }
  });

  it("types queries as one object, and leaves untyped answers out", async () => {
    const table = await load();
    const query = table["GET /v2/things/{id}"]?.query as GenericSchema;
    expect(safeParse(query, { limit: 5, tags: ["a"] }).success).toBe(true);
    expect(safeParse(query, { limit: 500 }).success).toBe(false);
    expect(table["PUT /v2/things/{id}"]?.responses).toBeUndefined();
  });
});

describe("sampleRegex", () => {
  it("draws strings the pattern accepts, for the pattern shapes the spec uses", () => {
    const patterns = [
      "^(json|csv)$",
      "^[0-9a-f]{24}$",
      "^\\d{6}$",
      "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$",
      "^[A-Za-z0-9 ,'\\\"._\\-]+$",
      "^(?:ab|c)+x?[^a-z]{2,3}$",
    ];
    const random = seededRandom(3);
    for (const pattern of patterns) {
      const regex = new RegExp(pattern);
      const hits = Array.from({ length: 20 }, () => sampleRegex(pattern, random)).filter((s) => regex.test(s));
      // Lookarounds are skipped, so a draw may miss; the sampler's caller retries. Most must hit.
      expect(hits.length, pattern).toBeGreaterThan(10);
    }
  });
});
