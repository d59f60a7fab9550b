// SIMULATOR_DEPARTURES held against the pinned spec: every entry names what the spec really leaves out (so an
// entry the spec catches up with fails here), and the README and the notes beside the simulator list each one.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { operations } from "../../generated/operations.js";
import { SIMULATOR_DEPARTURES } from "../../src/testing/index.js";
import { SIMULATED_INPUTS } from "../../src/testing/simulator/simulated-inputs.js";
import { upstreamSpec } from "../drift/upstream-spec.js";

type Json = Record<string, unknown>;
const doc = upstreamSpec();
const operationOf = (method: string, path: string) =>
  (doc.paths as Record<string, Record<string, Json>>)[path]?.[method.toLowerCase()];
const responsesOf = (method: string, path: string) =>
  (operationOf(method, path)?.responses ?? {}) as Record<string, Json>;
const resolve = (schema: Json | undefined): Json | undefined =>
  typeof schema?.$ref === "string"
    ? resolve(doc.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")] as Json | undefined)
    : schema;
const bodySchemaOf = (op: Json): Json | undefined =>
  ((op.requestBody as Json | undefined)?.content as Record<string, Json> | undefined)?.["application/json"]?.schema as
    | Json
    | undefined;
const formatsIn = (schema: Json | undefined): string[] => {
  const s = resolve(schema);
  return [s?.format, ...((s?.anyOf ?? []) as Json[]).map((o) => resolve(o)?.format)].filter(
    (f): f is string => typeof f === "string",
  );
};

describe("SIMULATOR_DEPARTURES", () => {
  it.each(SIMULATOR_DEPARTURES.map((d) => [`${d.method} ${d.path} (${d.kind})`, d] as const))(
    "%s departs from the pinned spec",
    (_, departure) => {
      expect(departure.what.length).toBeGreaterThan(0);
      expect(departure.why.length).toBeGreaterThan(0);
      const targets =
        departure.path === "*"
          ? Object.keys(SIMULATED_INPUTS).map((key) => key.split(" ") as [string, string])
          : [[departure.method, departure.path] as [string, string]];
      for (const [method, path] of targets) {
        expect(operationOf(method, path), `${method} ${path} is in the spec`).toBeDefined();
        expect(SIMULATED_INPUTS[`${method} ${path}`], `${method} ${path} is simulated`).toBeDefined();
      }
      if (departure.kind === "status") {
        expect(departure.statuses?.length).toBeGreaterThan(0);
        for (const status of departure.statuses ?? []) {
          // Undeclared by the operation (for `*`: by at least one simulated operation).
          const undeclared = targets.filter(([method, path]) => !(status in responsesOf(method, path)));
          expect(undeclared.length, `${status} is undeclared`).toBeGreaterThan(0);
        }
      }
      if (departure.kind === "media-type") {
        const [[method, path]] = targets as [[string, string]];
        const declared = Object.entries(responsesOf(method, path))
          .filter(([status]) => status.startsWith("2"))
          .flatMap(([, response]) => Object.keys((response.content ?? {}) as Json));
        expect(declared.length).toBeGreaterThan(0);
        expect(declared).not.toContain(departure.mediaType);
      }
      if (departure.kind === "request") {
        const [[method, path]] = targets as [[string, string]];
        const op = operationOf(method, path) as Json;
        for (const field of departure.fields ?? []) {
          const [where, name] = field.split(".") as ["query" | "body", string];
          const schema =
            where === "query"
              ? ((op.parameters ?? []) as Json[]).find((p) => p.in === "query" && p.name === name)?.schema
              : ((resolve(bodySchemaOf(op))?.properties ?? {}) as Record<string, Json>)[name];
          // The leniency is about the date-time format: the field must carry it.
          expect(formatsIn(schema as Json), field).toContain("date-time");
        }
      }
    },
  );

  it("is listed in the README's testing section and in the notes beside the simulator", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const testing = readme.slice(
      readme.indexOf("## Testing your code"),
      readme.indexOf("\n## ", readme.indexOf("## Testing your code") + 5),
    );
    const notes = readFileSync(new URL("../../src/testing/simulator/SPEC-DEPARTURES.md", import.meta.url), "utf8");
    for (const departure of SIMULATOR_DEPARTURES.filter((d) => d.path !== "*")) {
      expect(testing, departure.path).toContain(departure.path);
      expect(notes, departure.path).toContain(departure.path);
    }
    expect(operations.length).toBeGreaterThan(0);
  });
});
