import { beforeAll, describe, expect, it } from "vitest";
import type { SpecChange, SurfaceDiff } from "../../scripts/lib/drift/changes.js";
import { classifyDrift } from "../../scripts/lib/drift/classify.js";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { buildSurface, type Surface } from "../../scripts/lib/surface.js";
import { renameSchema, reverseKeys, upstreamSpec } from "./upstream-spec.js";

// biome-ignore lint/suspicious/noExplicitAny: the mutations reach deep into the untyped spec.
type Json = Record<string, any>;

const EXPORT_STATUS = "/v2/giftcards/audit-logs/export/{task_id}";
const AUDIT_LOGS = "/v2/giftcards/audit-logs";

let pinned: Surface;
beforeAll(() => {
  pinned = buildSurface(upstreamSpec());
});

function drift(mutate: (doc: Json) => unknown): SurfaceDiff {
  const doc = upstreamSpec() as Json;
  const returned = mutate(doc);
  // A mutation edits `doc` in place, or returns a replacement document.
  const mutated = (returned && typeof returned === "object" ? returned : doc) as OpenApiDocument;
  return classifyDrift(pinned, buildSurface(mutated));
}

const schema = (doc: Json, name: string): Json => doc.components.schemas[name];
const byClass = (diff: SurfaceDiff, cls: SpecChange["class"]) => diff.changes.filter((c) => c.class === cls);

/** The rule's change is there with the expected class, and its twin has nothing breaking at all. */
function expectChange(diff: SurfaceDiff, cls: SpecChange["class"], where: string | RegExp, what: RegExp): void {
  expect(diff.changes).toContainEqual(
    expect.objectContaining({
      class: cls,
      where: typeof where === "string" ? where : expect.stringMatching(where),
      what: expect.stringMatching(what),
    }),
  );
  if (cls !== "breaking") expect(byClass(diff, "breaking")).toEqual([]);
}

