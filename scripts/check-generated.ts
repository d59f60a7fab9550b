// npm run generate:check [-- --source URL|PATH]
// Regenerates in memory and fails, naming the files, when generated/ is stale
// or was edited by hand. Writes nothing.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  artifactsFor,
  context,
  generatedDir,
  listGenerated,
  loadSpecForGeneration,
  PipelineError,
  requirePinMatch,
  runScript,
} from "./lib/pipeline.js";

await runScript(async () => {
  const ctx = context();
  const spec = await loadSpecForGeneration(ctx);
  await requirePinMatch(ctx, spec);
  const expected = await artifactsFor(spec);
  const dir = generatedDir(ctx);
  const problems: string[] = [];
  for (const [name, content] of expected) {
    const actual = await readFile(join(dir, name), "utf8").catch(() => undefined);
    if (actual === undefined) problems.push(`generated/${name} is missing`);
    else if (actual !== content) problems.push(`generated/${name} differs from a fresh generation`);
  }
  for (const name of await listGenerated(dir)) {
    if (!expected.has(name)) problems.push(`generated/${name} is not produced by the generator`);
  }
  if (problems.length > 0) {
    throw new PipelineError(`generated/ is stale: ${problems.join("; ")} (run \`npm run generate\`)`);
  }
  process.stdout.write(`generated/ is up to date with ${spec.source} (${expected.size} files)\n`);
  return 0;
});
