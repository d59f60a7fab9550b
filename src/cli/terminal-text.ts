/**
 * Server-chosen text (task ids, statuses, error messages, URLs) made safe to
 * print: terminal escape sequences and control characters removed, line
 * breaks and tabs turned into spaces. Printed as it came, a hostile answer
 * could move the cursor, rewrite earlier lines, retitle the window, plant a
 * link or forge an `error:` line of its own. Bidi overrides go too, as they
 * reorder what the reader sees.
 */

// CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`, or to the end when unterminated) and two-character escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?/g;
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(LINE_BREAKS, " ").replace(CONTROLS, "");
}
