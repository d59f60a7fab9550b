import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:slow`: tests that need real processes, real servers or large transfers to prove their point
// (many worker processes on Redis, a 256 MiB resumed download, ...). They are named `*.slow.test.ts`, live
// beside the area they test, and are kept out of `npm test` so the everyday suite stays under a minute.
// `.ci/run` runs them as a step of their own.
export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, "../.."),
    include: ["test/**/*.slow.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    execArgv: ["--expose-gc"],
  },
});
