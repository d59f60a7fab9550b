import { type Scrubber, scrubber } from "./redact.js";

/**
 * How much server-chosen text an error keeps. A server (or a proxy in
 * front of it) decides how big an error body is; an error must not turn a
 * 200 MB body into a 200-million-character message, nor keep it alive for
 * as long as the error is referenced. Everything kept is also scrubbed of
 * secrets (redact.ts), and the cut is made after scrubbing, so it never
 * leaves part of a secret behind.
 */

/** The most characters of server text (a `detail`, a `message`, a page title) in an error message. */
export const MAX_SERVER_TEXT = 500;
/** The longest message any SDK error carries. */
export const MAX_MESSAGE = 2_000;
/** The most characters an error keeps of a body (strings and keys counted); the rest is marked as truncated. */
export const MAX_KEPT_BODY = 100_000;
/** Nesting deeper than this is cut: no real error body needs it, and walking it would only cost stack. */
const MAX_DEPTH = 32;

export const TRUNCATED = "…[truncated]";

/** `text` scrubbed of secrets and cut to `max` characters (marked with `…`). */
export function clip(text: string, max: number, scrub: Scrubber): string {
  const head = text.slice(0, max + scrub.longest + 1); // the whole text when it is short
  const clean = scrub.text(head);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** Whitespace runs (newlines included) collapsed, scrubbed and cut: server text fit for a one-line message. */
export function oneLine(text: string, max: number = MAX_SERVER_TEXT, scrub: Scrubber = scrubber()): string {
  // Collapse only a bounded head: the cut comes after, and a huge body must not be copied whole first.
  const head = text.slice(0, 2 * max + scrub.longest);
  return clip(head.replace(/\s+/g, " ").trim(), max, scrub);
}

/**
 * A copy of a parsed body (JSON values, or text) that an error can keep:
 * at most `MAX_KEPT_BODY` characters of strings and keys, at most
 * `MAX_DEPTH` levels, secrets scrubbed. An ordinary body comes out equal to
 * the original.
 */
export function keptCopy(value: unknown, scrub: Scrubber): unknown {
  return copy(value, { left: MAX_KEPT_BODY }, 0, scrub);
}

function copy(value: unknown, budget: { left: number }, depth: number, scrub: Scrubber): unknown {
  if (typeof value === "string") {
    const room = budget.left;
    budget.left -= Math.min(value.length, room);
    return value.length > room ? `${clip(value, room, scrub).replace(/…$/, "")}${TRUNCATED}` : scrub.text(value);
  }
  if (value === null || typeof value !== "object") {
    budget.left -= 1;
    return value;
  }
  if (depth >= MAX_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      if (budget.left <= 0) {
        out.push(TRUNCATED);
        break;
      }
      out.push(copy(item, budget, depth + 1, scrub));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (budget.left <= 0) {
      define(out, "…", TRUNCATED);
      break;
    }
    budget.left -= key.length;
    define(out, scrub.text(key), copy((value as Record<string, unknown>)[key], budget, depth + 1, scrub));
  }
  return out;
}

/** A JSON body may have an own `__proto__` key: plain assignment would set the prototype instead. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}
