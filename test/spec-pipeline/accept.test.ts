// spec:accept on the repo's small fixture spec, in a scratch root: what it writes for each kind of drift,
// and what it refuses. The whole loop on the real spec and the real repo is test/accept/accept-loop.e2e.ts.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acceptSpec } from "../../scripts/lib/accept.js";
import { acceptCommand, loadConfig, repoRoot, shellQuote } from "../../scripts/lib/config.js";
import { context, writeGenerated } from "../../scripts/lib/pipeline.js";
import { pull } from "../../scripts/lib/pull.js";
import { bumpFor } from "../../scripts/lib/spec-changeset.js";
import { tempRoot } from "../support/temp-root.js";

// biome-ignore lint/suspicious/noExplicitAny: tests mutate the fixture spec freely
type Json = Record<string, any>;
const fixture = (): Json => JSON.parse(readFileSync(join(repoRoot, "test/fixtures/mini-spec.json"), "utf8"));

/** A scratch root pinned to the fixture, with generated/ (and so the drift baseline) and a package.json. */
async function pinnedRoot(version: string) {
  const ctx = tempRoot(["--source", join(repoRoot, "test/fixtures/mini-spec.json")]);
  writeFileSync(join(ctx.root, "package.json"), JSON.stringify({ name: "@loyaltydog/sdk", version }));
  const { spec } = await pull(ctx);
  await writeGenerated(ctx, spec);
  const write = (name: string, doc: unknown) => {
    const path = join(ctx.root, name);
    writeFileSync(path, JSON.stringify(doc));
    return path;
  };
  const accept = (source: string) => acceptSpec(context(["--source", source], {}, ctx.root), { compat: false });
  const changesets = () => readdirSync(join(ctx.root, ".changeset")).filter((f) => f.endsWith(".md"));
  return { ...ctx, write, accept, changesets };
}

