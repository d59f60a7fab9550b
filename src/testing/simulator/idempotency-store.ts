/**
 * `Idempotency-Key` semantics: same key + same body replays the stored answer
 * (the operation does not run again); same key + different body is a 422.
 * Keys are kept 24 h of clock time, scoped per credential and operation.
 */

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

export type IdempotencyLookup = { kind: "new" } | { kind: "replay"; response: StoredResponse } | { kind: "conflict" };

interface Entry {
  fingerprint: string;
  response: StoredResponse;
  storedAt: number;
}

export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  lookup(scope: string, key: string, body: string, now: number): IdempotencyLookup {
    const entry = this.entries.get(`${scope}\n${key}`);
    if (!entry || now - entry.storedAt >= IDEMPOTENCY_RETENTION_MS) return { kind: "new" };
    return entry.fingerprint === fingerprint(body)
      ? { kind: "replay", response: entry.response }
      : { kind: "conflict" };
  }

  save(scope: string, key: string, body: string, response: StoredResponse, now: number): void {
    this.entries.set(`${scope}\n${key}`, { fingerprint: fingerprint(body), response, storedAt: now });
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Same JSON in another key order or spacing is the same request. */
function fingerprint(body: string): string {
  try {
    return stableStringify(JSON.parse(body));
  } catch {
    return body;
  }
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
