import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { casesDir, hasCases, loadCases } from "../../bench/lib/oasdiff-cases.js";
import { DEVIATIONS, RULES, SDK_PREFIX } from "../../scripts/lib/drift/rules.js";

// The rule table says which ids are oasdiff's. Checked against oasdiff's own table (`levels` of
// ../shared/drift-oasdiff/cases.json, read from checker/rules.go at the commit the README names): an id presented
// as oasdiff's exists there at the same level, or is a listed deviation with its reason in the README; an id the
// project adds is named `sdk-…` and is not one of oasdiff's.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("rule table: the project's own ids say so", () => {
  it("every id is oasdiff-shaped only when its origin is oasdiff or deviation; the rest start with sdk-", () => {
    for (const r of RULES.values()) {
      expect(r.id.startsWith(SDK_PREFIX), r.id).toBe(r.origin === "sdk");
    }
  });

  it("every deviation is listed in the README with its reason", () => {
    for (const [id, reason] of Object.entries(DEVIATIONS)) {
      expect(RULES.get(id)?.origin, id).toBe("deviation");
      expect(readme, `README lists the deviation ${id}`).toContain(`\`${id}\``);
      expect(reason.length, id).toBeGreaterThan(20);
    }
  });
});

describe.skipIf(!hasCases())(`rule table against oasdiff's levels (${casesDir})`, () => {
  const { levels } = hasCases() ? loadCases() : { levels: {} as Record<string, string> };

  it("every id presented as oasdiff's is in oasdiff's table, at oasdiff's level unless a listed deviation", () => {
    const wrong: string[] = [];
    for (const r of RULES.values()) {
      if (r.origin === "sdk") {
        if (levels[r.id] !== undefined) wrong.push(`${r.id}: marked as the project's own but is oasdiff's`);
        continue;
      }
      const theirs = levels[r.id];
      if (theirs === undefined) wrong.push(`${r.id}: not an oasdiff rule`);
      else if (r.origin === "oasdiff" && theirs !== r.level) wrong.push(`${r.id}: ${r.level}, oasdiff ${theirs}`);
      else if (r.origin === "deviation" && theirs === r.level) wrong.push(`${r.id}: a deviation at oasdiff's level`);
    }
    expect(wrong).toEqual([]);
  });
});
