// Every operation of the pinned spec sent to the simulator (most answer 404: not simulated) and every answer
// judged by Ajv against the spec, on three seeds in process and once over http: about 3 000 calls, so slow.
import { afterAll, describe, expect, it } from "vitest";
import { type ListeningSimulator, SIMULATOR_DEPARTURES } from "../../src/testing/index.js";
import { drive, expectConforming, merged, simulatorFor } from "../support/simulator-judge.js";

describe("every simulator answer, for every operation, judged by Ajv against the pinned spec", () => {
  it("seeds 1, 2, 3, in process", async () => {
    const outcomes = [];
    for (const seed of [1, 2, 3]) {
      const sim = simulatorFor(seed);
      outcomes.push(await drive((path, init) => sim.fetch(`${sim.baseUrl}${path}`, init), seed, "every operation"));
    }
    const outcome = merged(outcomes);
    expectConforming(outcome, "every operation", 3);
    // Runs over every operation meet each listed answer departure: the list is not stale in practice.
    expect([...outcome.departures].map((d) => `${d.method} ${d.path} ${d.kind}`)).toEqual(
      expect.arrayContaining(
        SIMULATOR_DEPARTURES.filter((d) => d.kind !== "request").map((d) => `${d.method} ${d.path} ${d.kind}`),
      ),
    );
  });

  let listening: ListeningSimulator | undefined;
  afterAll(async () => listening?.close());

  it("over http on 127.0.0.1", async () => {
    const sim = simulatorFor(1);
    listening = await sim.listen();
    const { apiUrl } = listening;
    const outcome = await drive((path, init) => fetch(`${apiUrl}${path}`, init), 1, "every operation");
    expectConforming(outcome, "every operation");
  });
});
