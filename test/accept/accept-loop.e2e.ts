// The whole "upstream changed" loop, as a maintainer (or the spec-drift workflow) runs it, in a scratch copy
// of this repo (its git-tracked and new files, node_modules linked), against copies of the pinned spec:
//
//   1. non-breaking (an optional query parameter, a new operation): `spec:check` exits 1 and prints the
//      accept command → that command, run literally → `generate:check`, the type-check, lint and the
//      unit tests that read the pin, the pinned spec or the generated tables are green, and a minor
//      changeset names the changes → `spec:check` exits 0 → `changeset version` writes CHANGELOG.md.
//   2. breaking (a response field that src/ reads is removed): the compatibility section names the compile
//      error, and the accepted changeset is breaking and lists it (a minor while the version is 0.x).
//
// Unit tests: not the whole suite. A spec change reaches the tests through (a) generated/ types, which the
// type-check of everything tsconfig.json includes (src/, test/, scripts/) covers, (b) the committed tables
// and the pin, read by test/spec-pipeline/generate.test.ts, and (c) the pinned spec itself, read by
// test/drift/*.test.ts; those are the ones run here. The rest exercise src/ through operations the mutation
// leaves as they were. LOYALTYDOG_E2E_FULL_SUITE=1 runs the whole `npm test` in the scratch copy instead
// (with LOYALTYDOG_OPENAPI_SOURCE at the accepted spec, as CI sets it).
//
// Type-check: tsgo (TypeScript 7 native), the compiler spec:check's compatibility section uses; it reports
// the same diagnostics as `npm run typecheck` (tsc) on this project, ~8× faster.

import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { upstreamSpec } from "../drift/upstream-spec.js";
import { copyRepo } from "../support/copy-repo.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let scratch = "";

