import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Keep runs deterministic on 2-core machines: generator and tsc tests are CPU-heavy.
    pool: "forks",
    // The download test measures live memory: it collects garbage before each sample.
    execArgv: ["--expose-gc"],
  },
});
