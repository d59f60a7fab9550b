/**
 * Walks the import graph of a built entry (its own files and every package
 * it reaches, as a bundler would) and lists the imports of Node built-ins:
 * `node:*` specifiers, and bare built-in names (`fs`, `stream`) that
 * bundlers for browsers and Workers cannot resolve.
 */
import { builtinModules } from "node:module";
import { build } from "esbuild";

export interface BuiltinImport {
  importer: string;
  specifier: string;
}

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

export async function nodeBuiltinImports(entry: string, conditions: string[]): Promise<BuiltinImport[]> {
  const found: BuiltinImport[] = [];
  await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    mainFields: ["browser", "module", "main"],
    conditions,
    logLevel: "silent",
    plugins: [
      {
        name: "record-builtins",
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (!args.path.startsWith("node:") && !BUILTINS.has(args.path)) return undefined;
            found.push({ importer: args.importer, specifier: args.path });
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return found;
}
