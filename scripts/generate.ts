// npm run generate [-- --source URL|PATH] [--update-pin]
// Generates generated/ from the pinned spec: openapi-typescript types, the
// operation table and the idempotency set. Refuses a spec that is not the
// pinned one unless --update-pin says to accept it.
import { context, loadSpecForGeneration, requirePinMatch, runScript, writeGenerated } from "./lib/pipeline.js";
import { savePulled } from "./lib/pull.js";

await runScript(async () => {
  const ctx = context();
  const spec = await loadSpecForGeneration(ctx);
  // --update-pin pins the spec as spec:pull would (the local copy with it), so the two never disagree.
  if (ctx.argv.includes("--update-pin")) await savePulled(ctx, spec);
  else await requirePinMatch(ctx, spec);
  const { files, bytes } = await writeGenerated(ctx, spec);
  process.stdout.write(`generated ${files} files (${bytes} bytes) in generated/ from ${spec.source}\n`);
  return 0;
});
