import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { renameSchema, reverseKeys, upstreamSpec, upstreamSpecText } from "./upstream-spec.js";

const run = promisify(execFile);

/** Runs `npm run spec:check` against the repo itself (it writes nothing there) and returns the exit code. */
async function specCheck(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/spec-check.ts"), ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOYALTYDOG_OPENAPI_SOURCE: "", GITHUB_STEP_SUMMARY: "", ...env },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

const renamed = JSON.stringify(renameSchema(upstreamSpec(), "ExportStatusResponse", "ExportTaskStatus"));

/** The pinned spec with every set (required, enum, parameters, tags) in reverse order: the same API. */
function resorted(): string {
  const flip = (node: unknown, key = ""): unknown => {
    if (Array.isArray(node)) {
      const items = node.map((v) => flip(v));
      return ["required", "enum", "parameters", "tags"].includes(key) ? items.reverse() : items;
    }
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "example" ? v : flip(v, k)]));
  };
  return JSON.stringify(flip(upstreamSpec()));
}

// biome-ignore lint/suspicious/noExplicitAny: the mutations reach deep into the untyped spec.
type Json = Record<string, any>;

function withSchemas(extra: Json, mutate: (doc: Json) => void = () => {}): string {
  const doc = upstreamSpec() as Json;
  Object.assign(doc.components.schemas, extra);
  mutate(doc);
  return JSON.stringify(doc);
}
let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const bodies: Record<string, string> = {
      "/spec.json": upstreamSpecText,
      "/reordered.json": JSON.stringify(reverseKeys(upstreamSpec()), null, 4),
      "/renamed.json": renamed,
      "/resorted.json": resorted(),
      "/extension.json": withSchemas({}, (d) => {
        d.info["x-commit"] = "0123abc";
      }),
      "/loop.json": withSchemas({
        LoopA: { $ref: "#/components/schemas/LoopB" },
        LoopB: { $ref: "#/components/schemas/LoopA" },
      }),
      "/self-param.json": withSchemas({}, (d) => {
        d.components.parameters = { ...d.components.parameters, Self: { $ref: "#/components/parameters/Self" } };
      }),
      "/truncated.json": upstreamSpecText.slice(0, 100_000),
      "/maintenance": "<!doctype html><html><body>Down for maintenance</body></html>",
    };
    if (req.url === "/error") {
      res.writeHead(500).end("boom");
      return;
    }
    const body = bodies[req.url ?? ""];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
});
afterAll(() => server.close());

// Child processes start tsx: allow for a loaded 2-core CI machine.
describe("npm run spec:check (child process)", { timeout: 60_000 }, () => {
  it("exits 0 for the pinned spec (whichever openapi/pin.json names), and for a re-serialised copy with keys in another order", async () => {
    const same = await specCheck(["--source", `${server.url}/spec.json`]);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/in sync/);
    expect((await specCheck(["--source", `${server.url}/reordered.json`])).code).toBe(0);
    // Sets in another order (required, enum, parameters, tags) are the same spec: in sync, not an empty drift.
    const sets = await specCheck(["--source", `${server.url}/resorted.json`, "--json"]);
    expect(JSON.parse(sets.stdout).status).toBe("in-sync");
    expect(sets.code).toBe(0);
  });

  it("reports an extension-only change as drift that is docs-only", async () => {
    const result = await specCheck(["--source", `${server.url}/extension.json`, "--json", "--no-compat"]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.counts).toEqual({ breaking: 0, "non-breaking": 0, "docs-only": 1 });
    expect(report.diff.changes[0]).toMatchObject({ rule: "info-changed", class: "docs-only" });
  });

  it.each([
    ["a $ref loop A → B → A", "/loop.json", /\$ref cycle: .*Loop(A|B) → .*Loop(A|B)/, ["--no-compat"]],
    [
      "a parameter that is a $ref to itself",
      "/self-param.json",
      /\$ref cycle: #\/components\/parameters\/Self/,
      ["--no-compat"],
    ],
    // The compat check starts before the upstream surface is built: here it is cancelled, and the answer is the same.
    ["a $ref loop, with the compat check", "/loop.json", /\$ref cycle: .*Loop(A|B) → .*Loop(A|B)/, []],
  ])("exits 2 with one JSON object on stdout for %s", async (_name, path, reason, flags) => {
    const result = await specCheck(["--source", `${server.url}${path}`, "--json", ...flags]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "error", reason: expect.stringMatching(reason) });
  });

  it.each([
    ["an unreachable host", "http://127.0.0.1:1/spec.json", /unreachable/],
    ["HTTP 500", "/error", /http-status: .*HTTP 500/],
    ["an HTML page", "/maintenance", /not-json: .*HTML page/],
    ["truncated JSON", "/truncated.json", /not-json/],
  ])("exits 2, never drift or in sync, for %s", async (_name, source, reason) => {
    const result = await specCheck(["--source", source.startsWith("/") ? `${server.url}${source}` : source, "--json"]);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.status).toBe("unchecked");
    expect(report.reason).toMatch(reason);
  });

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
