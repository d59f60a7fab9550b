import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:accept`: the whole accept loop in a scratch copy of the repo (several spec:check and
// spec:accept runs, a type-check, lint, a unit-suite subset, Changesets). Minutes on a loaded 2-core
// machine, so kept out of `npm test` (whose include is test/**/*.test.ts); `.ci/run` runs it.
export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, "../.."),
    include: ["test/accept/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
