/**
 * Every benchmark, in the order `npm run bench` runs them: the one list, read by bench/run-all.ts and by the
 * smoke test (test/bench/benches-run.slow.test.ts), so a new bench cannot be run by one and forgotten by the other.
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
] as const;

export type BenchName = (typeof BENCHES)[number];