/** A command in the scratch copy, through the shell (so the printed accept command runs exactly as printed). */
function sh(command: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const base: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: "", NO_COLOR: "1" };
  delete base.LOYALTYDOG_OPENAPI_SOURCE;
  delete base.LOYALTYDOG_SDK_ROOT;
  return new Promise((resolve) => {
    execFile(
      "sh",
      ["-c", command],
      { cwd: scratch, env: { ...base, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const output = (r: Run) => `exit ${r.code}\n${r.stdout}\n${r.stderr}`;

/** The changesets in the scratch copy (not its README). */
function changesets(): string[] {
  return readdirSync(join(scratch, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
}

// biome-ignore lint/suspicious/noExplicitAny: the mutations reach into the untyped spec.
type Json = Record<string, any>;

/** Non-breaking: an optional query parameter on the first GET operation, and a new operation. */
function nonBreaking(): { doc: Json; changed: string; added: string } {
  const doc = upstreamSpec() as Json;
  const [path, item] = Object.entries(doc.paths as Record<string, Json>)
    .filter(([, item]) => item.get)
    .sort(([a], [b]) => a.localeCompare(b))[0] as [string, Json];
  item.get.parameters = [
    ...(item.get.parameters ?? []),
    { name: "e2eFilter", in: "query", required: false, schema: { type: "string" } },
  ];
  doc.paths["/v2/e2e-accept-widgets"] = {
    get: {
      operationId: "list_e2e_accept_widgets",
      responses: {
        "200": {
          description: "ok",
          content: { "application/json": { schema: { type: "object", properties: { count: { type: "integer" } } } } },
        },
      },
    },
  };
  doc.info.version = `${doc.info.version}-e2e.1`;
  return { doc, changed: `GET ${path}`, added: "GET /v2/e2e-accept-widgets" };
}

const specFile = (name: string, doc: unknown) => {
  const path = join(scratch, "..", `${name}.json`);
  writeFileSync(path, JSON.stringify(doc));
  return path;
};

beforeAll(() => {
  const parent = mkdtempSync(join(tmpdir(), "ldsdk-accept-"));
  scratch = join(parent, "repo");
  copyRepo(scratch);
  symlinkSync(join(repoRoot, "node_modules"), join(scratch, "node_modules"), "dir");
});

afterAll(() => {
  if (!scratch) return;
  if (process.env.LOYALTYDOG_KEEP_SCRATCH) console.log(`kept the scratch copy: ${scratch}`);
  else rmSync(dirname(scratch), { recursive: true, force: true });
});

describe("accepting an upstream change, end to end", () => {
  let first = "";

  // The whole suite alone takes minutes on a loaded 2-core machine.
  const timeout = process.env.LOYALTYDOG_E2E_FULL_SUITE ? 2_400_000 : 600_000;

  it("non-breaking: check → the printed accept command → everything green, a minor changeset → in sync", {
    timeout,
  }, async () => {
    const { doc, changed, added } = nonBreaking();
    first = specFile("non-breaking", doc);
    const before = JSON.parse(readFileSync(join(scratch, "package.json"), "utf8")).version as string;
    expect(before, "the loop below assumes a 0.x package").toMatch(/^0\./);

    const check = await sh(`npm run -s spec:check -- --source ${first} --json`);
    expect(check.code, output(check)).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report).toMatchObject({ status: "drift", counts: { breaking: 0 }, compat: { errors: [] } });
    expect(report.counts["non-breaking"]).toBeGreaterThan(0);
    expect(report.acceptCommand).toBe(`npm run spec:accept -- --source ${first}`);

    const accept = await sh(report.acceptCommand);
    expect(accept.code, output(accept)).toBe(0);
    expect(accept.stdout).toMatch(/\(minor: non-breaking\)/);
    const [changeset, ...more] = changesets();
    expect(more).toEqual([]);
    const text = readFileSync(join(scratch, ".changeset", changeset as string), "utf8");
    expect(text).toMatch(/^---\n"@loyaltydog\/sdk": minor\n---\n/);
    expect(text).toContain(`- Operations added (1): \`${added}\` (\`list_e2e_accept_widgets\`)`);
    expect(text).toContain(`\`${changed}\``);

    for (const command of ["npm run -s generate:check", "npx tsgo -p tsconfig.json --noEmit", "npm run -s lint"]) {
      const result = await sh(command);
      expect(result.code, `${command}: ${output(result)}`).toBe(0);
    }
    const suite = process.env.LOYALTYDOG_E2E_FULL_SUITE
      ? "npx vitest run"
      : "npx vitest run test/spec-pipeline/generate.test.ts test/drift/classify.test.ts test/drift/spec-check.test.ts";
    // The pinned spec for the tests is now the accepted copy; point the variable at it as CI points it at ../shared.
    const tests = await sh(suite, { LOYALTYDOG_OPENAPI_SOURCE: first });
    expect(tests.code, `${suite}: ${output(tests)}`).toBe(0);
    expect(tests.stdout).toMatch(/Tests\s+\d+ passed/);

    const again = await sh(`npm run -s spec:check -- --source ${first}`);
    expect(again.code, output(again)).toBe(0);
    expect(again.stdout).toMatch(/in sync/);

    // Changesets itself makes the changelog and the version from what accept wrote.
    const version = await sh("npx changeset version");
    expect(version.code, output(version)).toBe(0);
    const pkg = JSON.parse(readFileSync(join(scratch, "package.json"), "utf8"));
    expect(pkg.version).toBe(`0.${Number(before.split(".")[1]) + 1}.0`);
    const changelog = readFileSync(join(scratch, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${pkg.version}\n\n### Minor Changes`);
    expect(changelog).toContain(`list_e2e_accept_widgets`);
    expect(changesets()).toEqual([]);
  });

  it("breaking: a removed response field src/ reads is named by the compatibility section and the changeset", async () => {
    expect(first, "runs after the non-breaking step").not.toBe("");
    const doc = JSON.parse(readFileSync(first, "utf8")) as Json;
    // src/features/audit-logs.ts reads ExportStatusResponse.downloadUrl (waitForExport checks it).
    const schema = doc.components.schemas.ExportStatusResponse;
    expect(schema?.properties?.downloadUrl, "the pinned spec's ExportStatusResponse.downloadUrl").toBeDefined();
    expect(readFileSync(join(scratch, "src/features/audit-logs.ts"), "utf8")).toContain("status.downloadUrl");
    delete schema.properties.downloadUrl;
    const breaking = specFile("breaking", doc);

    const check = await sh(`npm run -s spec:check -- --source ${breaking} --json`);
    expect(check.code, output(check)).toBe(1);
    const report = JSON.parse(check.stdout);
    expect(report.counts.breaking).toBeGreaterThan(0);
    const compileError = /^src\/features\/audit-logs\.ts\(\d+,\d+\): error TS\d+: .*downloadUrl/;
    expect(report.compat.errors).toContainEqual(expect.stringMatching(compileError));

    const accept = await sh(report.acceptCommand);
    expect(accept.code, output(accept)).toBe(0);
    const [changeset] = changesets();
    const text = readFileSync(join(scratch, ".changeset", changeset as string), "utf8");
    // Breaking is a major from 1.0; this package is 0.x, where it is a minor (bumpFor's unit test covers both).
    expect(text).toMatch(/^---\n"@loyaltydog\/sdk": minor\n---\n\nUpstream OpenAPI spec .*\(\*\*breaking\*\*\)/);
    expect(text).toMatch(/- Breaking changes \(\d+\):\n.*ExportStatusResponse.*downloadUrl/s);
    const listed = report.compat.errors.find((e: string) => compileError.test(e)) as string;
    expect(text).toContain(`  - \`${listed.replaceAll("`", "'")}\``);

    // The accepted tree fails the type-check with exactly the error the report named, until src/ is fixed.
    const typecheck = await sh("npx tsgo -p tsconfig.json --noEmit --pretty false");
    expect(typecheck.code).not.toBe(0);
    expect(typecheck.stdout).toContain(listed);
  });
});
