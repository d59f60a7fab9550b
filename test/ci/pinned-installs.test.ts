// Gating checks install pinned versions only (the lockfile, or exact versions): the same commit gives the same
// result tomorrow. This greps every file a gating check runs (.ci/run, the gating workflows, package.json's
// scripts, test/ and scripts/) for `@latest`, unpinned installs and downloading `npx` (unpinned-installs.ts says
// what counts). What the registry serves now is the non-gating `npm run check:latest` (scripts/check-latest.ts,
// .github/workflows/latest.yml), left out here on purpose, as are this test and its scanner (they hold samples).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { findUnpinned, lockfileBins } from "./unpinned-installs.js";

const NOT_GATING = new Set([
  "scripts/check-latest.ts",
  ".github/workflows/latest.yml",
  "test/ci/pinned-installs.test.ts",
  "test/ci/unpinned-installs.ts",
]);
const bins = lockfileBins(JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")));

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)))
    .filter((file) => !/(^|\/)(node_modules|\.tmp|fixtures)\//.test(file));
}

function gatingFiles(): string[] {
  return [
    ".ci/run",
    ...filesUnder(".github/workflows", /\.ya?ml$/),
    ...filesUnder("test", /\.(?:[cm]?[jt]s|sh)$/),
    ...filesUnder("scripts", /\.(?:[cm]?[jt]s|sh)$/),
    // test:slow runs the benches' --quick smoke runs, so what they install gates too.
    ...filesUnder("bench", /\.(?:[cm]?[jt]s|sh)$/),
  ].filter((file) => !NOT_GATING.has(file));
}

describe("gating checks install pinned versions only", () => {
  it("reads .ci/run, the workflows, test/ and scripts/", () => {
    const files = gatingFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        ".ci/run",
        ".github/workflows/ci.yml",
        "test/workspace/readme-snippets.e2e.ts",
        "test/workspace/source-package.e2e.ts",
        "test/runtimes/install.sh",
      ]),
    );
    expect([...bins]).toEqual(expect.arrayContaining(["vitest", "tsgo", "tsc", "changeset", "biome"]));
  });

  it("no file a gating check runs resolves an unpinned version", () => {
    const findings = gatingFiles().flatMap((file) =>
      findUnpinned(file, readFileSync(join(repoRoot, file), "utf8"), bins),
    );
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.why}\n    ${f.text}`)).toEqual([]);
  });

  it("nor do package.json's scripts, but the latest check", () => {
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const findings = Object.entries(scripts)
      .filter(([name]) => name !== "check:latest")
      .flatMap(([name, command]) => findUnpinned(`package.json#${name}`, command, bins));
    expect(findings).toEqual([]);
  });

  it.each([
    ["sample.sh", "npm install typescript", "typescript is not an exact version"],
    ["sample.sh", "  npm i -D ioredis@^6 @types/node@20.19.43", "ioredis@^6 is not an exact version"],
    ["sample.sh", "cd x && npm add react@latest", "dist-tag t@latest"],
    ["sample.yml", "      - run: pnpm add msw", "msw is not an exact version"],
    [
      "sample.sh",
      "npx some-downloaded-tool --flag",
      "npx some-downloaded-tool: not a bin of the lockfile's packages (npx would download it)",
    ],
    ["sample.ts", 'await sh("npm install typescript");', "typescript is not an exact version"],
    [
      "sample.ts",
      'await run(npm, ["install", "--no-audit", "typescript"], { cwd });',
      "typescript is not an exact version",
    ],
    [
      "sample.ts",
      'await run("npm", [\n  "install",\n  "./sdk.tgz",\n  ...peers,\n]);',
      "...peers: not a literal nor installSpecs(…)",
    ],
    [
      "sample.ts",
      'run("npx", ["cowsay", "hi"])',
      "npx cowsay: not a bin of the lockfile's packages (npx would download it)",
    ],
    [
      "sample.ts",
      'run("npx", ["--yes", "cowsay", "hi"])',
      "npx cowsay: not a bin of the lockfile's packages (npx would download it)",
    ],
    ["sample.ts", 'const peers = ["typescript@latest"];', "dist-tag t@latest"],
  ])("finds in %s: %j", (file, sample, why) => {
    expect(findUnpinned(file, sample, bins).map((f) => f.why)).toContain(why);
  });

  it.each([
    ["sample.sh", "npm ci --no-audit --no-fund"],
    ["sample.sh", "npm install --no-audit --no-fund --prefer-offline"],
    ["sample.sh", "npm install ./loyaltydog-sdk-0.1.0.tgz typescript@7.0.2 @types/redis-errors@1.2.3"],
    ["sample.sh", "npx vitest run --config test/runtimes/vitest.config.ts"],
    ["sample.sh", "# a comment may say npm install typescript@latest"],
    ["sample.ts", 'await run(npm, ["install", "--no-audit", "./sdk.tgz", ...installSpecs(readerVersions())]);'],
    ["sample.ts", 'await sh("npx tsgo -p tsconfig.json --noEmit");'],
    ["sample.ts", 'run("npx", ["--no-install", "vitest", "--version"])'],
    ["sample.ts", 'it("npm install builds it", () => console.info("npm install in the workspace"));'],
  ])("lets %s pass: %j", (file, sample) => {
    expect(findUnpinned(file, sample, bins)).toEqual([]);
  });
});
