import type { ChangeClass } from "./changes.js";

/**
 * The rule table. Each change the drift check reports carries one of these ids.
 * Ids with origin "oasdiff" are oasdiff's (checker/rules.go at the commit the
 * README names), at oasdiff's level: ERR and WARN are breaking, INFO
 * non-breaking; test/drift/rule-table-honesty.test.ts checks them against
 * oasdiff's table. Ids with origin "sdk" are this project's, for changes
 * oasdiff has no rule for (prose, extensions, component names, the side of a
 * schema change oasdiff does not report): they all start with `sdk-`, so no
 * reader takes one for oasdiff's. Origin "deviation" is an oasdiff id rated
 * differently on purpose (README, "Upstream drift", lists each with its reason).
 */
export type Level = "ERR" | "WARN" | "INFO" | "DOCS";
export type Origin = "oasdiff" | "sdk" | "deviation";

export interface Rule {
  id: string;
  level: Level;
  origin: Origin;
}

export function classOf(level: Level): ChangeClass {
  if (level === "ERR" || level === "WARN") return "breaking";
  return level === "INFO" ? "non-breaking" : "docs-only";
}

/** This project's own ids carry this prefix. */
export const SDK_PREFIX = "sdk-";

/** oasdiff's rules outside the schema table: operations, parameters, bodies, responses, security, the document. */
const OASDIFF_FIXED: Record<string, Level> = {
  "endpoint-added": "INFO",
  "api-removed-without-deprecation": "ERR",
  "api-removed-with-deprecation": "INFO",
  "api-removed-before-sunset": "ERR",
  "api-path-removed-without-deprecation": "ERR",
  "api-path-removed-with-deprecation": "INFO",
  "api-path-removed-before-sunset": "ERR",
  "api-path-sunset-parse": "ERR",
  "endpoint-deprecated": "INFO",
  "endpoint-deprecated-with-sunset": "INFO",
  "endpoint-reactivated": "INFO",
  "api-deprecated-sunset-parse": "ERR",
  "api-deprecated-sunset-missing": "ERR",
  "api-sunset-date-too-small": "ERR",
  "sunset-deleted": "ERR",
  "api-sunset-date-changed-too-small": "ERR",
  "api-invalid-stability-level": "ERR",
  "api-stability-decreased": "ERR",
  "api-stability-increased": "INFO",
  "api-operation-id-removed": "INFO",
  "api-operation-id-added": "INFO",
  "api-tag-added": "INFO",
  "api-tag-removed": "INFO",
  "api-security-added": "INFO",
  "api-security-removed": "INFO",
  "api-security-scope-added": "INFO",
  "api-security-scope-removed": "INFO",
  "api-global-security-added": "INFO",
  "api-global-security-removed": "INFO",
  "api-global-security-scope-added": "INFO",
  "api-global-security-scope-removed": "INFO",
  "api-security-component-added": "INFO",
  "api-security-component-removed": "INFO",
  "api-security-component-type-changed": "INFO",
  "api-security-component-oauth-url-changed": "INFO",
  "api-security-component-oauth-token-url-changed": "INFO",
  "api-security-component-oauth-scope-added": "INFO",
  "api-security-component-oauth-scope-removed": "INFO",
  "api-security-component-oauth-scope-changed": "INFO",
  "new-required-request-parameter": "ERR",
  "new-optional-request-parameter": "INFO",
  "new-request-path-parameter": "ERR",
  "request-parameter-removed": "WARN",
  "request-parameter-removed-with-deprecation": "INFO",
  "request-parameter-removed-before-sunset": "ERR",
  "request-parameter-became-required": "ERR",
  "request-parameter-became-optional": "INFO",
  "request-parameter-deprecated": "INFO",
  "request-parameter-reactivated": "INFO",
  "request-parameter-deprecated-sunset-missing": "ERR",
  "request-parameter-sunset-parse": "ERR",
  "request-parameter-sunset-date-too-small": "ERR",
  "request-parameter-sunset-deleted": "ERR",
  "request-parameter-sunset-date-changed-too-small": "ERR",
  "request-body-added-required": "ERR",
  "request-body-added-optional": "INFO",
  "request-body-removed": "ERR",
  "request-body-became-required": "ERR",
  "request-body-became-optional": "INFO",
  "request-body-media-type-added": "INFO",
  "request-body-media-type-removed": "ERR",
  "request-body-media-type-schema-added": "ERR",
  "request-body-media-type-schema-removed": "INFO",
  "response-success-status-added": "INFO",
  "response-success-status-removed": "ERR",
  "response-non-success-status-added": "INFO",
  "response-non-success-status-removed": "INFO",
  "response-media-type-added": "INFO",
  "response-media-type-removed": "ERR",
  "response-body-media-type-schema-added": "INFO",
  "response-body-media-type-schema-removed": "WARN",
  "response-header-added": "INFO",
  "required-response-header-removed": "ERR",
  "optional-response-header-removed": "WARN",
  "response-header-became-optional": "ERR",
  "request-property-removed": "WARN",
  "new-required-request-property": "ERR",
  "new-required-request-property-with-default": "ERR",
  "new-required-request-header-property": "ERR",
  "request-header-property-became-required": "ERR",
  "new-optional-request-property": "INFO",
  "request-property-became-required": "ERR",
  "request-property-became-required-with-default": "ERR",
  "request-property-became-optional": "INFO",
  "request-optional-property-became-read-only": "INFO",
  "request-optional-property-became-not-read-only": "INFO",
  "request-optional-property-became-write-only": "INFO",
  "request-optional-property-became-not-write-only": "INFO",
  "request-required-property-became-read-only": "INFO",
  "request-required-property-became-not-read-only": "INFO",
  "request-required-property-became-write-only": "INFO",
  "request-required-property-became-not-write-only": "INFO",
  "response-required-property-removed": "ERR",
  "response-optional-property-removed": "WARN",
  "response-required-write-only-property-removed": "INFO",
  "response-optional-write-only-property-removed": "INFO",
  "response-required-property-added": "INFO",
  "response-optional-property-added": "INFO",
  "response-required-write-only-property-added": "INFO",
  "response-optional-write-only-property-added": "INFO",
  "response-property-became-optional": "ERR",
  "response-property-became-required": "INFO",
  "response-write-only-property-became-optional": "INFO",
  "response-write-only-property-became-required": "INFO",
  "response-optional-property-became-read-only": "INFO",
  "response-optional-property-became-not-read-only": "INFO",
  "response-optional-property-became-write-only": "INFO",
  "response-optional-property-became-not-write-only": "INFO",
  "response-required-property-became-read-only": "INFO",
  "response-required-property-became-not-read-only": "INFO",
  "response-required-property-became-write-only": "INFO",
  "response-required-property-became-not-write-only": "WARN",
  "request-property-stability-decreased": "ERR",
  "request-property-stability-increased": "INFO",
  "response-property-stability-decreased": "ERR",
  "response-property-stability-increased": "INFO",
  "api-schema-removed": "INFO",
  "webhook-added": "INFO",
  "webhook-removed": "ERR",
};

