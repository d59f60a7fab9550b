// node scripts/run-ts.mjs scripts/lib/drift/compat-generate.ts <spec.json> <canonical-sha256> <out-dir>
// The generation half of the compatibility check, run by sdk-compat.ts as a child process under plain Node
// (run-ts.mjs bundles it): under tsx's loader, importing openapi-typescript (and TypeScript with it) costs
// about twice the CPU, and as a child it runs on the other core while spec:check classifies the drift.
// Writes the TypeScript files `src/` compiles against (generateTypeArtifacts) into <out-dir>.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateTypeArtifacts } from "../generate-artifacts.js";
import type { OpenApiDocument } from "../spec-source.js";

const [specFile, canonicalSha256, outDir] = process.argv.slice(2);
if (!specFile || !canonicalSha256 || !outDir) {
  process.stderr.write("usage: compat-generate.ts <spec.json> <canonical-sha256> <out-dir>\n");
  process.exit(2);
}
try {
  // Already loaded and validated by spec:check, which wrote it here.
  const doc = JSON.parse(readFileSync(specFile, "utf8")) as OpenApiDocument;
  const artifacts = await generateTypeArtifacts(doc, canonicalSha256);
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of artifacts) writeFileSync(join(outDir, name), content);
} catch (error) {
  // One line for the report: the parent says what failed.
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
