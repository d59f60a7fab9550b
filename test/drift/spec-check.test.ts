import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/http-server.js";
import { specCheck } from "./spec-check-run.js";
import { reverseKeys, upstreamSpec, upstreamSpecText } from "./upstream-spec.js";

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

// Child processes start tsx: allow for a loaded 2-core CI machine. The drift run with the compatibility check (a
// type-check of a scratch copy of the project) is in spec-check-compat.slow.test.ts, under `npm run test:slow`.
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
    expect(report.diff.changes[0]).toMatchObject({ rule: "sdk-info-changed", class: "docs-only" });
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

  it("exits 2 and says which flag is wrong for a policy flag it cannot use", async () => {
    const result = await specCheck(["--source", `${server.url}/extension.json`, "--json", "--stability-level", "gold"]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: "error",
      reason: expect.stringMatching(/--stability-level/),
    });
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
});