/** This project's rules outside the schema table (all `sdk-`). */
const SDK_FIXED: Record<string, Level> = {
  "sdk-operation-keyword-changed": "INFO",
  // `style`/`explode` change how the SDK writes the query string or header: a call that worked is sent differently.
  "sdk-request-parameter-serialization-changed": "ERR",
  "sdk-response-header-became-required": "INFO",
  "sdk-request-parameter-renamed": "INFO",
  "sdk-path-renamed": "INFO",
  "sdk-removed-after-sunset": "INFO",
  "sdk-required-parameter-default-changed": "DOCS",
  "sdk-api-schema-added": "INFO",
  "sdk-api-schema-renamed": "INFO",
  "sdk-component-schema-changed": "INFO",
  "sdk-component-changed": "INFO",
  "sdk-security-scheme-changed": "INFO",
  "sdk-webhook-changed": "INFO",
  "sdk-servers-changed": "INFO",
  "sdk-openapi-version-changed": "INFO",
  "sdk-spec-keyword-changed": "INFO",
  // Metadata: never an API change.
  "sdk-documentation-changed": "DOCS",
  "sdk-extension-changed": "DOCS",
  "sdk-info-changed": "DOCS",
  "sdk-tags-changed": "DOCS",
};

/**
 * Where a schema sits, as oasdiff's id prefixes name it. The read-only and write-only places are a property
 * the client never sends (read-only, in a request) or never receives (write-only, in a response): a change
 * there cannot break it.
 */
