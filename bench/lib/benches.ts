/**
 * Every benchmark, in the order `npm run bench` runs them: the one list, read by bench/run-all.ts and by the
 * smoke test (test/bench/benches-run.slow.test.ts), so a new bench cannot be run by one and forgotten by the other.
 * The smoke test runs all but SLOW_BENCHES (below), whose quick run alone takes minutes.
 */
export const BENCHES = [
  "request-overhead",
  "concurrency",
  "typecheck",
  "generation",
  "polling",
  "download",
  "size",
  "runtime-size",
  "drift",
  "soak",
  "validation-libraries",
  "peers",
] as const;

export type BenchName = (typeof BENCHES)[number];

/**
 * Benches whose --quick run still takes minutes (`peers` generates three peer clients from the spec and
 * type-checks them): `npm run bench` runs them, the smoke test (a `.ci/run` step) leaves them out.
 */
export const SLOW_BENCHES: readonly BenchName[] = ["peers"];
