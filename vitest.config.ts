import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // `*.slow.test.ts` run under `npm run test:slow` (test/slow/vitest.config.ts), a `.ci/run` step of its own.
    exclude: ["**/node_modules/**", "test/**/*.slow.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Keep runs deterministic on 2-core machines: generator and tsc tests are CPU-heavy.
    pool: "forks",
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine, idle while the
    // child processes many tests start (tsx scripts, the CLI, the demo) do the work. Two keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism()),
    // One module graph per worker, not per file: re-importing vitest, msw and the client for each of ~60 files was
    // the largest cost of a run. The tests keep no state between files (servers close in afterAll, no module mocks).
    isolate: false,
    // The download test measures live memory: it collects garbage before each sample.
    execArgv: ["--expose-gc"],
  },
});
