import { defineConfig } from "vitest/config";

// `npm run test:runtimes`: the runtime matrix, apart from `npm test` (it needs dist/ and the toolchain
// that test/runtimes/install.sh installs). One file, run in order: the runtimes share the 2 cores badly.
export default defineConfig({
  test: {
    include: ["test/runtimes/**/*.runtime.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
    globalSetup: ["test/runtimes/harness/summary.ts"],
  },
});
