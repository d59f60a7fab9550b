import { InvalidArgumentError } from "../errors/invalid-argument.js";

/**
 * Options checked at run time, for callers the compiler does not see (plain
 * JavaScript, `any`, a config object read from JSON). Left unchecked, a
 * misspelled key (`maxRetry`, `timeoutMS`) is silently ignored and the
 * default applies, which looks like it works until the day it matters.
 *
 * This runs once per client, and its code ships in every app's bundle (the
 * one-call app's budget, `npm run bench -- size`), so it is a table and two
 * small functions, not a schema library. Each option's rule is the text the
 * error shows, and the check reads it too: the `typeof` names the value may
 * have (`"a string or a function"`), or its allowed values, quoted
 * (`'"auto", "all-posts" or "off"'`). The message does not quote the value
 * given: it may be a secret (a token passed to the wrong option).
 */
export type OptionRules = Record<string, string>;

/** Throws for a key not in `rules` (suggesting a close one) or a value its rule refuses; `undefined` is always allowed. */
export function checkOptions(where: string, options: object, rules: OptionRules): void {
  for (const [key, value] of Object.entries(options)) {
    const rule = rules[key];
    const values = rule?.[0] === '"';
    if (
      !rule ||
      (value !== undefined &&
        !(values
          ? typeof value === "string" && rule.includes(`"${value}"`)
          : value !== null && rule.includes(typeof value)))
    ) {
      throw new InvalidArgumentError(
        `${where}: ${rule ? `\`${key}\` must be ${rule}` : `unknown option \`${key}\`${didYouMean(key, Object.keys(rules))}`}`,
      );
    }
  }
}

/**
 * `; did you mean \`name\`?` for a known name close to `key`, or "". Close means the same once case and a
 * plural or singular ending are set aside, or a start of it (`timeoutMS`, `timeout` → `timeoutMs`; `maxRetry` →
 * `maxRetries`; `param` → `params`; `baseURL` → `baseUrl`). Not an edit distance: that catches a few more typos
 * (`tokn`) for twice the bytes, and every byte here is in every app.
 */
export function didYouMean(key: string, names: readonly string[]): string {
  const stem = (name: string) => name.toLowerCase().replace(/(ie)?s$|y$/, "");
  const wanted = stem(key);
  const best = wanted.length > 3 && names.find((name) => stem(name).startsWith(wanted));
  return best ? `; did you mean \`${best}\`?` : "";
}
