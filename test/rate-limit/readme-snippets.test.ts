// The "Rate limits" snippets of README.md must compile: each is written, with the package imports pointed at the
// sources, into a scratch file beside this test and type-checked with the project's own compiler options.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../support/run-child.js";

const IMPORTS: Record<string, string> = {
  "@loyaltydog/sdk": "../../../src/index.js",
  "@loyaltydog/sdk/rate-limit": "../../../src/rate-limit.js",
  "@loyaltydog/sdk/rate-limit-redis": "../../../src/rate-limit-redis.js",
};

it("every snippet of the README's rate-limit section type-checks", () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Rate limits"), readme.indexOf("## Background tasks"));
  const snippets = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
  expect(snippets).toHaveLength(2);
  const dir = mkdtempSync(join(REPO_ROOT, "test/rate-limit/.readme-"));
  try {
    const files = snippets.map((snippet, index) => {
      const file = join(dir, `snippet-${index}.ts`);
      const source = snippet.replace(/from "(@loyaltydog\/sdk[^"]*)"/g, (_, name: string) => `from "${IMPORTS[name]}"`);
      writeFileSync(file, `${source}\nexport {};\n`);
      return file;
    });
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../../tsconfig.json", include: files.map((file) => file.slice(dir.length + 1)) }),
    );
    execFileSync(join(REPO_ROOT, "node_modules/.bin/tsgo"), ["-p", join(dir, "tsconfig.json"), "--noEmit"], {
      encoding: "utf8",
    });
  } catch (error) {
    throw new Error(`README snippet does not compile:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
