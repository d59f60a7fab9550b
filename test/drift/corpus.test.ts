import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { corpusDir, runCorpus } from "../../bench/lib/drift-corpus.js";

// Opt-in (LOYALTYDOG_DRIFT_CORPUS=1): 15 pairs of 1.7–3.3 MB specs take minutes. `npm run bench -- drift` runs it too.
const enabled = process.env.LOYALTYDOG_DRIFT_CORPUS === "1" && existsSync(corpusDir);

describe.skipIf(!enabled)("spec:check on real consecutive spec versions (../shared/drift-corpus)", () => {
  it("agrees with the verdict at oasdiff's levels on every pair", { timeout: 1_800_000 }, async () => {
    const outcomes = await runCorpus();
    expect(outcomes.length).toBeGreaterThan(0);
    const disagreements = outcomes
      .filter((o) => !o.agrees)
      .map(
        (o) =>
          `${o.pair.source} ${o.pair.old}→${o.pair.new}: ${o.status}, ${o.breaking} breaking; README: ${o.pair.verdict}`,
      );
    expect(disagreements).toEqual([]);
  });
});
