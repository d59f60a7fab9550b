// The whole "upstream changed" loop, as a maintainer (or the spec-drift workflow) runs it, in a scratch copy
// of this repo (its git-tracked and new files, node_modules linked), against copies of the pinned spec:
//
//   1. non-breaking growth of every common kind at once (an optional query parameter on an operation and on one
//      the simulator serves, an optional body property on a simulated operation, a response property, a new
//      operation returning a new schema, an enum value added to a request parameter): `spec:check` exits 1 and
//      prints the accept command → that command, run literally → `generate:check`, the type-check, lint and the
//      unit tests that read the pin, the pinned spec, the generated tables or the simulator's input table are
//      green with no hand edit; a minor changeset names the changes and lists the simulator's new inputs as
//      "accepted, ignored by the simulator"; the pin records the source relative to the repository → `spec:check`
//      exits 0 → `changeset version` writes CHANGELOG.md.
//   2. breaking (a response field that src/ reads is removed): the compatibility section names the compile
//      error, and the accepted changeset is breaking and lists it (a minor while the version is 0.x).
//
// One accept for all the non-breaking kinds: each accept with its compatibility check costs tens of seconds on a
// loaded 2-core machine, and a failure caused by any one kind fails the combined run just the same; the
// assertions below name each kind.
//
// Unit tests: not the whole suite. A spec change reaches the tests through (a) generated/ types, which the
// type-check of everything tsconfig.json includes (src/, test/, scripts/) covers, (b) the committed tables
// and the pin, (c) the pinned spec itself, and (d) the simulator, whose validators and input table come from
// the spec; SPEC_READERS are the files that read those at run time. The rest exercise src/ through operations
// the mutation leaves as they were. LOYALTYDOG_E2E_FULL_SUITE=1 runs the whole `npm test` in the scratch copy
// instead (with LOYALTYDOG_OPENAPI_SOURCE at the accepted spec, as CI sets it).
//
// Type-check: tsgo (TypeScript 7 native), the compiler spec:check's compatibility section uses; it reports
// the same diagnostics as `npm run typecheck` (tsc) on this project, ~8× faster.

import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { readPin } from "../../scripts/lib/pin.js";
import { readUnreviewedInputs } from "../../scripts/lib/simulator-review.js";
import { SIMULATED_INPUTS } from "../../src/testing/simulator/simulated-inputs.js";
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

/** The unit-test files that read the pin, the pinned spec, the generated tables or the simulator's table at run time. */
const SPEC_READERS = [
  "test/spec-pipeline/committed-tables.test.ts",
  "test/spec-pipeline/simulator-review.test.ts",
  "test/drift/spec-check.test.ts",
  "test/testing/simulator-inputs.test.ts",
  "test/testing/simulator-validation.test.ts",
  "test/testing/all-handlers.test.ts",
];

const NEW_BODY_INPUT = "includeSystemEvents";
const NEW_QUERY_INPUT = "e2eSortOrder";

/** Follows `$ref`s to the object to mutate (a component, or the inline schema itself). */
function target(doc: Json, node: Json): Json {
  let at = node;
  while (typeof at?.$ref === "string") {
    at = (at.$ref as string)
      .slice(2)
      .split("/")
      .reduce((n: Json, key) => n[key], doc);
  }
  return at;
}

const byKey = (a: string, b: string) => a.localeCompare(b);

/**
 * Non-breaking growth of every common kind, on operations picked from the pinned spec and the simulator's table
 * (never named here, so any pinned version works): what each kind changed, for the assertions.
 */
