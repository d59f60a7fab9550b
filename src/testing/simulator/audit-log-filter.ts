/**
 * The audit-log selection, shared by the listing (`GET …/audit-logs`, filters in the query) and the export
 * (`POST …/audit-logs/export`, the same filters in `ExportRequest`), with the semantics the spec's description
 * gives: ids exact, names partial and case-insensitive, `action`/`resourceType` any of the values given,
 * `from`/`to` an inclusive time range. Both routes select through `selectAuditLogs`, so an export holds exactly
 * the rows the same filters list.
 */
import type { AuditLogEntry } from "../../types.js";
import type { InputReader } from "./input-values.js";

export interface AuditLogFilter {
  merchantId?: string;
  subjectId?: string;
  actorId?: string;
  subjectName?: string;
  actorName?: string;
  merchantName?: string;
  actions?: readonly string[];
  resourceTypes?: readonly string[];
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, inclusive. */
  to?: number;
}

const EXACT = ["merchantId", "subjectId", "actorId"] as const;
const PARTIAL = ["subjectName", "actorName", "merchantName"] as const;

/** The filter of a listing query. Repeated scalars: the last one counts, as in Starlette. */
export function auditLogFilterFromQuery(
  query: { getAll(name: string): string[] },
  reader: InputReader,
): AuditLogFilter {
  const last = (name: string) => query.getAll(name).at(-1);
  const list = (name: string) => {
    const values = query.getAll(name);
    return values.length > 0 ? values : undefined;
  };
  const filter: AuditLogFilter = {
    actions: list("action"),
    resourceTypes: list("resourceType"),
    from: reader.dateTime(last("from"), ["query", "from"]),
    to: reader.dateTime(last("to"), ["query", "to"]),
  };
  for (const name of [...EXACT, ...PARTIAL]) filter[name] = last(name);
  return filter;
}

/** The filter of an `ExportRequest` body. */
export function auditLogFilterFromBody(body: Record<string, unknown>, reader: InputReader): AuditLogFilter {
  const filter: AuditLogFilter = {
    actions: reader.stringList(body.actions, ["body", "actions"]),
    resourceTypes: reader.stringList(body.resourceTypes, ["body", "resourceTypes"]),
    from: reader.dateTime(body.fromDate, ["body", "fromDate"]),
    to: reader.dateTime(body.toDate, ["body", "toDate"]),
  };
  for (const name of [...EXACT, ...PARTIAL]) filter[name] = reader.string(body[name], ["body", name]);
  return filter;
}

/**
 * The entries `filter` selects, in the configured order (stable, so pages never overlap or skip). A range whose
 * `from` is after its `to` selects nothing: the API documents no error for it.
 */
export function selectAuditLogs(entries: readonly AuditLogEntry[], filter: AuditLogFilter): AuditLogEntry[] {
  const partial = PARTIAL.flatMap((name) => {
    const wanted = filter[name];
    return wanted === undefined ? [] : [{ name, wanted: wanted.toLowerCase() }];
  });
  return entries.filter((entry) => {
    for (const name of EXACT) {
      if (filter[name] !== undefined && entry[name] !== filter[name]) return false;
    }
    for (const { name, wanted } of partial) {
      if (!(entry[name] ?? "").toLowerCase().includes(wanted)) return false;
    }
    // An empty list filters nothing (the server tests the list for truth, as Python does).
    if (filter.actions?.length && !filter.actions.includes(entry.action)) return false;
    if (filter.resourceTypes?.length && !filter.resourceTypes.includes(entry.resourceType)) return false;
    if (filter.from !== undefined || filter.to !== undefined) {
      const at = Date.parse(entry.timestamp);
      if (filter.from !== undefined && !(at >= filter.from)) return false;
      if (filter.to !== undefined && !(at <= filter.to)) return false;
    }
    return true;
  });
}
