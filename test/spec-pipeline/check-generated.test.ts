// generate:check judges generated/ against the pin. The spec it regenerates from is the local copy in
// .spec-cache/ (else the pin's own source); when that copy is not the pinned spec, which is what a
// `git checkout openapi generated` after a local accept leaves, it fails with the exact command that fixes it.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import type { SpecPin } from "../../scripts/lib/pin.js";
import {
  context,
  loadSpecForGeneration,
  refetchAdvice,
  requirePinMatch,
  writeGenerated,
} from "../../scripts/lib/pipeline.js";
import { pull } from "../../scripts/lib/pull.js";
import { pipelineScript } from "../support/pipeline-script.js";

const fixture = join(repoRoot, "test/fixtures/mini-spec.json");

/** parent/repo pinned to parent/shared/openapi.json (recorded as ../shared/openapi.json), generated/ written. */
async function layout() {
  const parent = mkdtempSync(join(tmpdir(), "ldsdk-check-"));
  const root = join(parent, "repo");
  mkdirSync(join(root, "openapi"), { recursive: true });
  cpSync(join(repoRoot, "openapi", "config.json"), join(root, "openapi", "config.json"));
  mkdirSync(join(parent, "shared"));
  const shared = join(parent, "shared", "openapi.json");
  cpSync(fixture, shared);
  const ctx = context([], {}, root);
  const { spec } = await pull(context(["--source", shared], {}, root));
  await writeGenerated(ctx, spec);
  const next = JSON.parse(JSON.stringify(spec.doc));
  next.info.version = "0.0.2";
  next.paths["/v2/widgets"] = { get: { operationId: "list_widgets", responses: { "200": { description: "ok" } } } };
  return {
    parent,
    root,
    ctx,
    shared,
    nextText: JSON.stringify(next),
    dispose: () => rmSync(parent, { recursive: true, force: true }),
  };
}

describe("generate:check against the pin", () => {
  it("names the exact spec:pull command when .spec-cache/ holds another spec, and that command fixes it", async () => {
    const repo = await layout();
    try {
      symlinkSync(join(repoRoot, "node_modules"), join(repo.root, "node_modules"), "dir");
      // A local accept of 0.0.2, then `git checkout openapi generated`: the cache keeps 0.0.2, the pin says 0.0.1.
      writeFileSync(join(repo.root, ".spec-cache", "openapi.json"), repo.nextText);
      const stale = await pipelineScript("check-generated.ts", repo.root, [], repo.root);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toMatch(
        /^error: the local copy \.spec-cache\/openapi\.json holds canonical sha256 [0-9a-f]{12}…, version 0\.0\.2, but openapi\/pin\.json pins [0-9a-f]{12}…, version 0\.0\.1 /,
      );
      const command = /`(npm run spec:pull -- --source [^`]+)`/.exec(stale.stderr)?.[1];
      expect(command).toBe("npm run spec:pull -- --source ../shared/openapi.json");
      expect(stale.stderr).not.toMatch(/spec:accept/);

      // The command, as npm would run it (in the repository root).
      const args = (command as string).split(" -- ")[1]?.split(" ") ?? [];
      const pulled = await pipelineScript("pull-spec.ts", repo.root, args, repo.root);
      expect(pulled.code, pulled.stderr).toBe(0);
      const spec = await loadSpecForGeneration(repo.ctx);
      expect(spec.source).toBe(join(repo.root, ".spec-cache", "openapi.json"));
      await expect(requirePinMatch(repo.ctx, spec)).resolves.toMatchObject({ infoVersion: "0.0.1" });
    } finally {
      repo.dispose();
    }
  }, 60_000);

  it("reads the pin's own source when there is no local copy, and says when that file is missing or moved on", async () => {
    const repo = await layout();
    try {
      rmSync(join(repo.root, ".spec-cache"), { recursive: true });
      const spec = await loadSpecForGeneration(repo.ctx);
      expect(spec.source).toBe(repo.shared);
      await expect(requirePinMatch(repo.ctx, spec)).resolves.toMatchObject({ source: "../shared/openapi.json" });

      rmSync(repo.shared);
      await expect(loadSpecForGeneration(repo.ctx)).rejects.toThrow(
        /^no local copy of the spec \(\.spec-cache\/openapi\.json\), and the pin's source \.\.\/shared\/openapi\.json is not readable here \(unreachable\): pass --source or set LOYALTYDOG_OPENAPI_SOURCE/,
      );

      writeFileSync(repo.shared, repo.nextText);
      const moved = await loadSpecForGeneration(repo.ctx);
      await expect(requirePinMatch(repo.ctx, moved)).rejects.toThrow(
        /^the pin's source .*shared\/openapi\.json holds canonical sha256 .* the pin's source \.\.\/shared\/openapi\.json holds another spec now \([0-9a-f]{12}…\): get a copy of the pinned spec and run `npm run spec:pull -- --source <that file>`$/,
      );
    } finally {
      repo.dispose();
    }
  });

  it("a source the caller names that is not the pinned one is upstream drift: check, then accept", async () => {
    const repo = await layout();
    try {
      const next = join(repo.parent, "next.json");
      writeFileSync(next, repo.nextText);
      const ctx = context(["--source", next], {}, repo.root);
      await expect(requirePinMatch(ctx, await loadSpecForGeneration(ctx))).rejects.toThrow(
        /is not the pinned one .*`npm run spec:check`.*`npm run spec:accept`/,
      );
    } finally {
      repo.dispose();
    }
  });

  it("advises a URL with its caveat, and a pin with no shared source honestly", async () => {
    const ctx = context([], {}, repoRoot);
    const pin = { source: "https://docs.loyalty.dog/openapi.public.json" } as SpecPin;
    expect(await refetchAdvice(ctx, pin)).toMatch(
      /^run `npm run spec:pull -- --source https:\/\/docs\.loyalty\.dog\/openapi\.public\.json` to fetch it again \(if that URL serves a newer version/,
    );
    expect(await refetchAdvice(ctx, { ...pin, source: null })).toBe(
      "openapi/pin.json names no source anyone else can read: get a copy of the pinned spec and run `npm run spec:pull -- --source <that file>`",
    );
  });
});
