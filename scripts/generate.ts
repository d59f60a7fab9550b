// npm run generate [-- --source URL|PATH] [--update-pin]
// Generates generated/ from the pinned spec: openapi-typescript types, the
// operation table and the idempotency set. Refuses a spec that is not the
// pinned one unless --update-pin says to accept it.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { pinFor, writePin } from "./lib/pin.js";
import {
  artifactsFor,
  context,
  generatedDir,
  listGenerated,
  loadSpecForGeneration,
  requirePinMatch,
  runScript,
} from "./lib/pipeline.js";
import { writeFileAtomic } from "./lib/write-atomic.js";

await runScript(async () => {
  const ctx = context();
  const spec = await loadSpecForGeneration(ctx);
  if (ctx.argv.includes("--update-pin")) await writePin(ctx.root, pinFor(spec));
  else requirePinMatch(ctx, spec);

  // Generate everything in memory first: a failure here leaves generated/ as it was.
  const artifacts = await artifactsFor(spec);
  const dir = generatedDir(ctx);
  for (const [name, content] of artifacts) await writeFileAtomic(join(dir, name), content);
  for (const name of await listGenerated(dir)) if (!artifacts.has(name)) await rm(join(dir, name));
  const size = [...artifacts.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);
  process.stdout.write(`generated ${artifacts.size} files (${size} bytes) in generated/ from ${spec.source}\n`);
  return 0;
});
