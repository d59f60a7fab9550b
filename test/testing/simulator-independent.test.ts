// Every answer of the simulated operations judged by Ajv against the pinned spec, on three seeds
// (test/support/simulator-judge.ts). The same over every operation of the spec, and over http:
// simulator-independent.slow.test.ts.
import { describe, it } from "vitest";
import { drive, expectConforming, merged, simulatorFor } from "../support/simulator-judge.js";

describe("simulator answers, judged by Ajv against the pinned spec", () => {
  it("seeds 1, 2, 3: declared statuses with valid bodies, or a listed departure", async () => {
    const outcomes = [];
    for (const seed of [1, 2, 3]) {
      const sim = simulatorFor(seed);
      outcomes.push(
        await drive((path, init) => sim.fetch(`${sim.baseUrl}${path}`, init), seed, "simulated operations"),
      );
    }
    expectConforming(merged(outcomes), "simulated operations", 3);
  });
});
