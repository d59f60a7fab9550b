// npm run spec:update [-- --source URL|PATH]
// `spec:pull` then `generate`, in one process: the spec is read, validated
// and hashed once, and the runtime (tsx, TypeScript, openapi-typescript) is
// loaded once. Startup is most of the two-step pipeline's time
// (bench/generation.ts), so this is the fast way to refresh generated/.
// Same outputs as the two steps: the pin, the local copy, generated/.
import { context, runScript, writeGenerated } from "./lib/pipeline.js";
import { pull } from "./lib/pull.js";

await runScript(async () => {
  const ctx = context();
  const { pin, changed, spec } = await pull(ctx);
  const { files, bytes } = await writeGenerated(ctx, spec);
  process.stdout.write(
    `pulled ${pin.source} (${pin.operations} operations, canonical sha256 ${pin.canonicalSha256}${changed ? ", pin updated" : ", unchanged"}); ` +
      `generated ${files} files (${bytes} bytes) in generated/\n`,
  );
  return 0;
});
