// A path that is not in the spec must be named in the compile error, with or without an init. A
// `@ts-expect-error` only shows that there is *an* error (before the fix it was "Expected 2 arguments, but got
// 1", which names nothing), so this compiles a small file with the project's compiler options and reads the
// diagnostics' text.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { REPO_ROOT } from "../support/run-child.js";

const TYPO = "/v2/giftcards/audit-log"; // the spec has /v2/giftcards/audit-logs
const CALLS = [
  `client.GET("${TYPO}")`,
  `client.GET("${TYPO}", {})`,
  `client.DELETE("${TYPO}")`,
  `client.request("get", "${TYPO}")`,
  `throwing.GET("${TYPO}")`,
];

it("names the unknown path in the diagnostic of every call form", () => {
  // Under the git-ignored .tmp/, outside tsconfig's `include`: a typecheck or lint running meanwhile never sees
  // this deliberately broken file, and a killed run leaves nothing in the source tree.
  mkdirSync(join(REPO_ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(REPO_ROOT, ".tmp/unknown-path-"));
  try {
    writeFileSync(
      join(dir, "calls.ts"),
      [
        `import { createLoyaltyDogClient } from "../../src/index.js";`,
        `const client = createLoyaltyDogClient({ token: "t" });`,
        `const throwing = createLoyaltyDogClient({ token: "t", throwOnError: true });`,
        ...CALLS.map((call, index) => `export const call${index} = ${call};`),
      ].join("\n"),
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../../tsconfig.json", include: ["calls.ts"] }),
    );
    const output = compile(join(dir, "tsconfig.json"));
    const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
    // One error per call, on its line, and each names the path.
    expect(errors.map((line) => Number(/\((\d+),\d+\)/.exec(line)?.[1]))).toEqual(CALLS.map((_, index) => index + 4));
    for (const line of errors) {
      expect(line).toContain(`Argument of type '"${TYPO}"' is not assignable to parameter of type 'PathsWith<`);
      expect(line).not.toMatch(/Expected \d+ arguments/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** tsgo's output (the errors are what is wanted, so a non-zero exit is expected). */
function compile(project: string): string {
  try {
    execFileSync(join(REPO_ROOT, "node_modules/.bin/tsgo"), ["-p", project, "--noEmit", "--pretty", "false"], {
      encoding: "utf8",
    });
    return "";
  } catch (error) {
    return (error as { stdout?: string }).stdout ?? String(error);
  }
}