function nonBreaking(): {
  doc: Json;
  changed: string;
  added: string;
  simulatorInputs: { operation: string; input: string }[];
  responseOf: string;
  enumOf: string;
} {
  const doc = upstreamSpec() as Json;
  const op = (key: string) => {
    const [method, path] = key.split(" ") as [string, string];
    return doc.paths[path][method.toLowerCase()] as Json;
  };
  const simulated = Object.keys(SIMULATED_INPUTS).sort(byKey);
  // 1. An optional query parameter on the first GET operation the simulator does not serve.
  const [path, item] = Object.entries(doc.paths as Record<string, Json>)
    .filter(([path, item]) => item.get && !simulated.includes(`GET ${path}`))
    .sort(([a], [b]) => byKey(a, b))[0] as [string, Json];
  item.get.parameters = [
    ...(item.get.parameters ?? []),
    { name: "e2eFilter", in: "query", required: false, schema: { type: "string" } },
  ];
  // 2. An optional body property on the first simulated operation with a body (the audit-log export today).
  const withBody = simulated.find((key) => SIMULATED_INPUTS[key]?.body) as string;
  const bodySchema = target(doc, target(doc, op(withBody).requestBody).content["application/json"].schema);
  bodySchema.properties[NEW_BODY_INPUT] = { type: "boolean", default: false, description: "Include system events." };
  // 3. An optional query parameter on the first simulated GET.
  const simulatedGet = simulated.find((key) => key.startsWith("GET ")) as string;
  op(simulatedGet).parameters = [
    ...(op(simulatedGet).parameters ?? []),
    { name: NEW_QUERY_INPUT, in: "query", required: false, schema: { type: "string", enum: ["asc", "desc"] } },
  ];
  // 4. An optional response property on the first simulated operation answering a JSON object.
  const responseOf = simulated.find((key) => {
    const ok = Object.entries(op(key).responses ?? {}).find(([code]) => code.startsWith("2"))?.[1] as Json;
    const schema = ok && target(doc, ok).content?.["application/json"]?.schema;
    return schema && target(doc, schema).properties;
  }) as string;
  const okResponse = Object.entries(op(responseOf).responses).find(([code]) => code.startsWith("2"))?.[1] as Json;
  target(doc, target(doc, okResponse).content["application/json"].schema).properties.e2eRowCount = {
    type: "integer",
  };
  // 5 and 6. A new operation answering a new component schema.
  doc.components.schemas.E2eAcceptWidgetList = {
    type: "object",
    properties: { count: { type: "integer" }, names: { type: "array", items: { type: "string" } } },
  };
  doc.paths["/v2/e2e-accept-widgets"] = {
    get: {
      operationId: "list_e2e_accept_widgets",
      responses: {
        "200": {
          description: "ok",
          content: { "application/json": { schema: { $ref: "#/components/schemas/E2eAcceptWidgetList" } } },
        },
      },
    },
  };
  // 7. An enum value added to a request parameter (oasdiff: request-parameter-enum-value-added, INFO): the first
  // operation with an inline enum parameter, so no response shares the enum.
  const enumOf = Object.entries(doc.paths as Record<string, Json>)
    .sort(([a], [b]) => byKey(a, b))
    .flatMap(([p, it]) => Object.keys(it).map((m) => [`${m.toUpperCase()} ${p}`, it[m]] as const))
    .find(([key, o]) => {
      const parameter = (o?.parameters ?? [])
        .map((x: Json) => target(doc, x))
        .find((x: Json) => Array.isArray(x.schema?.enum));
      if (!parameter || key === simulatedGet) return false;
      parameter.schema.enum.push("e2e-added");
      return true;
    })?.[0];
  expect(enumOf, "the pinned spec has an operation with an inline enum parameter").toBeDefined();
  doc.info.version = `${doc.info.version}-e2e.1`;
  return {
    doc,
    changed: `GET ${path}`,
    added: "GET /v2/e2e-accept-widgets",
    simulatorInputs: [
      { operation: withBody, input: `body.${NEW_BODY_INPUT}` },
      { operation: simulatedGet, input: `query.${NEW_QUERY_INPUT}` },
    ].sort((a, b) => byKey(a.operation, b.operation)),
    responseOf,
    enumOf: enumOf as string,
  };
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

  it("non-breaking growth of every kind: check → the printed accept command → everything green, a minor changeset → in sync", {
    timeout,
  }, async () => {
    const { doc, changed, added, simulatorInputs, responseOf, enumOf } = nonBreaking();
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
    const simulatorLines = simulatorInputs.map(
      (i) => `new input \`${i.input}\` of \`${i.operation}\`: accepted, ignored by the simulator`,
    );
    for (const line of simulatorLines) expect(accept.stdout).toContain(`  ${line}\n`);

    const [changeset, ...more] = changesets();
    expect(more).toEqual([]);
    const text = readFileSync(join(scratch, ".changeset", changeset as string), "utf8");
    expect(text).toMatch(/^---\n"@loyaltydog\/sdk": minor\n---\n/);
    // New operation, new schema.
    expect(text).toContain(`- Operations added (1): \`${added}\` (\`list_e2e_accept_widgets\`)`);
    expect(text).toContain("- Schemas added (1): `E2eAcceptWidgetList`");
    // New query parameters, new body property, new response property, enum value added: changed operations.
    const changedLine = text.split("\n").find((l) => l.startsWith("- Operations changed")) ?? "";
    for (const key of [changed, ...simulatorInputs.map((i) => i.operation), responseOf, enumOf])
      expect(changedLine, key).toContain(`\`${key}\``);
    expect(text).toContain(
      `- Testing kit simulator (${simulatorLines.length}):\n${simulatorLines.map((l) => `  - ${l}\n`).join("")}`,
    );

    // What the table test accepts: exactly the new inputs, recorded with the version that brought them.
    const pin = readPin(scratch);
    expect(readUnreviewedInputs(scratch)).toEqual(
      simulatorInputs.map((i) => ({ ...i, since: `${doc.info.version} (${pin?.canonicalSha256.slice(0, 12)})` })),
    );
    // The pin names the source as a teammate with the same layout finds it, not as this machine's temp path.
    expect(pin?.source).toBe("../non-breaking.json");

    for (const command of ["npm run -s generate:check", "npx tsgo -p tsconfig.json --noEmit", "npm run -s lint"]) {
      const result = await sh(command);
      expect(result.code, `${command}: ${output(result)}`).toBe(0);
    }
    const suite = process.env.LOYALTYDOG_E2E_FULL_SUITE ? "npx vitest run" : `npx vitest run ${SPEC_READERS.join(" ")}`;
    // The pinned spec for the tests is now the accepted copy; point the variable at it as CI points it at ../shared.
    const tests = await sh(suite, { LOYALTYDOG_OPENAPI_SOURCE: first });
    expect(tests.code, `${suite}: ${output(tests)}`).toBe(0);
    expect(tests.stdout).toMatch(/Tests\s+\d+ passed/);

    // "Accepted": the simulator takes the new body input (its validators come from the accepted spec).
    const [method, path] = (simulatorInputs.find((i) => i.input.startsWith("body."))?.operation ?? "").split(" ");
    const probe = await sh(
      `node --import tsx --input-type=module -e '
        const { createLoyaltyDogSimulator, DEFAULT_SIMULATOR_TOKEN } = await import("./src/testing/index.ts");
        const sim = createLoyaltyDogSimulator({ rateLimit: false });
        const headers = { authorization: "Bearer " + DEFAULT_SIMULATOR_TOKEN, "content-type": "application/json" };
        const send = (body) => sim.fetch(sim.baseUrl + "${path}", { method: "${method}", headers, body: JSON.stringify(body) });
        console.log((await send({ ${NEW_BODY_INPUT}: true })).status, (await send({ ${NEW_BODY_INPUT}: "yes" })).status);'`,
    );
    expect(probe.code, output(probe)).toBe(0);
    expect(probe.stdout.trim()).toMatch(/^2\d\d 422$/);

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
    expect(changelog).toContain(simulatorLines[0]);
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
