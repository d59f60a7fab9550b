/**
 * A large synthetic OpenAPI 3.1 document for the drift check's speed target:
 * `operations` operations (half GET, half POST), each with its own request and
 * response component schemas, shared schemas, enums, allOf and nullable unions:
 * the shapes the classifier resolves. About 2.5 KB per operation.
 */
export function syntheticSpec(operations: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    Money: {
      type: "object",
      properties: {
        amount: { type: "integer", minimum: 0 },
        currency: { type: "string", enum: ["EUR", "USD", "GBP"] },
      },
      required: ["amount", "currency"],
    },
    Audit: {
      type: "object",
      properties: {
        createdAt: { type: "string", format: "date-time" },
        updatedAt: { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] },
      },
    },
  };
  for (let i = 0; i < operations; i += 2) {
    const name = `Resource${i}`;
    const fields: Record<string, unknown> = {
      id: { type: "string", description: `Identifier of resource ${i}.`, maxLength: 64 },
      status: {
        type: "string",
        enum: ["active", "paused", "closed", `state${i % 7}`],
        description: "Lifecycle state.",
      },
      price: { $ref: "#/components/schemas/Money" },
      tags: { type: "array", items: { type: "string", maxLength: 32 }, maxItems: 20 },
      note: { anyOf: [{ type: "string", maxLength: 500 }, { type: "null" }], description: "Free text." },
      count: { type: "integer", minimum: 0, maximum: 1_000_000 },
      owner: {
        type: "object",
        properties: { id: { type: "string" }, email: { type: "string", format: "email" }, name: { type: "string" } },
        required: ["id"],
      },
    };
    for (let f = 0; f < 22; f++)
      fields[`extra${f}`] = {
        type: "string",
        description: `Extra field ${f} of ${name}, documented at some length so the document has realistic prose.`,
      };
    schemas[name] = {
      allOf: [
        { $ref: "#/components/schemas/Audit" },
        { type: "object", properties: fields, required: ["id", "status", "price"] },
      ],
    };
    schemas[`${name}Create`] = {
      type: "object",
      properties: { status: fields.status, price: fields.price, note: fields.note, tags: fields.tags },
      required: ["price"],
    };
    paths[`/resources${i}/{id}`] = {
      get: {
        operationId: `get${name}`,
        summary: `Get resource ${i}`,
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          {
            name: "expand",
            in: "query",
            schema: { type: "array", items: { type: "string", enum: ["owner", "price"] } },
          },
        ],
        responses: {
          "200": {
            description: "The resource.",
            content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
          },
          "404": { description: "Not found." },
        },
      },
    };
    paths[`/resources${i}`] = {
      post: {
        operationId: `create${name}`,
        summary: `Create resource ${i}`,
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: `#/components/schemas/${name}Create` } } },
        },
        responses: {
          "201": {
            description: "Created.",
            content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
          },
          "422": { description: "Invalid." },
        },
      },
    };
  }
  return { openapi: "3.1.0", info: { title: "Synthetic", version: "1.0.0" }, paths, components: { schemas } };
}

/** The same document with a handful of upstream-style changes, breaking and not. */
export function driftedSyntheticSpec(operations: number): Record<string, unknown> {
  // biome-ignore lint/suspicious/noExplicitAny: edits reach into the generated document.
  const doc = syntheticSpec(operations) as any;
  doc.info.version = "1.1.0";
  doc.components.schemas.Money.properties.currency.enum.push("JPY");
  doc.components.schemas.Resource0Create.required.push("status");
  doc.components.schemas.Resource2.allOf[1].properties.extra0.maxLength = 80;
  delete doc.paths["/resources4/{id}"];
  doc.paths["/resources6/{id}"].get.parameters.push({ name: "fields", in: "query", schema: { type: "string" } });
  return doc;
}
