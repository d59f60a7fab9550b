import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, SpecSourceError } from "../../scripts/lib/spec-source.js";
import { startServer, type TestServer } from "../support/http-server.js";

const mini = readFileSync(new URL("../fixtures/mini-spec.json", import.meta.url), "utf8");
const opts = { timeoutMs: 2_000, maxBytes: 100_000 };

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    switch (req.url) {
      case "/ok":
        res.setHeader("content-type", "application/json");
        return res.end(mini);
      case "/html":
        res.setHeader("content-type", "text/html");
        return res.end("<!doctype html><html><title>502 Bad Gateway</title></html>");
      case "/truncated":
        return res.end(mini.slice(0, 200));
      case "/swagger2":
        return res.end(JSON.stringify({ swagger: "2.0", paths: {} }));
      case "/no-paths":
        return res.end(JSON.stringify({ openapi: "3.1.0", info: {} }));
      case "/500":
        res.statusCode = 500;
        return res.end("oops");
      case "/huge":
        res.setHeader("content-type", "application/json");
        return res.end(`{"openapi":"3.1.0","x":"${"a".repeat(200_000)}"}`);
      case "/huge-chunked": {
        // No content-length: the cap must hold while streaming.
        res.setHeader("content-type", "application/json");
        res.write('{"openapi":"3.1.0","x":"');
        for (let i = 0; i < 50; i++) res.write("a".repeat(10_000));
        return res.end('"}');
      }
      case "/hang":
        return; // never answers: the fetch timeout has to fire
      default:
        res.statusCode = 404;
        res.end();
    }
  });
});
afterAll(() => server.close());

async function failure(source: string, options = opts): Promise<SpecSourceError> {
  const error = await loadSpec(source, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpecSourceError);
  return error as SpecSourceError;
}

describe("loadSpec", () => {
  it("loads and fingerprints a valid spec over HTTP", async () => {
    const spec = await loadSpec(`${server.url}/ok`, opts);
    expect(spec.doc.info.title).toBe("Mini");
    expect(spec.bytes).toBe(Buffer.byteLength(mini));
    expect(spec.canonicalSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("loads a local file and gives the same canonical hash as over HTTP", async () => {
    const fromFile = await loadSpec("test/fixtures/mini-spec.json", opts);
    const fromHttp = await loadSpec(`${server.url}/ok`, opts);
    expect(fromFile.canonicalSha256).toBe(fromHttp.canonicalSha256);
  });

  it.each([
    ["/html", "not-json", /HTML page/],
    ["/truncated", "not-json", /not valid JSON/],
    ["/swagger2", "not-openapi", /not an OpenAPI 3/],
    ["/no-paths", "not-openapi", /no paths/],
    ["/500", "http-status", /HTTP 500/],
    ["/huge", "too-large", /cap/],
    ["/huge-chunked", "too-large", /cap/],
  ])("refuses %s as %s", async (path, kind, message) => {
    const error = await failure(`${server.url}${path}`);
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it("times out a server that never answers", async () => {
    const error = await failure(`${server.url}/hang`, { ...opts, timeoutMs: 150 });
    expect(error.kind).toBe("timeout");
  });

  it("reports an unreachable host and a missing file", async () => {
    const closed = await startServer(() => {});
    await closed.close();
    expect((await failure(closed.url)).kind).toBe("unreachable");
    expect((await failure("test/fixtures/does-not-exist.json")).kind).toBe("unreachable");
  });
});
