import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "@loyaltydog/sdk";

/**
 * The SDK checkout this CLI runs from, if it is one: the nearest
 * `package.json` named `@loyaltydog/sdk` above `from` (src/cli or
 * dist/src/cli) that also has `scripts/`. An installed package ships no
 * `scripts/`, so there the answer is undefined.
 */
export function findSdkCheckout(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) {
      return existsSync(join(dir, "scripts", "spec-check.ts")) ? dir : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** tsx's CLI as the checkout installed it (a dev dependency), run with this same node. */
export function tsxCli(root: string): string | undefined {
  try {
    return createRequire(join(root, "package.json")).resolve("tsx/cli");
  } catch {
    return undefined;
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
