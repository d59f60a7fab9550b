import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { canonicalHash } from "../../scripts/lib/canonical.js";
import { loadConfig, repoRoot } from "../../scripts/lib/config.js";
import { readPin } from "../../scripts/lib/pin.js";
import { isUrl, type OpenApiDocument } from "../../scripts/lib/spec-source.js";

/**
 * The pinned spec: the document whose canonical hash `openapi/pin.json` records, whatever version that is
 * (third-party, read in place, never copied into the repo). Looked for, in order, in
 * `$LOYALTYDOG_OPENAPI_SOURCE` (CI points it at `../shared`), the file the pin names (relative to the repo
 * root), and the local copy `spec:pull` / `spec:accept` leave in `.spec-cache/`; a candidate counts only if
 * its hash is the pinned one, so a test never takes another version for the pinned spec.
 */
function findPinnedSpec(): { path: string; text: string } {
  const pin = readPin(repoRoot);
  if (!pin) throw new Error("openapi/pin.json is missing: the tests need the pinned spec");
  const config = loadConfig(repoRoot);
  const candidates = [process.env[config.sourceEnv], pin.source, config.cacheFile]
    .filter((c): c is string => Boolean(c) && !isUrl(c as string))
    .map((c) => resolve(repoRoot, c));
  for (const path of new Set(candidates)) {
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    try {
      if (canonicalHash(JSON.parse(text)) === pin.canonicalSha256) return { path, text };
    } catch {
      // Not JSON: not the pinned spec either.
    }
  }
  throw new Error(
    `no local copy of the pinned spec (canonical sha256 ${pin.canonicalSha256.slice(0, 12)}…) in ` +
      `${[...new Set(candidates)].join(", ") || "(no file candidates)"}: set ${config.sourceEnv} to a file that holds it`,
  );
}

const pinned = findPinnedSpec();

export const upstreamSpecPath = pinned.path;

/** The pinned spec's text, exactly as stored. */
export const upstreamSpecText = pinned.text;

/** A fresh, mutable copy of the pinned spec. */
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
