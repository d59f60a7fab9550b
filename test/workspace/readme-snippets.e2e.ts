// `npm run test:workspace`: the README is a promise. Every ```ts block in it must compile pasted into a fresh
// project with today's `npm install typescript` (whatever the registry's latest is, TypeScript 7 today, which loads
// @types/node only when `types` names it), against this package as packed, with the optional peers a reader of that
// section installs. Each block is its own module, so a snippet that leans on a name from another fails here.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { removeWorkspace } from "./throwaway-workspace.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let project = "";

/** The ```ts blocks of README.md, in order. */
function readmeSnippets(): string[] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "ldsdk-readme-"));
  await run(npm, ["pack", "--silent", "--pack-destination", project], { cwd: repoRoot, maxBuffer: 16 << 20 });
  const tarball = readdirSync(project).find((f) => f.endsWith(".tgz")) as string;
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "readme-reader", private: true, type: "module" }),
  );
  // The SDK, today's TypeScript, and what the README's sections tell a reader to install beside it.
  const peers = ["@types/node", "ioredis", "rate-limiter-flexible", "react", "@types/react", "@tanstack/react-query"];
  const testing = ["msw", "openapi-msw", "vitest"];
  await run(npm, ["install", "--no-audit", "--no-fund", `./${tarball}`, "typescript", ...peers, ...testing], {
    cwd: project,
    maxBuffer: 16 << 20,
  });
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "es2022",
        module: "nodenext",
        strict: true,
        noEmit: true,
        types: ["node"],
        jsx: "react-jsx",
        skipLibCheck: false,
      },
      include: ["*.ts", "*.tsx"],
    }),
  );
}, 300_000);
afterAll(() => removeWorkspace(project));

it("compiles every ts snippet of the README in a fresh project with today's typescript", async () => {
  const snippets = readmeSnippets();
  expect(snippets.length, "README.md has ts snippets").toBeGreaterThan(0);
  snippets.forEach((code, i) => {
    const ext = /<[A-Z][A-Za-z]*[\s/>]/.test(code) ? "tsx" : "ts";
    writeFileSync(join(project, `snippet-${i + 1}.${ext}`), `${code}\nexport {};\n`);
  });
  // A compiler that reports errors prints them on stdout; one that cannot run at all says why on stderr, or only
  // in the error: either is a failure, never an empty stdout.
  const result = await run(join(project, "node_modules/.bin/tsc"), ["-p", "."], { cwd: project }).then(
    () => ({ stdout: "" }),
    (error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout || error.stderr || String(error),
    }),
  );
  // snippet-N is the README's Nth ```ts block.
  expect(result.stdout).toBe("");
}, 180_000);
