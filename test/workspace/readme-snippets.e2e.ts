// `npm run test:workspace`: the README is a promise. Every ```ts block in it must compile pasted into a fresh
// project with today's TypeScript (TypeScript 7, which loads @types/node only when `types` names it), against this
// package as packed, with the optional peers a reader of that section installs, `skipLibCheck: false`. Each block is
// its own module, so a snippet that leans on a name from another fails here. Every version installed is exact
// (pinned-versions.ts): the same commit gives the same answer tomorrow, whatever the registry serves by then.
// The Redis section is checked with both ioredis majors, compiled and run: the limiter made as the README makes
// it shares through Redis from the first call.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { RedisServer, requireRedisInCi } from "../support/redis-server.js";
import { installSpecs, ioredisVersions, readerVersions } from "./pinned-versions.js";
import { removeWorkspace } from "./throwaway-workspace.js";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let project = "";

/** The ```ts blocks of README.md, in order. */
function readmeSnippets(): string[] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

/** `tsc -p .` in the project: its report, empty when everything compiles. */
async function typecheck(): Promise<string> {
  // A compiler that reports errors prints them on stdout; one that cannot run at all says why on stderr, or only
  // in the error: either is a failure, never an empty stdout.
  return run(join(project, "node_modules/.bin/tsc"), ["-p", "."], { cwd: project }).then(
    () => "",
    (error: { stdout?: string; stderr?: string }) => error.stdout || error.stderr || String(error),
  );
}

/** Puts one ioredis version in the project (npm keeps the rest as installed). */
async function useIoredis(version: string): Promise<void> {
  await run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", ...installSpecs({ ioredis: version })], {
    cwd: project,
    maxBuffer: 16 << 20,
  });
  const installed = JSON.parse(readFileSync(join(project, "node_modules/ioredis/package.json"), "utf8"));
  expect(installed.version).toBe(version);
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
  await run(
    npm,
    ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${tarball}`, ...installSpecs(readerVersions())],
    {
      cwd: project,
      maxBuffer: 16 << 20,
    },
  );
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
  readmeSnippets().forEach((code, i) => {
    const ext = /<[A-Z][A-Za-z]*[\s/>]/.test(code) ? "tsx" : "ts";
    writeFileSync(join(project, `snippet-${i + 1}.${ext}`), `${code}\nexport {};\n`);
  });
}, 300_000);
afterAll(() => removeWorkspace(project));

describe.each(ioredisVersions())("with ioredis %s", (ioredis) => {
  it("compiles every ts snippet of the README in a fresh project with today's typescript (skipLibCheck false)", async () => {
    expect(readmeSnippets().length, "README.md has ts snippets").toBeGreaterThan(0);
    await useIoredis(ioredis);
    // snippet-N is the README's Nth ```ts block.
    expect(await typecheck()).toBe("");
  }, 300_000);

  const hasRedis = requireRedisInCi();
  it.runIf(hasRedis)(
    "the Redis limiter made as the README makes it shares from the first call",
    async () => {
      await useIoredis(ioredis);
      const redis = await RedisServer.start();
      try {
        // The README's worker, pointed at a throwaway redis-server and the simulator instead of production.
        writeFileSync(
          join(project, "redis-worker.mjs"),
          `import { Redis } from "ioredis";
import { createLoyaltyDogClient } from "@loyaltydog/sdk";
import { createRedisRateLimiter } from "@loyaltydog/sdk/rate-limit-redis";
import { createLoyaltyDogSimulator, DEFAULT_SIMULATOR_TOKEN } from "@loyaltydog/sdk/testing";

const redis = new Redis({ port: ${redis.port}, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1_000 });
redis.on("error", () => {});
const modes = [];
const rateLimit = createRedisRateLimiter({ redis, workers: 8, onRateLimit: (s) => modes.push(s.mode) });
const sim = createLoyaltyDogSimulator();
const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, fetch: sim.fetch, rateLimit });
const statuses = [];
for (let i = 0; i < 3; i++) statuses.push((await client.GET("/v2/token")).response.status);
console.log(JSON.stringify({ modes, statuses, snapshot: rateLimit.snapshot()[0] }));
redis.disconnect();
`,
        );
        const { stdout } = await run(process.execPath, ["redis-worker.mjs"], { cwd: project, timeout: 60_000 });
        const report = JSON.parse(stdout.trim().split("\n").at(-1) as string);
        expect(report.statuses).toEqual([200, 200, 200]);
        expect(report.modes.length).toBeGreaterThan(0);
        expect([...new Set(report.modes)], stdout).toEqual(["shared"]);
        expect(report.snapshot.fallback).toBeUndefined();
      } finally {
        await redis.kill();
      }
    },
    120_000,
  );
});
