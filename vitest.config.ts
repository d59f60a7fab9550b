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
    // The download test measures live memory: it collects garbage before each sample.
    execArgv: ["--expose-gc"],
  },
});