export const PLACES = {
  p: "request-parameter",
  q: "request-parameter-property",
  h: "request-header-property",
  b: "request-body",
  r: "request-property",
  o: "request-read-only-property",
  B: "response-body",
  R: "response-property",
  H: "response-header",
  w: "response-write-only-property",
} as const;
export type PlaceCode = keyof typeof PLACES;
const REQUEST_PLACES = new Set<PlaceCode>(["p", "q", "h", "b", "r", "o"]);
const HARMLESS_PLACES = new Set<PlaceCode>(["o", "w"]);

/**
 * Schema rules by suffix: [level when the client sends it, level when it receives it, the places oasdiff has
 * the id at, levels oasdiff gives some places instead]. Narrowing what the client sends, or widening what it
 * receives, is the error. At a place oasdiff has no id for, the change is this project's `sdk-<prefix>-<suffix>`
 * at the direction's level (INFO at the read-only and write-only places).
 */
type SchemaEntry = readonly [
  request: Level,
  response: Level,
  oasdiff: string,
  overrides?: Partial<Record<PlaceCode, Level>>,
];
const SCHEMA: Record<string, SchemaEntry> = {
  "type-generalized": ["INFO", "ERR", "pqbrBRH"],
  "type-specialized": ["ERR", "INFO", "qBRH"],
  "type-changed": ["ERR", "ERR", "pqbrBRH", { q: "WARN" }],
  "type-compatible": ["INFO", "INFO", "brBRH"],
  "list-of-types-widened": ["INFO", "ERR", "pqbrBR"],
  "list-of-types-narrowed": ["ERR", "INFO", "pqbrBR"],
  "became-nullable": ["INFO", "ERR", "pqbrBRH"],
  "became-not-nullable": ["ERR", "INFO", "pqbrBRH"],
  "enum-value-added": ["INFO", "WARN", "pqrRw", { w: "INFO" }],
  "enum-value-removed": ["ERR", "INFO", "pqbrRo", { o: "INFO" }],
  "x-extensible-enum-value-removed": ["ERR", "INFO", "pr"],
  "became-enum": ["ERR", "INFO", "pbrh"],
  "enum-dropped": ["INFO", "ERR", ""],
  "const-added": ["ERR", "INFO", "brBR"],
  "const-removed": ["INFO", "ERR", "brBR"],
  "const-changed": ["ERR", "ERR", "brBR"],
  // A parameter's default is what the server assumes when the client sends nothing: oasdiff calls any change to it breaking.
  "default-value-added": ["INFO", "INFO", "pbrBR", { p: "ERR" }],
  "default-value-removed": ["INFO", "INFO", "pbrBR", { p: "ERR" }],
  "default-value-changed": ["INFO", "INFO", "pbrBR", { p: "ERR" }],
  deprecated: ["INFO", "INFO", "prR"],
  reactivated: ["INFO", "INFO", "prR"],
  "deprecated-with-sunset": ["INFO", "INFO", "rR"],
  "deprecated-sunset-missing": ["ERR", "ERR", "prR"],
  "deprecated-sunset-invalid": ["ERR", "ERR", "rR"],
  "sunset-date-too-small": ["ERR", "ERR", "prR"],
  "pattern-added": ["ERR", "INFO", "prR"],
  "pattern-removed": ["INFO", "INFO", "prR"],
  "pattern-changed": ["WARN", "INFO", "prR"],
  "pattern-generalized": ["INFO", "INFO", "pr"],
  "unique-items-set": ["ERR", "INFO", ""],
  "unique-items-unset": ["INFO", "ERR", ""],
  "multiple-of-set": ["ERR", "INFO", ""],
  "multiple-of-unset": ["INFO", "ERR", ""],
  "multiple-of-changed": ["ERR", "ERR", ""],
  "any-of-added": ["INFO", "INFO", "brBR"],
  "any-of-removed": ["ERR", "INFO", "brBR"],
  "one-of-added": ["INFO", "ERR", "brBR"],
  "one-of-removed": ["ERR", "INFO", "brBR"],
  "all-of-added": ["ERR", "INFO", "brBR"],
  "all-of-removed": ["WARN", "INFO", "brBR"],
  "all-of-added-annotation-only": ["INFO", "INFO", "brBR"],
  "all-of-removed-annotation-only": ["INFO", "INFO", "brBR"],
  "wrapped-in-one-of": ["ERR", "ERR", "bB"],
  "discriminator-added": ["INFO", "INFO", "brBR"],
  "discriminator-removed": ["INFO", "INFO", "brBR"],
  "discriminator-property-name-changed": ["INFO", "INFO", "brBR"],
  "discriminator-mapping-added": ["INFO", "INFO", "brBR"],
  "discriminator-mapping-deleted": ["INFO", "INFO", "brBR"],
  "discriminator-mapping-changed": ["INFO", "INFO", "brBR"],
  "additional-properties-widened": ["INFO", "ERR", ""],
  "additional-properties-narrowed": ["ERR", "INFO", ""],
  // JSON Schema 2019-09/2020-12 keywords: adding a constraint narrows, removing one widens.
  "contains-added": ["ERR", "INFO", "brBR"],
  "contains-removed": ["INFO", "ERR", "brBR"],
  "min-contains-increased": ["ERR", "INFO", "brBR"],
  "min-contains-decreased": ["INFO", "ERR", "brBR"],
  "max-contains-increased": ["INFO", "ERR", "brBR"],
  "max-contains-decreased": ["ERR", "INFO", "brBR"],
  // oasdiff's levels: a tuple prefix added to what is received is an error; removed from what is sent, too.
  "prefix-items-added": ["INFO", "ERR", "brBR"],
  "prefix-items-removed": ["ERR", "INFO", "brBR"],
  "dependent-required-added": ["ERR", "INFO", "brBR"],
  "dependent-required-removed": ["INFO", "ERR", "brBR"],
  "dependent-required-changed": ["ERR", "ERR", "brBR"],
  "dependent-schema-added": ["ERR", "INFO", "brBR"],
  "dependent-schema-removed": ["INFO", "ERR", "brBR"],
  "if-added": ["ERR", "INFO", "brBR"],
  "if-removed": ["INFO", "ERR", "brBR"],
  "then-added": ["ERR", "INFO", "brBR"],
  "then-removed": ["INFO", "ERR", "brBR"],
  "else-added": ["ERR", "INFO", "brBR"],
  "else-removed": ["INFO", "ERR", "brBR"],
  "pattern-property-added": ["ERR", "INFO", "brBR"],
  "pattern-property-removed": ["INFO", "ERR", "brBR"],
  "property-names-added": ["ERR", "INFO", "brBR"],
  "property-names-removed": ["INFO", "ERR", "brBR"],
  "unevaluated-items-added": ["ERR", "INFO", "brBR"],
  "unevaluated-items-removed": ["INFO", "ERR", "brBR"],
  "unevaluated-properties-added": ["ERR", "INFO", "brBR"],
  "unevaluated-properties-removed": ["INFO", "ERR", "brBR"],
  "content-media-type-changed": ["ERR", "ERR", "brBR"],
  "content-encoding-changed": ["ERR", "ERR", "brBR"],
  "content-schema-added": ["ERR", "INFO", "brBR"],
  "content-schema-removed": ["INFO", "ERR", "brBR"],
  "keyword-changed": ["INFO", "INFO", ""],
  // oasdiff reports nothing for a `not` added or removed; what it now excludes is worth a line, not a block.
  "not-changed": ["INFO", "INFO", ""],
};

