/**
 * Seeded sample data for a generated validator: walks the valibot schema and
 * builds a value it accepts, plausible where a field's name says what it is
 * (emails, timestamps, URLs, ids). Same schema and seed, same value, so a test
 * can assert on it.
 */
import { type GenericSchema, is } from "valibot";
import type { AnySchema } from "../core/validation/schema-mismatch.js";
import { sampleRegex } from "./regex-sample.js";

type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every runtime. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a string (FNV-1a), to give each operation its own stream from one seed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

type Node = AnySchema;
type Action = { type: string; requirement?: unknown };

const MAX_DEPTH = 12;
const EPOCH = Date.UTC(2025, 0, 1);

export function sampleOf(schema: GenericSchema, random: Random, name = "", depth = 0): unknown {
  const s = schema as Node;
  if (depth > MAX_DEPTH) return null;
  const actions = (s.pipe ?? []).slice(1) as Action[];
  const rule = (type: string) => actions.find((a) => a.type === type)?.requirement;
  switch (s.type) {
    case "optional":
    case "nullable":
    case "nullish":
      return s.wrapped ? sampleOf(s.wrapped, random, name, depth) : null;
    case "null":
      return null;
    case "boolean":
      return random() < 0.5;
    case "literal":
      return s.literal;
    case "picklist":
      return pick(s.options ?? [], random);
    case "union": {
      const options = (s.options ?? []) as Node[];
      const nonNull = options.filter((o) => o.type !== "null");
      return sampleOf(pick(nonNull.length ? nonNull : options, random), random, name, depth + 1);
    }
    case "number":
      return sampleNumber(actions, random, name);
    case "string":
      return sampleString(s, random, name, rule);
    case "array": {
      const min = (rule("min_length") as number | undefined) ?? 0;
      const max = (rule("max_length") as number | undefined) ?? Math.max(min, 2);
      const length = Math.min(max, Math.max(min, 1 + Math.floor(random() * 2)));
      return Array.from({ length }, () => sampleOf(s.item as Node, random, singular(name), depth + 1));
    }
    case "object":
    case "loose_object":
    case "strict_object":
    case "object_with_rest": {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(s.entries ?? {})) out[key] = sampleOf(entry, random, key, depth + 1);
      return out;
    }
    case "record":
      return s.value ? { [`${name || "key"}1`]: sampleOf(s.value, random, name, depth + 1) } : {};
    case "intersect":
      return Object.assign({}, ...((s.options ?? []) as Node[]).map((o) => sampleOf(o, random, name, depth + 1)));
    default:
      // `unknown`/`any`: the spec says nothing, so any JSON does; a string reads best in a test's output.
      return `${name || "value"}`;
  }
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
}

function singular(name: string): string {
  return name.endsWith("s") ? name.slice(0, -1) : name;
}

function sampleNumber(actions: readonly Action[], random: Random, name: string): number {
  const integer = actions.some((a) => a.type === "integer");
  let lo = -Infinity;
  let hi = Infinity;
  for (const a of actions) {
    const n = a.requirement as number;
    if (a.type === "min_value") lo = Math.max(lo, n);
    if (a.type === "gt_value") lo = Math.max(lo, integer ? Math.floor(n) + 1 : n + 0.01);
    if (a.type === "max_value") hi = Math.min(hi, n);
    if (a.type === "lt_value") hi = Math.min(hi, integer ? Math.ceil(n) - 1 : n - 0.01);
  }
  // Counts and pages read best small; amounts in the hundreds.
  const typical = /page|limit|count|size|total|quantity|day|hour/i.test(name) ? [1, 50] : [1, 500];
  const from = Number.isFinite(lo)
    ? lo
    : Number.isFinite(hi)
      ? Math.min(typical[0] as number, hi)
      : (typical[0] as number);
  const to = Number.isFinite(hi) ? hi : Math.max(from, typical[1] as number);
  const value = from + random() * (to - from);
  if (integer) return Math.min(Math.max(Math.round(value), Math.ceil(from)), Math.floor(to));
  return Math.min(Math.max(Math.round(value * 100) / 100, from), to);
}

function sampleString(schema: Node, random: Random, name: string, rule: (type: string) => unknown): string {
  const n = Math.floor(random() * 9000) + 1000;
  const pattern = rule("regex") as RegExp | undefined;
  const format = formatOf(schema);
  const candidates: string[] = [];
  if (pattern) for (let i = 0; i < 20; i++) candidates.push(sampleRegex(pattern.source, random));
  // The schema's format wins over what the field's name suggests (an `emailVerified` is a date-time).
  candidates.push(format ? byFormat(format, name, n, random) : byName(name, n, random));
  const min = (rule("min_length") as number | undefined) ?? 0;
  const max = (rule("max_length") as number | undefined) ?? Infinity;
  for (const candidate of candidates) {
    const fitted = candidate.length < min ? candidate.padEnd(min, "x") : candidate.slice(0, max);
    if (is(schema, fitted)) return fitted;
  }
  throw new Error(`cannot make a sample string for ${name || "a value"} (pattern ${pattern})`);
}

/** The format a string's pipe checks (string-formats.ts puts it there as a `format` action), if any. */
function formatOf(schema: Node): string | undefined {
  const action = schema.pipe?.find((a) => a.type === "format") as { expects?: unknown } | undefined;
  return typeof action?.expects === "string" ? action.expects : undefined;
}

function byFormat(format: string, name: string, n: number, random: Random): string {
  const timestamp = () => new Date(EPOCH + Math.floor(random() * 365 * 86_400) * 1000).toISOString();
  switch (format) {
    case "date-time":
      return timestamp();
    case "date":
      return timestamp().slice(0, 10);
    case "email":
      return `user${n}@example.com`;
    case "uri":
      return `https://example.com/${name.toLowerCase() || "resource"}/${n}`;
    default:
      return byName(name, n, random);
  }
}

/** Plausible text for a field, from its name. */
function byName(name: string, n: number, random: Random): string {
  const lower = name.toLowerCase();
  if (lower.includes("email")) return `user${n}@example.com`;
  if (/(^|_)(id|.*id)$/.test(lower) || lower.endsWith("id")) {
    return Array.from({ length: 24 }, () => "0123456789abcdef"[Math.floor(random() * 16)]).join("");
  }
  if (/url|uri|link|website/.test(lower)) return `https://example.com/${lower || "resource"}/${n}`;
  if (/(at|date|time|timestamp|expires|since|until)$/.test(lower) || /date|time/.test(lower)) {
    return new Date(EPOCH + Math.floor(random() * 365 * 86_400) * 1000).toISOString();
  }
  if (/phone/.test(lower)) return `+1555${String(n).padStart(7, "0")}`;
  if (/currency/.test(lower)) return "USD";
  if (/status|state/.test(lower)) return "active";
  return `${name || "value"}-${n}`;
}
