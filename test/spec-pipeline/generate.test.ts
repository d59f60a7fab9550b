import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { generateArtifacts } from "../../scripts/lib/generate-artifacts.js";
import { buildOperationTable } from "../../scripts/lib/operation-table.js";
import { pull } from "../../scripts/lib/pull.js";
import { loadSpec, type OpenApiDocument } from "../../scripts/lib/spec-source.js";
import { reverseKeys } from "../drift/upstream-spec.js";
import { pipelineScript } from "../support/pipeline-script.js";
import { tempRoot } from "../support/temp-root.js";

const fixturePath = join(repoRoot, "test/fixtures/mini-spec.json");
const fixture = (): OpenApiDocument => JSON.parse(readFileSync(fixturePath, "utf8"));

describe("generator", () => {
  it("is deterministic and independent of key order", async () => {
    const a = await generateArtifacts(fixture(), "h");
    const b = await generateArtifacts(fixture(), "h");
    const reordered = await generateArtifacts(reverseKeys(fixture()) as OpenApiDocument, "h");
    expect([...b]).toEqual([...a]);
    expect([...reordered]).toEqual([...a]);
    for (const content of a.values()) expect(content).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });

  it("makes server-defaulted request fields optional and keeps response defaults required", async () => {
    const schema = (await generateArtifacts(fixture(), "h")).get("schema.ts") as string;
    const block = (name: string) => schema.slice(schema.indexOf(`        ${name}: {`)).split("\n        };")[0];
    expect(block("ThingCreate")).toMatch(/format\?: string;/);
    expect(block("ThingCreate")).toMatch(/name: string;/);
    expect(block("ThingCreate")).toMatch(/colour\?: components\["schemas"\]\["ThemeInput"\]/);
    expect(block("Thing")).toMatch(/active: boolean;/);
    // Theme is sent and received: the request side gets its own copy.
    expect(block("Theme")).toMatch(/primary: string;/);
    expect(block("ThemeInput")).toMatch(/primary\?: string;/);
    expect(schema).toMatch(/"application\/json": components\["schemas"\]\["ThemeInput"\];/);
  });

  it("builds an operation table with headers, params, success codes and every status's media types", () => {
    const rows = buildOperationTable(fixture());
    expect(rows.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /v2/themes",
      "POST /v2/things",
      "GET /v2/things/{thingId}",
    ]);
    expect(rows[1]).toMatchObject({
      operationId: "create_thing",
      headerParams: ["idempotency-key"],
      requestBody: { required: true, contentTypes: ["application/json"] },
      successCodes: ["201"],
      // Every declared status with its media types: a body-less 422 has none.
      responses: { "201": ["application/json"], "422": [] },
    });
    expect(rows[2]).toMatchObject({ pathParams: ["thingId"], headerParams: ["x-eposn-merchant-token"] });
  });

  it("refuses a spec that is not the pinned one, and check names stale files", async () => {
    const ctx = tempRoot(["--source", fixturePath]);
    try {
      await pull(ctx);
      expect((await pipelineScript("generate.ts", ctx.root)).code).toBe(0);
      expect((await pipelineScript("check-generated.ts", ctx.root)).code).toBe(0);

      // A hand edit and a stray file are both caught, by name.
      appendFileSync(join(ctx.root, "generated/schema.ts"), "// edited\n");
      writeFileSync(join(ctx.root, "generated/extra.ts"), "export {};\n");
      const stale = await pipelineScript("check-generated.ts", ctx.root);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toMatch(/generated\/schema\.ts differs/);
      expect(stale.stderr).toMatch(/generated\/extra\.ts is not produced/);

      // A changed spec is refused until the pin is updated.
      const changed = fixture();
      changed.info.version = "0.0.2";
      const changedPath = join(ctx.root, "changed.json");
      writeFileSync(changedPath, JSON.stringify(changed));
      const refused = await pipelineScript("generate.ts", ctx.root, ["--source", changedPath]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/is not the pinned one/);
      expect(readFileSync(join(ctx.root, "generated/extra.ts"), "utf8")).toBe("export {};\n");

      const accepted = await pipelineScript("generate.ts", ctx.root, ["--source", changedPath, "--update-pin"]);
      expect(accepted.code).toBe(0);
      const pin = JSON.parse(readFileSync(join(ctx.root, "openapi/pin.json"), "utf8"));
      expect(pin.canonicalSha256).toBe(
        (await loadSpec(changedPath, { timeoutMs: 1000, maxBytes: 1e6 })).canonicalSha256,
      );
      expect((await pipelineScript("check-generated.ts", ctx.root, ["--source", changedPath])).code).toBe(0);
    } finally {
      ctx.dispose();
    }
  }, 120_000);
});
