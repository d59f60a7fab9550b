/**
 * A string a spec `pattern` accepts, drawn from a seeded random source. Covers
 * the regex subset JSON Schema patterns use in practice (literals, escapes,
 * classes, groups with alternation, quantifiers, anchors; lookarounds are
 * skipped and the result is checked against the real RegExp by the caller).
 */

type Random = () => number;

const DIGITS = "0123456789";
const WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

export function sampleRegex(pattern: string, random: Random): string {
  const state = { pattern, at: 0, random };
  return alternation(state);
}

interface State {
  pattern: string;
  at: number;
  random: Random;
}

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)] as T;

function alternation(s: State): string {
  const branches: string[] = [];
  let current = "";
  while (s.at < s.pattern.length && s.pattern[s.at] !== ")") {
    if (s.pattern[s.at] === "|") {
      s.at++;
      branches.push(current);
      current = "";
      continue;
    }
    current += quantified(s);
  }
  branches.push(current);
  return pick(branches, s.random);
}

function quantified(s: State): string {
  const atom = readAtom(s);
  let [min, max] = [1, 1];
  const q = s.pattern[s.at];
  if (q === "?") [min, max] = [0, 1];
  else if (q === "*") [min, max] = [1, 3];
  else if (q === "+") [min, max] = [1, 3];
  else if (q === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(s.pattern.slice(s.at));
    if (m) {
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + 2;
      s.at += m[0].length - 1;
    }
  }
  if (q === "?" || q === "*" || q === "+" || (q === "{" && s.pattern[s.at] === "}")) s.at++;
  if (s.pattern[s.at] === "?") s.at++; // lazy quantifier: same strings
  const count = min + Math.floor(s.random() * (max - min + 1));
  let out = "";
  for (let i = 0; i < count; i++) out += atom();
  return out;
}

function readAtom(s: State): () => string {
  const c = s.pattern[s.at++] as string;
  if (c === "^" || c === "$") return () => "";
  if (c === "(") {
    if (s.pattern.startsWith("?:", s.at)) s.at += 2;
    else if (/^\?<?[=!]/.test(s.pattern.slice(s.at))) {
      // A lookaround constrains, it does not produce: skip it (the caller checks the result).
      skipGroup(s);
      return () => "";
    }
    const start = s.at;
    const body = s.pattern;
    skipGroup(s);
    const inner = body.slice(start, s.at - 1);
    return () => alternation({ pattern: inner, at: 0, random: s.random });
  }
  if (c === "[") return charClass(s);
  if (c === "\\") return escapeAtom(s);
  if (c === ".") return () => pick([...WORD], s.random);
  return () => c;
}

function skipGroup(s: State): void {
  let depth = 1;
  while (s.at < s.pattern.length && depth > 0) {
    const c = s.pattern[s.at++];
    if (c === "\\") s.at++;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
  }
}

function escapeAtom(s: State): () => string {
  const c = s.pattern[s.at++] as string;
  const set = classEscape(c);
  return set ? () => pick([...set], s.random) : () => c;
}

function classEscape(c: string): string | undefined {
  if (c === "d") return DIGITS;
  if (c === "w") return WORD;
  if (c === "s") return " ";
  if (c === "D" || c === "W" || c === "S") return "-";
  return undefined;
}

function charClass(s: State): () => string {
  const negated = s.pattern[s.at] === "^";
  if (negated) s.at++;
  let members = "";
  let first = true;
  while (s.at < s.pattern.length && (s.pattern[s.at] !== "]" || first)) {
    first = false;
    let c = s.pattern[s.at++] as string;
    if (c === "\\") {
      const e = s.pattern[s.at++] as string;
      const set = classEscape(e);
      if (set) {
        members += set;
        continue;
      }
      c = e;
    }
    if (s.pattern[s.at] === "-" && s.pattern[s.at + 1] !== "]" && s.at + 1 < s.pattern.length) {
      s.at++;
      let end = s.pattern[s.at++] as string;
      if (end === "\\") end = s.pattern[s.at++] as string;
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) members += String.fromCharCode(code);
    } else members += c;
  }
  s.at++; // ]
  const choices = negated ? [...PRINTABLE].filter((ch) => !members.includes(ch)) : [...members];
  return () => pick(choices, s.random);
}
