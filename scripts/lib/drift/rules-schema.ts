import { type Level, SDK_PREFIX } from "./rule-level.js";

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
export const REQUEST_PLACES = new Set<PlaceCode>(["p", "q", "h", "b", "r", "o"]);
export const HARMLESS_PLACES = new Set<PlaceCode>(["o", "w"]);

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
export const SCHEMA: Record<string, SchemaEntry> = {
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
export const ALIASES: Record<string, string> = {
  "response-body-enum-value-removed": "response-mediatype-enum-value-removed",
};

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