/** Bounds: `max…` caps from above, `min…` from below. Raising a cap widens; raising a floor narrows. */
export const UPPER_BOUNDS: Record<string, string> = {
  maxLength: "max-length",
  maxItems: "max-items",
  maxProperties: "max-properties",
  maximum: "max",
  exclusiveMaximum: "exclusive-max",
};
export const LOWER_BOUNDS: Record<string, string> = {
  minLength: "min-length",
  minItems: "min-items",
  minProperties: "min-properties",
  minimum: "min",
  exclusiveMinimum: "exclusive-min",
};
/** Where oasdiff has each bound rule (the rest are this project's, at the same direction levels). */
const BOUND_PLACES: Record<string, string> = {
  "max-length-increased": "pbrBR",
  "max-length-decreased": "pbro",
  "max-length-set": "pbr",
  "max-length-unset": "BR",
  "min-length-increased": "pbr",
  "min-length-decreased": "pbrBR",
  "max-items-increased": "p",
  "max-items-decreased": "p",
  "min-items-increased": "pbr",
  "min-items-decreased": "pBR",
  "min-items-set": "pbr",
  "min-items-unset": "BR",
  "max-increased": "pbrBR",
  "max-decreased": "pbro",
  "max-set": "pbr",
  "min-increased": "pbro",
  "min-decreased": "pbrBR",
  "min-set": "pbr",
  "exclusive-max-increased": "pbrBR",
  "exclusive-max-decreased": "pbro",
  "exclusive-max-set": "pbr",
  "exclusive-min-increased": "pbro",
  "exclusive-min-decreased": "pbrBR",
  "exclusive-min-set": "pbr",
};
// Setting a bound where there was none is a warning on what is sent (values may all have been in range: oasdiff).
for (const stem of Object.values(UPPER_BOUNDS)) {
  SCHEMA[`${stem}-increased`] = ["INFO", "ERR", BOUND_PLACES[`${stem}-increased`] ?? ""];
  SCHEMA[`${stem}-decreased`] = ["ERR", "INFO", BOUND_PLACES[`${stem}-decreased`] ?? ""];
  SCHEMA[`${stem}-set`] = ["WARN", "INFO", BOUND_PLACES[`${stem}-set`] ?? ""];
  SCHEMA[`${stem}-unset`] = ["INFO", "ERR", BOUND_PLACES[`${stem}-unset`] ?? ""];
}
for (const stem of Object.values(LOWER_BOUNDS)) {
  SCHEMA[`${stem}-increased`] = ["ERR", "INFO", BOUND_PLACES[`${stem}-increased`] ?? ""];
  SCHEMA[`${stem}-decreased`] = ["INFO", "ERR", BOUND_PLACES[`${stem}-decreased`] ?? ""];
  SCHEMA[`${stem}-set`] = ["WARN", "INFO", BOUND_PLACES[`${stem}-set`] ?? ""];
  SCHEMA[`${stem}-unset`] = ["INFO", "ERR", BOUND_PLACES[`${stem}-unset`] ?? ""];
}

