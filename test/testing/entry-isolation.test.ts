import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** Every module the file reaches through static and dynamic imports (relative ones followed, bare ones listed). */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      const specifier = match[1] ?? "";
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier).replace(/\.js$/, ".ts"));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}

describe("package entries", () => {
  it("keeps the testing kit (and msw) out of the main entry's import graph", () => {
    const graph = [...importGraph(resolve(root, "src/index.ts"))];
    expect(
      graph.filter((m) => m.includes("/src/testing/") || m.startsWith("msw") || m.startsWith("openapi-msw")),
    ).toEqual([]);
  });

  it("keeps React and TanStack Query (the ./react-query entry's optional peers) out of the main entry's import graph", () => {
    const graph = [...importGraph(resolve(root, "src/index.ts"))];
    expect(
      graph.filter((m) => m.endsWith("/src/react-query.ts") || m.startsWith("@tanstack/") || m === "react"),
    ).toEqual([]);
    // The check can fail: the entry itself reaches them.
    expect([...importGraph(resolve(root, "src/react-query.ts"))]).toContain("@tanstack/react-query");
  });

  it("exports ./react-query with React and TanStack Query as optional peers", () => {
    const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8"));
    expect(pkg.exports["./react-query"]).toEqual({
      types: "./dist/src/react-query.d.ts",
      default: "./dist/src/react-query.js",
    });
    expect(pkg.peerDependenciesMeta).toMatchObject({
      "@tanstack/react-query": { optional: true },
      react: { optional: true },
    });
  });

  it("keeps the validators (and valibot) out of the main entry: only @loyaltydog/sdk/validate loads them", () => {
    const main = [...importGraph(resolve(root, "src/index.ts"))];
    expect(main.filter((m) => m.startsWith("valibot") || m.endsWith("generated/validators.ts"))).toEqual([]);
    const validate = [...importGraph(resolve(root, "src/validate.ts"))];
    expect(validate).toContain("valibot");
    expect(validate.filter((m) => m.endsWith("generated/validators.ts"))).toHaveLength(1);
  });

  it("exports ./testing with types and default conditions (default, not import: require(esm) works too)", () => {
    const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8"));
    expect(pkg.exports["./testing"]).toEqual({
      types: "./dist/src/testing/index.d.ts",
      default: "./dist/src/testing/index.js",
    });
    expect(pkg.peerDependenciesMeta).toMatchObject({ msw: { optional: true }, "openapi-msw": { optional: true } });
  });
});
