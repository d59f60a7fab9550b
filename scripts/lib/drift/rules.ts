import type { ChangeClass } from "./changes.js";

/**
 * The rule table. Each change the drift check reports carries one of these ids.
 * Where oasdiff (checker/rules.go in oasdiff/oasdiff) has the rule, the id and
 * level are oasdiff's: ERR and WARN are breaking, INFO non-breaking. Ids with
 * origin "sdk" are this project's, for changes oasdiff does not report (prose,
 * extensions, component names, the other direction of a one-sided rule); the
 * ones with origin "deviation" are rated differently on purpose (README, "Drift
 * check").
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

type Entry = readonly [level: Level, origin?: Origin];

/** Rules outside schemas: operations, parameters, bodies, responses, the document. */
const FIXED: Record<string, Entry> = {
  "endpoint-added": ["INFO"],
  "api-removed-without-deprecation": ["ERR"],
  // oasdiff: INFO once the sunset date has passed. Here a removed operation's calls stop compiling either way.
  "api-removed-with-deprecation": ["ERR", "deviation"],
  "endpoint-deprecated": ["INFO"],
  "endpoint-reactivated": ["INFO"],
  "api-operation-id-removed": ["INFO"],
  "api-operation-id-added": ["INFO"],
  "api-tag-added": ["INFO"],
  "api-tag-removed": ["INFO"],
  "api-security-added": ["INFO"],
  "api-security-removed": ["ERR"],
  "api-global-security-added": ["INFO"],
  "api-global-security-removed": ["ERR"],
  "operation-keyword-changed": ["INFO", "sdk"],
  "new-required-request-parameter": ["ERR"],
  "new-optional-request-parameter": ["INFO"],
  "new-request-path-parameter": ["ERR"],
  "request-parameter-removed": ["WARN"],
  "request-parameter-became-required": ["ERR"],
  "request-parameter-became-optional": ["INFO"],
  "request-parameter-deprecated": ["INFO"],
  "request-parameter-reactivated": ["INFO"],
  "request-parameter-serialization-changed": ["ERR", "sdk"],
  "request-body-added-required": ["ERR"],
  "request-body-added-optional": ["INFO"],
  "request-body-removed": ["ERR"],
  "request-body-became-required": ["ERR"],
  "request-body-became-optional": ["INFO"],
  "request-body-media-type-added": ["INFO"],
  "request-body-media-type-removed": ["ERR"],
  "request-body-media-type-schema-added": ["ERR"],
  "request-body-media-type-schema-removed": ["INFO"],
  "response-success-status-added": ["INFO"],
  "response-success-status-removed": ["ERR"],
  "response-non-success-status-added": ["INFO"],
  "response-non-success-status-removed": ["INFO"],
  "response-media-type-added": ["INFO"],
  "response-media-type-removed": ["ERR"],
  "response-body-media-type-schema-added": ["INFO"],
  "response-body-media-type-schema-removed": ["ERR"],
  "response-header-added": ["INFO"],
  "required-response-header-removed": ["ERR"],
  "optional-response-header-removed": ["WARN"],
  "response-header-became-optional": ["ERR"],
  "response-header-became-required": ["INFO", "sdk"],
  // Properties: oasdiff's own ids (not built from a prefix).
  "request-property-removed": ["WARN"],
  "new-required-request-property": ["ERR"],
  "new-optional-request-property": ["INFO"],
  "request-property-became-required": ["ERR"],
  "request-property-became-optional": ["INFO"],
  "response-required-property-removed": ["ERR"],
  // oasdiff's current table says INFO; the field disappears from the generated type, so code reading it stops compiling.
  "response-optional-property-removed": ["WARN", "deviation"],
  "response-required-property-added": ["INFO"],
  "response-optional-property-added": ["INFO"],
  "response-property-became-optional": ["ERR"],
  "response-property-became-required": ["INFO"],
  // Component names: what an SDK user imports. oasdiff reports only the removal (INFO).
  "api-schema-removed": ["INFO"],
  "api-schema-added": ["INFO", "sdk"],
  "api-schema-renamed": ["INFO", "sdk"],
  "component-schema-changed": ["INFO", "sdk"],
  "component-changed": ["INFO", "sdk"],
  "security-scheme-added": ["INFO", "sdk"],
  "security-scheme-removed": ["INFO", "sdk"],
  "security-scheme-changed": ["INFO", "sdk"],
  "webhook-added": ["INFO"],
  "webhook-removed": ["ERR"],
  "webhook-changed": ["INFO", "sdk"],
  "servers-changed": ["INFO", "sdk"],
  "openapi-version-changed": ["INFO", "sdk"],
  "spec-keyword-changed": ["INFO", "sdk"],
  // Metadata: never an API change.
  "documentation-changed": ["DOCS", "sdk"],
  "extension-changed": ["DOCS", "sdk"],
  "info-changed": ["DOCS", "sdk"],
  "tags-changed": ["DOCS", "sdk"],
};