/**
 * A read-only property in a request, or a write-only one in a response, is never on that side of the wire. Some
 * of oasdiff's checks give it ids of their own (INFO, in `SCHEMA`'s places `o` and `w`); these skip it (no
 * finding), so this project reports them as its own at INFO; every other check ignores the flag and reports the
 * property as any other (the ids of places `r` and `R`).
 */
const OFF_WIRE_SKIPPED: Partial<Record<PlaceCode, readonly string[]>> = {
  o: [
    "type-changed",
    "type-generalized",
    "type-compatible",
    "list-of-types-widened",
    "list-of-types-narrowed",
    "max-length-set",
    "max-set",
    "min-set",
    "min-items-set",
    "min-items-increased",
    "x-extensible-enum-value-removed",
  ],
  w: [
    "max-increased",
    "max-length-increased",
    "max-length-unset",
    "min-decreased",
    "min-items-decreased",
    "min-items-unset",
    "min-length-decreased",
  ],
};
/** A property of a header parameter has oasdiff ids of its own for a few rules; the rest are a parameter property's. */
const ON_WIRE_TWIN: Partial<Record<PlaceCode, PlaceCode>> = { o: "r", w: "R", h: "q" };
/** oasdiff's ids that do not follow `<place>-<suffix>`. */
const ALIASES: Record<string, string> = { "response-body-enum-value-removed": "response-mediatype-enum-value-removed" };

/** The id a schema change at `place` carries: oasdiff's where it has one, else this project's `sdk-` one. */
export function schemaRuleId(place: PlaceCode, suffix: string): string {
  const entry = SCHEMA[suffix];
  if (!entry) throw new Error(`drift: no schema rule \`${suffix}\``);
  const id = `${PLACES[place]}-${suffix}`;
  if (ALIASES[id]) return ALIASES[id];
  if (entry[2].includes(place)) return id;
  const twin = ON_WIRE_TWIN[place];
  if (twin && entry[2].includes(twin) && !OFF_WIRE_SKIPPED[place]?.includes(suffix)) return schemaRuleId(twin, suffix);
  return `${SDK_PREFIX}${id}`;
}

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
  for (const [suffix, [request, response, oasdiff, overrides = {}]] of Object.entries(SCHEMA)) {
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
