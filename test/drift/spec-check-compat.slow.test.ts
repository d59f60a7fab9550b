import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/http-server.js";
import { specCheck } from "./spec-check-run.js";
import { renameSchema, upstreamSpec } from "./upstream-spec.js";

// `npm run test:slow`: spec:check with its compatibility section, which type-checks what ships (src/, demo/)
// in a scratch copy against the regenerated types (tens of seconds of CPU). The other spec:check runs are in spec-check.test.ts.
let server: TestServer;
beforeAll(async () => {
  const renamed = JSON.stringify(renameSchema(upstreamSpec(), "ExportStatusResponse", "ExportTaskStatus"));
  server = await startServer((req, res) => {
    if (req.url === "/renamed.json") res.writeHead(200, { "content-type": "application/json" }).end(renamed);
    else res.writeHead(404).end();
  });
});
afterAll(() => server.close());

describe("npm run spec:check with the compatibility check (child process)", () => {
  it("exits 1 on drift, and the compatibility section names the hand-written code the change breaks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ldsdk-summary-"));
    try {
      const summary = join(dir, "summary.md");
      const result = await specCheck(["--source", `${server.url}/renamed.json`, "--json"], {
        GITHUB_STEP_SUMMARY: summary,
      });
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.status).toBe("drift");
      // A rename with the same structure changes nothing on the wire: no breaking change, the name is listed.
      expect(report.counts.breaking).toBe(0);
      expect(report.diff.schemas).toMatchObject({
        removed: [],
        added: [],
        renamed: [{ from: "ExportStatusResponse", to: "ExportTaskStatus" }],
      });
      // src/types.ts aliases Schemas["ExportStatusResponse"]: renaming it upstream must show as a compiler error there.
      expect(report.compat.errors).toContainEqual(
        expect.stringMatching(/^src\/types\.ts\(\d+,\d+\): error TS\d+: .*ExportStatusResponse/),
      );
      const markdown = readFileSync(summary, "utf8");
      expect(markdown).toMatch(/^## Upstream spec drift: 0 breaking/);
      expect(markdown).toMatch(/Schemas renamed:.*`ExportStatusResponse` → `ExportTaskStatus`/);
      expect(markdown).toMatch(/SDK compatibility: ❌ \d+ compiler error/);
      expect(markdown).toMatch(/src\/types\.ts/);
      // "What to do" is the exact accept command, with the source this check was given.
      const accept = `npm run spec:accept -- --source ${server.url}/renamed.json`;
      expect(report.acceptCommand).toBe(accept);
      expect(markdown).toContain(`**What to do.** Accept the drift with \`${accept}\``);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
