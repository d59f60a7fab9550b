import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { pull } from "../../scripts/lib/pull.js";
import { SpecSourceError } from "../../scripts/lib/spec-source.js";
import { startServer, type TestServer } from "../support/http-server.js";
import { tempRoot } from "../support/temp-root.js";

const fixture = join(repoRoot, "test/fixtures/mini-spec.json");
let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => res.end("<html>maintenance</html>"));
});
afterAll(() => server.close());

describe("spec:pull", () => {
  it("writes the pin and a local copy from --source", async () => {
    const ctx = tempRoot(["--source", fixture]);
    try {
      const { pin, changed } = await pull(ctx);
      expect(changed).toBe(true);
      // The fixture is in this repo, the scratch root in the temp folder: no path a teammate could use (pin-source.test.ts).
      expect(pin).toMatchObject({ source: null, operations: 3, paths: 3, schemas: 3, infoVersion: "0.0.1" });
      const written = JSON.parse(readFileSync(join(ctx.root, "openapi/pin.json"), "utf8"));
      expect(written).toEqual(pin);
      expect(readFileSync(join(ctx.root, ctx.config.cacheFile), "utf8")).toBe(readFileSync(fixture, "utf8"));
      expect((await pull(ctx)).changed).toBe(false);
    } finally {
      ctx.dispose();
    }
  });

  it("takes the source from the env variable when no flag is given", async () => {
    const ctx = tempRoot([], { LOYALTYDOG_OPENAPI_SOURCE: fixture });
    try {
      expect((await pull(ctx)).spec.source).toBe(fixture);
    } finally {
      ctx.dispose();
    }
  });

  it("leaves an existing pin and local copy untouched when the source is bad", async () => {
    const good = tempRoot(["--source", fixture]);
    try {
      await pull(good);
      const pinBefore = readFileSync(join(good.root, "openapi/pin.json"), "utf8");
      const bad = { ...good, argv: ["--source", `${server.url}/openapi.json`] };
      await expect(pull(bad)).rejects.toBeInstanceOf(SpecSourceError);
      expect(readFileSync(join(good.root, "openapi/pin.json"), "utf8")).toBe(pinBefore);
      expect(readFileSync(join(good.root, good.config.cacheFile), "utf8")).toBe(readFileSync(fixture, "utf8"));
    } finally {
      good.dispose();
    }
  });

  it("exits non-zero with a one-line reason and writes nothing (script)", async () => {
    const ctx = tempRoot();
    try {
      const run = promisify(execFile)(
        process.execPath,
        ["--import", "tsx", join(repoRoot, "scripts/pull-spec.ts"), "--source", `${server.url}/x`],
        { cwd: repoRoot, env: { ...process.env, LOYALTYDOG_SDK_ROOT: ctx.root } },
      );
      const error = (await run.then(
        () => undefined,
        (e: unknown) => e,
      )) as { code: number; stderr: string };
      expect(error.code).toBe(1);
      expect(error.stderr.trim().split("\n")).toHaveLength(1);
      expect(error.stderr).toMatch(/^error: .*not valid JSON \(looks like an HTML page\)/);
      expect(existsSync(join(ctx.root, "openapi/pin.json"))).toBe(false);
    } finally {
      ctx.dispose();
    }
  });
});