describe("drift classifier: breaking rules and their non-breaking twins", () => {
  it("removed operation is breaking; added operation is not", () => {
    const removed = drift((d) => void delete d.paths[EXPORT_STATUS].get);
    expectChange(removed, "breaking", "", /^removed$/);
    expect(removed.operations.removed).toEqual([expect.objectContaining({ method: "GET", path: EXPORT_STATUS })]);
    const added = drift((d) => {
      d.paths["/v2/ping"] = { get: { operationId: "ping", responses: { "204": { description: "ok" } } } };
    });
    expectChange(added, "non-breaking", "", /^added$/);
    expect(added.operations.added).toEqual([{ method: "GET", path: "/v2/ping", operationId: "ping" }]);
  });

  it("removed response code is breaking; added response code is not", () => {
    expectChange(
      drift((d) => void delete d.paths[EXPORT_STATUS].get.responses["422"]),
      "breaking",
      "response 422",
      /removed/,
    );
    expectChange(
      drift((d) => {
        d.paths[EXPORT_STATUS].get.responses["404"] = { description: "gone" };
      }),
      "non-breaking",
      "response 404",
      /added/,
    );
  });

  it("new required parameter is breaking; new optional parameter is not", () => {
    const param = (required: boolean) => (d: Json) =>
      void d.paths[AUDIT_LOGS].get.parameters.push({
        name: "region",
        in: "query",
        required,
        schema: { type: "string" },
      });
    expectChange(drift(param(true)), "breaking", "query parameter `region`", /added, required/);
    expectChange(drift(param(false)), "non-breaking", "query parameter `region`", /added, optional/);
  });

  it("new required request field is breaking; new optional request field is not", () => {
    const field = (required: boolean) => (d: Json) => {
      const s = schema(d, "ExportRequest");
      s.properties.tenant = { type: "string" };
      if (required) s.required = ["tenant"];
    };
    expectChange(drift(field(true)), "breaking", "request field `tenant`", /added, required/);
    expectChange(drift(field(false)), "non-breaking", "request field `tenant`", /added, optional/);
  });

  it("parameter type change is breaking; a parameter that now also accepts null is not", () => {
    const merchant = (d: Json) => d.paths[AUDIT_LOGS].get.parameters.find((p: Json) => p.name === "merchantId");
    expectChange(
      drift((d) => {
        merchant(d).schema = { type: "integer" };
      }),
      "breaking",
      "query parameter `merchantId`",
      /type changed: string \| null → integer/,
    );
    const taskId = (d: Json) => d.paths[EXPORT_STATUS].get.parameters.find((p: Json) => p.name === "task_id");
    expectChange(
      drift((d) => {
        taskId(d).schema = { anyOf: [{ type: "string" }, { type: "null" }], title: "Task Id" };
      }),
      "non-breaking",
      "path parameter `task_id`",
      /now accepts null/,
    );
  });

  it("field type change is breaking; a request field that now accepts null is not", () => {
    expectChange(
      drift((d) => {
        schema(d, "ExportRequest").properties.format.type = "integer";
      }),
      "breaking",
      "request field `format`",
      /type changed: string → integer/,
    );
    expectChange(
      drift((d) => {
        const format = schema(d, "ExportRequest").properties.format;
        schema(d, "ExportRequest").properties.format = {
          anyOf: [{ type: "string" }, { type: "null" }],
          title: format.title,
          default: format.default,
        };
      }),
      "non-breaking",
      "request field `format`",
      /now accepts null/,
    );
  });

  it("enum value removed from a sent enum is breaking; added to a sent enum is not", () => {
    expectChange(
      drift((d) => void schema(d, "OfferType").enum.pop()),
      "breaking",
      "",
      /enum value removed: "other"/,
    );
    expectChange(
      drift((d) => void schema(d, "OfferType").enum.push("bogo")),
      "non-breaking",
      "",
      /enum value added: "bogo"/,
    );
  });

  it("enum value added to a received enum is breaking; removed from a received enum is not", () => {
    expectChange(
      drift((d) => void schema(d, "GiftCardTransactionType").enum.push("CHARGEBACK")),
      "breaking",
      "",
      /enum value added: "CHARGEBACK"/,
    );
    expectChange(
      drift((d) => void schema(d, "GiftCardTransactionType").enum.shift()),
      "non-breaking",
      "",
      /enum value removed: "PURCHASE"/,
    );
  });

  it("response field removed is breaking; response field added is not", () => {
    const removed = drift((d) => {
      delete schema(d, "ExportStatusResponse").properties.status;
      schema(d, "ExportStatusResponse").required = ["taskId"];
    });
    expectChange(removed, "breaking", "response field `status`", /removed/);
    expect(removed.changes).toHaveLength(1);
    expect(removed.changes[0]?.usedBy ?? []).toContain(`GET ${EXPORT_STATUS}`);
    expectChange(
      drift((d) => {
        schema(d, "ExportStatusResponse").properties.progress = { type: "number" };
      }),
      "non-breaking",
      "response field `progress`",
      /added, optional/,
    );
  });

  it("response field made optional is breaking; made required is not", () => {
    expectChange(
      drift((d) => {
        schema(d, "ExportStatusResponse").required = ["taskId"];
      }),
      "breaking",
      "response field `status`",
      /made optional/,
    );
    expectChange(
      drift((d) => void schema(d, "ExportStatusResponse").required.push("error")),
      "non-breaking",
      "response field `error`",
      /became required/,
    );
  });

  it("response field made nullable is breaking; a request field made nullable is not (twin above)", () => {
    expectChange(
      drift((d) => {
        schema(d, "ExportStatusResponse").properties.status = {
          anyOf: [{ type: "string" }, { type: "null" }],
          title: "Status",
        };
      }),
      "breaking",
      "response field `status`",
      /made nullable/,
    );
  });

  it("a changed path or method is breaking (the old operation is gone)", () => {
    const moved = drift((d) => {
      d.paths["/v2/giftcards/audit-logs/exports/{task_id}"] = d.paths[EXPORT_STATUS];
      delete d.paths[EXPORT_STATUS];
    });
    expect(moved.operations.removed.map((o) => o.path)).toEqual([EXPORT_STATUS]);
    expect(moved.operations.added.map((o) => o.path)).toEqual(["/v2/giftcards/audit-logs/exports/{task_id}"]);
    expectChange(moved, "breaking", "", /^removed$/);
    const method = drift((d) => {
      d.paths[EXPORT_STATUS].post = d.paths[EXPORT_STATUS].get;
      delete d.paths[EXPORT_STATUS].get;
    });
    expect(method.operations.removed.map((o) => o.method)).toEqual(["GET"]);
    expect(method.operations.added.map((o) => o.method)).toEqual(["POST"]);
  });

  it("a renamed schema is breaking: the old name is removed and its users' refs change", () => {
    const renamed = drift((d) => renameSchema(d as OpenApiDocument, "ExportStatusResponse", "ExportTaskStatus"));
    expect(renamed.schemas).toMatchObject({ removed: ["ExportStatusResponse"], added: ["ExportTaskStatus"] });
    expectChange(renamed, "breaking", "", /^removed/);
  });
});

describe("drift classifier: docs and formatting", () => {
  it("classes summary, description, title and example edits as docs-only and nothing else", () => {
    const docs = drift((d) => {
      d.paths[EXPORT_STATUS].get.summary = "Poll an export";
      d.paths[EXPORT_STATUS].get.description = "Reworded.";
      schema(d, "ExportStatusResponse").title = "Export status";
      schema(d, "ExportStatusResponse").properties.status.description = "pending | success | failed";
      schema(d, "ExportRequest").properties.format.example = "csv";
      d.info.description = "New intro.";
    });
    expect(docs.changes.length).toBeGreaterThanOrEqual(6);
    expect(new Set(docs.changes.map((c) => c.class))).toEqual(new Set(["docs-only"]));
    expect(docs.operations.added).toEqual([]);
  });

  it("finds no change in a key-reordered copy (the surface is built from the canonical form)", () => {
    expect(drift((d) => reverseKeys(d) as OpenApiDocument).changes).toEqual([]);
  });

  it("digests prose but keeps a property that happens to be called `title`", () => {
    const surface = buildSurface({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {},
      components: { schemas: { Book: { title: "Book", type: "object", properties: { title: { type: "string" } } } } },
    });
    const book = (surface.components as Json).schemas.Book;
    expect(book.title).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(book.properties.title).toEqual({ type: "string" });
  });
});
