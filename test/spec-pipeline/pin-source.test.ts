// What openapi/pin.json records as the spec's source: it is committed, so it must mean the same on a teammate's
// machine and in CI (a URL, or a path relative to the repository), never a path only one machine has.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { describe, expect, it } from "vitest";
import { acceptSpec } from "../../scripts/lib/accept.js";
import { repoRoot } from "../../scripts/lib/config.js";
import { readPin, recordedSource } from "../../scripts/lib/pin.js";
import { context } from "../../scripts/lib/pipeline.js";
import { pull } from "../../scripts/lib/pull.js";

const fixture = join(repoRoot, "test/fixtures/mini-spec.json");

describe("the source the pin records", () => {
  it("keeps a URL, less any credentials", () => {
    expect(recordedSource("https://docs.loyalty.dog/openapi.public.json", "/srv/x/repo")).toBe(
      "https://docs.loyalty.dog/openapi.public.json",
    );
    expect(recordedSource("https://ci:s3cret@specs.example/openapi.json?v=2", "/srv/x/repo")).toBe(
      "https://specs.example/openapi.json?v=2",
    );
  });

  it("records a file in or beside the repository relative to it, with / separators", () => {
    const root = "/srv/x/repo";
    expect(recordedSource("/srv/x/repo/specs/openapi.json", root)).toBe("specs/openapi.json");
    expect(recordedSource("/srv/x/shared/loyaltydog/openapi.public.json", root)).toBe(
      "../shared/loyaltydog/openapi.public.json",
    );
    // A worktree one level deeper still shares /srv with ../shared.
    expect(recordedSource("/srv/shared/openapi.json", "/srv/wt/feature")).toBe("../../shared/openapi.json");
    // A relative --source is relative to where the script runs (npm runs it in the package root).
    expect(recordedSource("../shared/openapi.json", root, root)).toBe("../shared/openapi.json");
    expect(recordedSource("openapi.json", root, "/srv/x/repo/specs")).toBe("specs/openapi.json");
  });

  it("records null, never an absolute path, for a file only this machine has", () => {
    const tmp = tmpdir();
    expect(recordedSource(join(tmp, "download", "openapi.json"), "/srv/x/repo")).toBeNull();
    // Two unrelated scratch folders share only the temp folder, also when the repository sits right in it.
    expect(recordedSource(join(tmp, "a", "openapi.json"), join(tmp, "b", "repo"))).toBeNull();
    expect(recordedSource(join(tmp, "a", "openapi.json"), join(tmp, "repo"))).toBeNull();
    expect(recordedSource(join(homedir(), "Downloads", "openapi.json"), join(homedir(), "src", "sdk"))).toBeNull();
    // A scratch copy with the spec beside it (test:accept) is the ../shared layout again.
    expect(recordedSource(join(tmp, "scratch", "next.json"), join(tmp, "scratch", "repo"))).toBe("../next.json");
  });

  it("is what spec:pull and spec:accept write, and the committed pin holds no machine's path", async () => {
    const parent = mkdtempSync(join(tmpdir(), "ldsdk-pin-"));
    try {
      const root = join(parent, "repo");
      mkdirSync(join(root, "openapi"), { recursive: true });
      cpSync(join(repoRoot, "openapi", "config.json"), join(root, "openapi", "config.json"));
      const shared = join(parent, "shared", "openapi.json");
      mkdirSync(join(parent, "shared"));
      cpSync(fixture, shared);
      await pull(context(["--source", shared], {}, root));
      expect(readPin(root)?.source).toBe("../shared/openapi.json");
      const far = mkdtempSync(join(tmpdir(), "ldsdk-far-"));
      try {
        cpSync(fixture, join(far, "openapi.json"));
        const result = await acceptSpec(context(["--source", join(far, "openapi.json")], {}, root), {
          compat: false,
        });
        expect(result).toMatchObject({ status: "in-sync", pin: { source: null } });
        expect(readFileSync(join(root, "openapi/pin.json"), "utf8")).not.toContain(far);
      } finally {
        rmSync(far, { recursive: true, force: true });
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }

    const committed = readPin(repoRoot)?.source;
    expect(committed, "openapi/pin.json records a source").toBeTruthy();
    expect(isAbsolute(committed as string), committed as string).toBe(false);
    expect(committed).not.toContain(tmpdir());
  });
});
