import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { circles, importGraph, sourceFiles } from "./import-graph.js";

const root = path.resolve(import.meta.dirname, "../..");
const CORE = "src/core";

/** The folder order as the README's layout section writes it: "Import direction inside `src/core/`: **a → b → …**". */
function documentedOrder(): string[] {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const match = /Import direction inside `src\/core\/`: \*\*([^*]+)\*\*/.exec(readme);
  if (!match) throw new Error("README.md: the layout section no longer states the import direction inside src/core/");
  return (match[1] as string).split("→").map((name) => name.replace(/\s+/g, " ").trim());
}

/** `src/core/http/transport.ts` → `http`; a file outside `src/core/` → undefined. */
function coreFolder(file: string): string | undefined {
  const rel = path.relative(CORE, file);
  if (rel.startsWith("..")) return undefined;
  return rel.includes(path.sep) ? (rel.split(path.sep)[0] as string) : "";
}

describe("layout: src/core by concern, imports in one direction, no circles", () => {
  const order = documentedOrder();
  const srcGraph = importGraph(root, sourceFiles(root, "src"));

  it("every folder of src/core/ is in the documented order, has a README, and no file sits at its root", () => {
    const folders = readdirSync(path.join(root, CORE)).filter((name) =>
      statSync(path.join(root, CORE, name)).isDirectory(),
    );
    expect(folders.sort()).toEqual([...order].sort());
    for (const folder of folders) expect(statSync(path.join(root, CORE, folder, "README.md")).isFile()).toBe(true);
    const loose = readdirSync(path.join(root, CORE)).filter(
      (name) => !statSync(path.join(root, CORE, name)).isDirectory(),
    );
    expect(loose).toEqual([]);
  });

  it("a folder of src/core/ imports only folders before it, and nothing of src/ outside core/", () => {
    const wrong: string[] = [];
    for (const [file, targets] of srcGraph) {
      const from = coreFolder(file);
      if (from === undefined) continue;
      for (const target of targets) {
        const to = coreFolder(target);
        if (to === undefined) {
          if (target.startsWith("src/")) wrong.push(`${file} → ${target} (core/ imports nothing of src/ outside it)`);
          continue;
        }
        if (order.indexOf(to) > order.indexOf(from))
          wrong.push(`${file} → ${target} (${from}/ comes before ${to}/ in the README's import direction)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("no import circle anywhere in src/ or scripts/ (type-only imports included)", () => {
    const graph = new Map([...srcGraph, ...importGraph(root, sourceFiles(root, "scripts"))]);
    expect(circles(graph).map((circle) => circle.join(" ↔ "))).toEqual([]);
  });

  it("no file of src/core/ grows past 320 lines: split it by idea instead", () => {
    const long = [...srcGraph.keys()]
      .filter((file) => coreFolder(file) !== undefined)
      .map((file) => ({ file, lines: readFileSync(path.join(root, file), "utf8").split("\n").length }))
      .filter(({ lines }) => lines > 320);
    expect(long).toEqual([]);
  });

  it("the circle finder finds a circle (so the check above can fail)", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
      ["d.ts", ["a.ts"]],
    ]);
    expect(circles(graph)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });
});