/**
 * Schema rules by suffix: [level when the client sends it, level when it receives it].
 * Narrowing what the client sends, or widening what it receives, is the error.
 * Combined with a prefix (`request-property`, `request-body`, `request-parameter`,
 * `response-property`, `response-body`, `response-header`) into the rule id.
 */
const SCHEMA: Record<string, readonly [request: Level, response: Level, origin?: Origin]> = {
  "type-generalized": ["INFO", "ERR"],
  "type-specialized": ["ERR", "INFO"],
  "type-changed": ["ERR", "ERR"],
  "became-nullable": ["INFO", "ERR"],
  "became-not-nullable": ["ERR", "INFO"],
  "enum-value-added": ["INFO", "WARN"],
  "enum-value-removed": ["ERR", "INFO"],
  "became-enum": ["ERR", "INFO"],
  "enum-dropped": ["INFO", "ERR", "sdk"],
  "const-added": ["ERR", "INFO"],
  "const-removed": ["INFO", "ERR"],
  "const-changed": ["ERR", "ERR"],
  "default-value-added": ["INFO", "INFO"],
  "default-value-removed": ["INFO", "INFO"],
  "default-value-changed": ["INFO", "INFO"],
  deprecated: ["INFO", "INFO"],
  reactivated: ["INFO", "INFO"],
  "pattern-added": ["ERR", "INFO"],
  "pattern-removed": ["INFO", "ERR"],
  "pattern-changed": ["WARN", "WARN"],
  "unique-items-set": ["ERR", "INFO"],
  "unique-items-unset": ["INFO", "ERR"],
  "multiple-of-set": ["ERR", "INFO"],
  "multiple-of-unset": ["INFO", "ERR"],
  "multiple-of-changed": ["ERR", "ERR"],
  "any-of-added": ["INFO", "INFO", "deviation"],
  "any-of-removed": ["ERR", "INFO"],
  "one-of-added": ["INFO", "ERR"],
  "one-of-removed": ["ERR", "INFO"],
  "discriminator-added": ["INFO", "INFO"],
  "discriminator-removed": ["INFO", "INFO"],
  "discriminator-property-name-changed": ["INFO", "INFO"],
  "discriminator-mapping-added": ["INFO", "INFO"],
  "discriminator-mapping-deleted": ["INFO", "INFO"],
  "discriminator-mapping-changed": ["INFO", "INFO"],
  "additional-properties-widened": ["INFO", "ERR", "sdk"],
  "additional-properties-narrowed": ["ERR", "INFO", "sdk"],
  "keyword-changed": ["INFO", "INFO", "sdk"],
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
for (const stem of Object.values(UPPER_BOUNDS)) {
  SCHEMA[`${stem}-increased`] = ["INFO", "ERR"];
  SCHEMA[`${stem}-decreased`] = ["ERR", "INFO"];
  SCHEMA[`${stem}-set`] = ["ERR", "INFO"];
  SCHEMA[`${stem}-unset`] = ["INFO", "ERR"];
}
for (const stem of Object.values(LOWER_BOUNDS)) {
  SCHEMA[`${stem}-increased`] = ["ERR", "INFO"];
  SCHEMA[`${stem}-decreased`] = ["INFO", "ERR"];
  SCHEMA[`${stem}-set`] = ["ERR", "INFO"];
}
// OpenAPI 3.0's boolean `exclusiveMinimum: true` turned off (the numeric floor removed is `-decreased` above): oasdiff's
// generated unset rule (checker/bound_rules.go), wider, so breaking where the client receives it.
SCHEMA["exclusive-min-unset"] = ["INFO", "ERR"];

export const REQUEST_PREFIXES = ["request-property", "request-body", "request-parameter"] as const;
export const RESPONSE_PREFIXES = ["response-property", "response-body", "response-header"] as const;
export type SchemaPrefix = (typeof REQUEST_PREFIXES)[number] | (typeof RESPONSE_PREFIXES)[number];

function buildTable(): Map<string, Rule> {
  const table = new Map<string, Rule>();
  for (const [suffix, [request, response, origin = "oasdiff"]] of Object.entries(SCHEMA)) {
    for (const prefix of REQUEST_PREFIXES)
      table.set(`${prefix}-${suffix}`, { id: `${prefix}-${suffix}`, level: request, origin });
    for (const prefix of RESPONSE_PREFIXES) {
      table.set(`${prefix}-${suffix}`, { id: `${prefix}-${suffix}`, level: response, origin });
    }
  }
  // Last, so a fixed rule wins over a generated one with the same id (`request-parameter-deprecated`).
  for (const [id, [level, origin = "oasdiff"]] of Object.entries(FIXED)) table.set(id, { id, level, origin });
  return table;
}

export const RULES: ReadonlyMap<string, Rule> = buildTable();

/** The rules outside the schema table, for the rule-table test. */
export const FIXED_RULE_IDS: readonly string[] = Object.keys(FIXED);

/** Schema rule suffixes, for the rule-table test. */
export const SCHEMA_SUFFIXES: readonly string[] = Object.keys(SCHEMA);

export function rule(id: string): Rule {
  const found = RULES.get(id);
  if (!found) throw new Error(`drift rule \`${id}\` is not in the rule table`);
  return found;
}