describe("spec:accept", () => {
  it("accepts an added operation and optional parameter as a minor changeset naming them", async () => {
    const root = await pinnedRoot("0.4.0");
    try {
      const doc = fixture();
      doc.info.version = "0.0.2";
      doc.paths["/v2/things/{thingId}"].get.parameters.push({
        name: "expand",
        in: "query",
        schema: { type: "string" },
      });
      doc.paths["/v2/widgets"] = {
        get: { operationId: "list_widgets", responses: { "200": { description: "ok" } } },
      };
      const source = root.write("next.json", doc);
      const result = await root.accept(source);
      expect(result.status).toBe("accepted");
      if (result.status !== "accepted") return;
      expect(result.changeset).toMatchObject({ bump: "minor", level: "non-breaking" });
      // The source sits in the scratch repository: the pin records it relative to it.
      expect(result.pin).toMatchObject({ source: "next.json", infoVersion: "0.0.2", operations: 4 });
      const text = readFileSync(join(root.root, result.changeset.file), "utf8");
      expect(text).toMatch(/^---\n"@loyaltydog\/sdk": minor\n---\n\nUpstream OpenAPI spec 0\.0\.1 → 0\.0\.2: /);
      expect(text).toContain("- Operations added (1): `GET /v2/widgets` (`list_widgets`)");
      expect(text).toContain("- Operations changed (1): `GET /v2/things/{thingId}` (`get_thing`)");
      expect(text).not.toMatch(/Breaking changes|Compile errors/);
      expect(readFileSync(join(root.root, "generated/operations.ts"), "utf8")).toContain('"list_widgets"');

      // Accepting the same spec again is in sync: generated/ refreshed, no second changeset.
      expect((await root.accept(source)).status).toBe("in-sync");
      expect(root.changesets()).toEqual([result.changeset.file.replace(".changeset/", "")]);
    } finally {
      root.dispose();
    }
  });

  it("a removed response field is breaking: major from 1.0, minor while 0.x, and listed", async () => {
    for (const [version, bump] of [
      ["1.3.0", "major"],
      ["0.4.0", "minor"],
    ] as const) {
      const root = await pinnedRoot(version);
      try {
        const doc = fixture();
        delete doc.components.schemas.Thing.properties.name;
        doc.components.schemas.Thing.required = ["id"];
        const result = await root.accept(root.write("next.json", doc));
        if (result.status !== "accepted") throw new Error(`expected accepted, got ${result.status}`);
        expect(result.changeset).toMatchObject({ bump, level: "breaking" });
        const text = readFileSync(join(root.root, result.changeset.file), "utf8");
        expect(text).toContain(`"@loyaltydog/sdk": ${bump}\n`);
        expect(text).toMatch(/\(\*\*breaking\*\*\)/);
        expect(text).toMatch(/- Breaking changes \(\d+\):\n {2}- `.*Thing.*`.*name/);
      } finally {
        root.dispose();
      }
    }
  });

  it("a prose-only change is a patch", async () => {
    const root = await pinnedRoot("0.4.0");
    try {
      const doc = fixture();
      doc.paths["/v2/themes"].put.summary = "Replace the theme";
      const result = await root.accept(root.write("next.json", doc));
      expect(result.status === "accepted" && result.changeset).toMatchObject({ bump: "patch", level: "docs-only" });
    } finally {
      root.dispose();
    }
  });

  it("writes nothing when the source cannot be read, and pins a first spec without a changeset", async () => {
    const root = await pinnedRoot("0.4.0");
    try {
      const pinBefore = readFileSync(join(root.root, "openapi/pin.json"), "utf8");
      const result = await root.accept(root.write("broken.json", { openapi: "3.1.0" }));
      expect(result).toMatchObject({ status: "unchecked", reason: expect.stringMatching(/not-openapi/) });
      expect(readFileSync(join(root.root, "openapi/pin.json"), "utf8")).toBe(pinBefore);
      expect(existsSync(join(root.root, ".changeset"))).toBe(false);
    } finally {
      root.dispose();
    }
    const fresh = tempRoot();
    try {
      const result = await acceptSpec(
        context(["--source", join(repoRoot, "test/fixtures/mini-spec.json")], {}, fresh.root),
        { compat: false },
      );
      expect(result).toMatchObject({ status: "first-pin", pin: { operations: 3 } });
      expect(existsSync(join(fresh.root, ".changeset"))).toBe(false);
    } finally {
      fresh.dispose();
    }
  });
});

describe("the accept command spec:check prints", () => {
  const config = loadConfig(repoRoot);
  it("repeats the source the check used: flag, then env, else none", () => {
    expect(acceptCommand([], {}, config)).toBe("npm run spec:accept");
    expect(acceptCommand(["--source", "copy.json"], {}, config)).toBe("npm run spec:accept -- --source copy.json");
    expect(acceptCommand(["--source=https://x.test/s.json"], { [config.sourceEnv]: "env.json" }, config)).toBe(
      "npm run spec:accept -- --source https://x.test/s.json",
    );
    expect(acceptCommand([], { [config.sourceEnv]: "/specs/env.json" }, config)).toBe(
      "npm run spec:accept -- --source /specs/env.json",
    );
  });

  it("quotes a source the shell would split or expand", () => {
    expect(shellQuote("/tmp/my spec.json")).toBe("'/tmp/my spec.json'");
    expect(shellQuote("it's$HOME.json")).toBe("'it'\\''s$HOME.json'");
  });
});

describe("bumpFor", () => {
  it.each([
    ["breaking", "2.1.0", "major"],
    ["breaking", "0.9.3", "minor"],
    ["non-breaking", "2.1.0", "minor"],
    ["non-breaking", "0.9.3", "minor"],
    ["docs-only", "0.9.3", "patch"],
  ] as const)("%s at %s is a %s", (level, version, bump) => {
    expect(bumpFor(level, version)).toBe(bump);
  });

  it("refuses a version that is not semver", () => {
    expect(() => bumpFor("breaking", "next")).toThrow(/not semver/);
  });
});
