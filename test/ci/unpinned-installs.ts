// Finds installs in gating checks that would resolve a version nobody wrote down: a dist-tag (`@latest`), an
// `npm install name` without an exact version, an `npx tool` that is not a bin of the lockfile's packages (npx would
// download it). Gating checks install from a lockfile (`npm ci`, `npm install` with no names) or exact versions
// (`name@1.2.3`, test/workspace/pinned-versions.ts's `installSpecs(…)`), so a commit's result does not change
// when the registry does. Line-based and strict on purpose: a form it cannot read is a finding, to be rewritten in
// one it can.

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

const EXACT_SPEC = /^(?:@[\w.-]+\/)?[\w.-]+@\d+\.\d+\.\d+(?:-[\w.]+)?$/;
const PATH_LIKE = /^(?:\.{1,2}\/|\/|file:|\$\{)|\.tgz$/;
const DIST_TAG = /[\w/-]@(?:latest|next|canary|nightly|insiders)(?![\w.-])/;
/**
 * Where a shell command starts: in a shell file, any line (after `&&`, `;`, `|`, `(`, `sudo`, `run:`); in code, only
 * a string handed to a shell runner (`sh("npx tsgo …")`), so a test's name or a log line that mentions
 * "npm install in the workspace" is prose, not a command.
 */
const SHELL_START = String.raw`(?:^|[;&|(]|\$\(|run:)[ \t]*(?:sudo[ \t]+)?`;
const CODE_START = String.raw`\b(?:sh|shell|exec|execSync)\(\s*["'\`]\s*`;
/** `npm install …`, `pnpm add …`, `yarn add …`, `bun add …`. */
const INSTALL = String.raw`(?:npm|pnpm|yarn|bun)\s+(?:install|i|in|add|isntall)\b([^;&|\`"'\n)]*)`;
/** `npx tool …` / `pnpm dlx` / `bunx`. */
const NPX = String.raw`(?:npx|bunx|pnpm\s+dlx)\s+((?:-[\w-]+(?:=\S+)?\s+)*)([^\s;&|\`"')]+)`;
/** An argument array handed to npm: `["install", …]` (possibly spread over several lines). */
const ARRAY_INSTALL = /\[\s*["'](?:install|i|add)["']\s*,([^\]]*)\]/g;
/** `run("npx", ["tool", …])` and the like. */
const ARRAY_NPX = /["'](?:npx|bunx)["']\s*,\s*\[\s*["']([^"']+)["']/g;

/** The findings in one file's text; `bins` are the commands the lockfile's packages install (npx runs them locally). */
export function findUnpinned(file: string, text: string, bins: ReadonlySet<string>): Finding[] {
  const start = /\.[cm]?[jt]sx?$/.test(file) ? CODE_START : SHELL_START;
  const shellInstall = new RegExp(start + INSTALL, "gm");
  const shellNpx = new RegExp(start + NPX, "gm");
  const findings: Finding[] = [];
  const lines = text.split("\n");
  const lineOf = (index: number) => text.slice(0, index).split("\n").length;
  const isComment = (line: number) => /^\s*(?:\/\/|#|\*|\/\*)/.test(lines[line - 1] ?? "");
  const add = (index: number, why: string) => {
    const line = lineOf(index);
    if (!isComment(line)) findings.push({ file, line, text: (lines[line - 1] ?? "").trim(), why });
  };

  lines.forEach((lineText, i) => {
    const tag = DIST_TAG.exec(lineText);
    if (tag && !isComment(i + 1))
      findings.push({ file, line: i + 1, text: lineText.trim(), why: `dist-tag ${tag[0]}` });
  });
  for (const match of text.matchAll(shellInstall)) {
    const args = (match[1] ?? "").trim().split(/\s+/).filter(Boolean);
    for (const arg of args) {
      if (arg.startsWith("-") || arg.startsWith("$") || PATH_LIKE.test(arg) || EXACT_SPEC.test(arg)) continue;
      add(match.index, `${arg} is not an exact version`);
    }
  }
  for (const match of text.matchAll(shellNpx)) {
    const tool = match[2] ?? "";
    if (bins.has(tool) || EXACT_SPEC.test(tool) || tool.startsWith("$")) continue;
    add(match.index, `npx ${tool}: not a bin of the lockfile's packages (npx would download it)`);
  }
  for (const match of text.matchAll(ARRAY_INSTALL)) {
    for (const raw of (match[1] ?? "").split(",")) {
      const element = raw.trim();
      if (element === "" || /^\.\.\.installSpecs\(/.test(element)) continue;
      const literal = /^(["'`])(.*)\1$/s.exec(element)?.[2];
      if (literal === undefined) {
        add(match.index, `${element}: not a literal nor installSpecs(…)`);
        continue;
      }
      if (literal.startsWith("-") || PATH_LIKE.test(literal) || EXACT_SPEC.test(literal)) continue;
      add(match.index, `${literal} is not an exact version`);
    }
  }
  for (const match of text.matchAll(ARRAY_NPX)) {
    const tool = match[1] ?? "";
    if (!bins.has(tool) && !EXACT_SPEC.test(tool)) {
      add(match.index, `npx ${tool}: not a bin of the lockfile's packages (npx would download it)`);
    }
  }
  return findings;
}

/** Every command the lockfile's packages install (`bin` of each entry): what `npx` runs without downloading. */
export function lockfileBins(lock: {
  packages: Record<string, { bin?: Record<string, string> | string }>;
}): Set<string> {
  const bins = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (typeof entry.bin === "string") bins.add(path.split("node_modules/").at(-1)?.split("/").at(-1) ?? "");
    else for (const name of Object.keys(entry.bin ?? {})) bins.add(name);
  }
  return bins;
}
