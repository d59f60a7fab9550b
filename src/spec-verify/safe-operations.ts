/**
 * Which operations a live check may call, from the generated operation table alone (so a spec update moves the
 * list with it): GETs, which HTTP defines as safe, that need nothing the check cannot supply. Left out, each with
 * its reason: deprecated operations, operations with a required query parameter (the check invents no input),
 * and data exports and downloads (`…/export`, `…/download`): they read whole customer files or generate reports,
 * heavy for the server and full of personal data, which a routine check has no business fetching.
 * Path parameters are filled from list answers (path-ids.ts); the order here puts every list before the
 * operations under it.
 */
import type { OperationInfo } from "../../generated/operation-info.js";

export interface Skipped {
  operation: string;
  reason: string;
}

const BULK_DATA = /\/(export|download)$/;

export function operationKey(info: Pick<OperationInfo, "method" | "path">): string {
  return `${info.method} ${info.path}`;
}

/** The safe operations (fewest path parameters first, then by path), and the GETs left out with why. */
export function safeOperations(table: readonly OperationInfo[]): { safe: OperationInfo[]; skipped: Skipped[] } {
  const safe: OperationInfo[] = [];
  const skipped: Skipped[] = [];
  for (const info of table) {
    if (info.method !== "GET") continue;
    const operation = operationKey(info);
    const required = info.queryParams.filter((q) => q.required).map((q) => q.name);
    if (info.deprecated) skipped.push({ operation, reason: "deprecated" });
    else if (required.length > 0) skipped.push({ operation, reason: `needs query ${required.join(", ")}` });
    else if (BULK_DATA.test(info.path)) skipped.push({ operation, reason: "a data export or download" });
    else safe.push(info);
  }
  safe.sort((a, b) => a.pathParams.length - b.pathParams.length || a.path.localeCompare(b.path));
  return { safe, skipped };
}
