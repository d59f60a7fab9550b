/**
 * Every benchmark, in the order `npm run bench` runs them: the one list, read by bench/run-all.ts and by the
 * smoke test (test/bench/benches-run.test.ts), so a new bench cannot be run by one and forgotten by the other.
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
] as const;

export type BenchName = (typeof BENCHES)[number];

/**
 * Benches whose `--quick` run still costs too much for `npm test`'s one-minute budget, and why. The smoke test
 * skips only these; `npm run bench` runs them all.
 */
export const NOT_SMOKE_TESTED: Readonly<Partial<Record<BenchName, string>>> = {
  drift: "its --quick run still diffs real spec histories: about 25 s of CPU, over 90 s on a loaded machine",
};
