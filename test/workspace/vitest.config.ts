import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:workspace`: the slow consumer check (pack + a throwaway npm workspace + 4 tsc runs),
// kept out of `npm test` (whose include is test/**/*.test.ts).
export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, "../.."),
    include: ["test/workspace/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
