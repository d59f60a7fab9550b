// npm run generate [-- --source URL|PATH] [--update-pin]
// Generates generated/ from the pinned spec: openapi-typescript types, the
// operation table and the idempotency set. Refuses a spec that is not the
// pinned one unless --update-pin says to accept it.
import { pinFor, writePin } from "./lib/pin.js";
import { context, loadSpecForGeneration, requirePinMatch, runScript, writeGenerated } from "./lib/pipeline.js";

await runScript(async () => {
  const ctx = context();
  const spec = await loadSpecForGeneration(ctx);
  if (ctx.argv.includes("--update-pin")) await writePin(ctx.root, pinFor(spec));
  else requirePinMatch(ctx, spec);
  const { files, bytes } = await writeGenerated(ctx, spec);
  process.stdout.write(`generated ${files} files (${bytes} bytes) in generated/ from ${spec.source}\n`);
  return 0;
});
