// The compatibility check's scope (scripts/lib/drift/sdk-compat.ts, compatScope): what ships (src/, with every
// public entry such as ./testing) and the demo are type-checked against the new types; the repo's own tests are
// not (the drift PR's typecheck covers them). One real `spec:check` with the compat step: seconds, so `test:slow`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { specCheck } from "./spec-check-run.js";
import { upstreamSpec } from "./upstream-spec.js";

const scratch = mkdtempSync(join(tmpdir(), "ldsdk-compat-scope-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("an operation removed upstream is a compile error in src/testing/ and demo/, and none is reported from test/", async () => {
  // Preconditions on this checkout (not on the pinned spec's version): who calls GET /v2/token.
  const doc = upstreamSpec() as { paths: Record<string, Record<string, unknown>> };
  expect(doc.paths["/v2/token"]?.get, "the pinned spec's GET /v2/token").toBeDefined();
  expect(readFileSync(join(repoRoot, "src/testing/default-handlers.ts"), "utf8")).toContain('"/v2/token"');
  expect(readFileSync(join(repoRoot, "demo/run-demo.ts"), "utf8")).toContain('client.GET("/v2/token")');
  expect(readFileSync(join(repoRoot, "test/testing/readme-example.test.ts"), "utf8")).toContain('"/v2/token"');

  delete doc.paths["/v2/token"]?.get;
  const source = join(scratch, "no-token.json");
  writeFileSync(source, JSON.stringify(doc));
  const result = await specCheck(["--source", source, "--json"]);
  expect(result.code).toBe(1);
  const report = JSON.parse(result.stdout);
  expect(report.counts.breaking).toBeGreaterThan(0);
  expect(report.compat.scope).toEqual(expect.arrayContaining(["generated", "src", "demo"]));
  const errors = report.compat.errors as string[];
  expect(errors).toContainEqual(expect.stringMatching(/^src\/testing\/[\w/.-]+\.ts\(\d+,\d+\): error TS\d+: /));
  expect(errors).toContainEqual(expect.stringMatching(/^demo\/run-demo\.ts\(\d+,\d+\): error TS\d+: /));
  expect(errors.filter((e) => !/^(src|demo|generated)\//.test(e))).toEqual([]);
});
