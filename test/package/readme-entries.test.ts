import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";

// The README lists the package's entries twice (the client section, the monorepo section); both lists are the
// exports map, so an entry added to package.json and not to the README fails here.
const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
};
const exported = Object.keys(manifest.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => (key === "." ? "@loyaltydog/sdk" : `/${key.slice(2)}`))
  .sort();

/** The `code` spans of the paragraph (or sentence) that starts with `start`, as entry names. */
function entriesIn(start: string, end: string): string[] {
  const from = readme.indexOf(start);
  expect(from, `README has "${start}"`).toBeGreaterThanOrEqual(0);
  const text = readme.slice(from, readme.indexOf(end, from));
  const spans = [...text.matchAll(/`(@loyaltydog\/sdk(?:\/[\w-]+)?|\/[\w-]+)`/g)].map((m) => m[1] as string);
  return [...new Set(spans.map((span) => span.replace(/^@loyaltydog\/sdk(?=\/)/, "")))].sort();
}

it("the monorepo section's entry list is the exports map", () => {
  expect(entriesIn("The entries (", ") point at")).toEqual(exported);
});

it('the client section\'s entry list is the exports map (it calls the root entry "the root entry")', () => {
  expect(entriesIn("**Entries**", "\n\n")).toEqual(exported.filter((entry) => entry !== "@loyaltydog/sdk"));
});
