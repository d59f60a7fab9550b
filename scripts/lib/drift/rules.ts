import { type Level, type Rule, SDK_PREFIX } from "./rule-level.js";
import { OASDIFF_FIXED, SDK_FIXED } from "./rules-fixed.js";
import {
  ALIASES,
  HARMLESS_PLACES,
  PLACES,
  type PlaceCode,
  REQUEST_PLACES,
  SCHEMA,
  schemaRuleId,
} from "./rules-schema.js";

export { classOf, type Level, type Origin, type Rule, SDK_PREFIX } from "./rule-level.js";
export { LOWER_BOUNDS, type PlaceCode, schemaRuleId, UPPER_BOUNDS } from "./rules-schema.js";

// The rule table. Each change the drift check reports carries one of these ids.
// Ids with origin "oasdiff" are oasdiff's (checker/rules.go at the commit the
// README names), at oasdiff's level: ERR and WARN are breaking, INFO
// non-breaking; test/drift/rule-table-honesty.test.ts checks them against
// oasdiff's table. Ids with origin "sdk" are this project's, for changes
// oasdiff has no rule for (prose, extensions, component names, the side of a
// schema change oasdiff does not report): they all start with `sdk-`, so no
// reader takes one for oasdiff's. Origin "deviation" is an oasdiff id rated
// differently on purpose (README, "Upstream drift", lists each with its reason).

/**
 * oasdiff ids rated differently on purpose, each with its reason (README, "Upstream drift", lists them):
 * none today. An entry here is `[level, reason]`.
 */
const DEVIATION_TABLE: Record<string, readonly [Level, string]> = {};

export const DEVIATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(DEVIATION_TABLE).map(([id, [, reason]]) => [id, reason]),
);

function buildTable(): Map<string, Rule> {
  const table = new Map<string, Rule>();
  for (const [suffix, [request, response, , overrides = {}]] of Object.entries(SCHEMA)) {
    for (const code of Object.keys(PLACES) as PlaceCode[]) {
      const id = schemaRuleId(code, suffix);
      // An off-wire place that reports as its on-wire twin: that place sets the level.
      const own = id.startsWith(PLACES[code]) || id.startsWith(`${SDK_PREFIX}${PLACES[code]}`);
      if (!own && ALIASES[`${PLACES[code]}-${suffix}`] !== id) continue;
      const direction = REQUEST_PLACES.has(code) ? request : response;
      const level = overrides[code] ?? (HARMLESS_PLACES.has(code) ? "INFO" : direction);
      table.set(id, { id, level, origin: id.startsWith(SDK_PREFIX) ? "sdk" : "oasdiff" });
    }
  }
  for (const [id, level] of Object.entries(OASDIFF_FIXED)) table.set(id, { id, level, origin: "oasdiff" });
  for (const [id, level] of Object.entries(SDK_FIXED)) table.set(id, { id, level, origin: "sdk" });
  for (const [id, [level]] of Object.entries(DEVIATION_TABLE)) table.set(id, { id, level, origin: "deviation" });
  return table;
}

export const RULES: ReadonlyMap<string, Rule> = buildTable();

/** The rules outside the schema table, for the rule-table test. */
export const FIXED_RULE_IDS: readonly string[] = [...Object.keys(OASDIFF_FIXED), ...Object.keys(SDK_FIXED)];

/** Schema rule suffixes, for the rule-table test. */
export const SCHEMA_SUFFIXES: readonly string[] = Object.keys(SCHEMA);

export function rule(id: string): Rule {
  const found = RULES.get(id);
  if (!found) throw new Error(`drift rule \`${id}\` is not in the rule table`);
  return found;
}
