import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "../../scripts/lib/config.js";
import type { OpenApiDocument } from "../../scripts/lib/spec-source.js";

/** The real upstream spec, read in place (third-party: never copied into the repo). */
export const upstreamSpecPath =
  process.env.LOYALTYDOG_OPENAPI_SOURCE && !/^https?:/i.test(process.env.LOYALTYDOG_OPENAPI_SOURCE)
    ? process.env.LOYALTYDOG_OPENAPI_SOURCE
    : resolve(repoRoot, "../shared/loyaltydog/openapi.public.json");

export const upstreamSpecText = readFileSync(upstreamSpecPath, "utf8");

/** A fresh, mutable copy of the real spec. */
export function upstreamSpec(): OpenApiDocument {
  return JSON.parse(upstreamSpecText) as OpenApiDocument;
}

/** Same content, every object's keys in reverse order: not a change. */
export function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

/** Renames a component schema and every `$ref` to it, as an upstream refactor would. */
export function renameSchema(doc: OpenApiDocument, from: string, to: string): OpenApiDocument {
  const text = JSON.stringify(doc).replaceAll(`"#/components/schemas/${from}"`, `"#/components/schemas/${to}"`);
  const renamed = JSON.parse(text) as OpenApiDocument;
  const schemas = renamed.components?.schemas as Record<string, unknown>;
  schemas[to] = schemas[from];
  delete schemas[from];
  return renamed;
}
