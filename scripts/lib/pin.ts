import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { countOperations, type LoadedSpec } from "./spec-source.js";
import { writeFileAtomic } from "./write-atomic.js";

/** What generated/ was made from. Written by spec:pull, read by generate and the drift check. No timestamps: same spec, same pin. */
export interface SpecPin {
  source: string;
  /** sha256 of the canonical JSON (sorted keys, no whitespace): formatting is not a change. */
  canonicalSha256: string;
  /** sha256 of the bytes as served, for matching against what upstream publishes. */
  rawSha256: string;
  bytes: number;
  openapi: string;
  infoVersion: string | null;
  paths: number;
  operations: number;
  schemas: number;
}

export function pinPath(root: string): string {
  return resolve(root, "openapi", "pin.json");
}

export function pinFor(spec: LoadedSpec): SpecPin {
  return {
    source: spec.source,
    canonicalSha256: spec.canonicalSha256,
    rawSha256: spec.rawSha256,
    bytes: spec.bytes,
    openapi: spec.doc.openapi,
    infoVersion: typeof spec.doc.info.version === "string" ? spec.doc.info.version : null,
    paths: Object.keys(spec.doc.paths).length,
    operations: countOperations(spec.doc),
    schemas: Object.keys(spec.doc.components?.schemas ?? {}).length,
  };
}

export function readPin(root: string): SpecPin | undefined {
  try {
    return JSON.parse(readFileSync(pinPath(root), "utf8")) as SpecPin;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function writePin(root: string, pin: SpecPin): Promise<void> {
  await writeFileAtomic(pinPath(root), `${JSON.stringify(pin, null, 2)}\n`);
}
