import type { ChangeClass } from "./changes.js";

/** A rule's level: oasdiff's ERR and WARN are breaking, INFO non-breaking; DOCS (this project's) is prose only. */
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
