// npm run spec:pull [-- --source URL|PATH]
// Fetches the upstream spec, validates it, keeps a git-ignored local copy and
// writes openapi/pin.json. On any failure nothing is written.
import { context, runScript } from "./lib/pipeline.js";
import { pull } from "./lib/pull.js";

await runScript(async () => {
  const { pin, changed } = await pull(context());
  process.stdout.write(
    `pulled ${pin.source}: OpenAPI ${pin.openapi}, version ${pin.infoVersion}, ${pin.operations} operations, ` +
      `${pin.schemas} schemas, ${pin.bytes} bytes, canonical sha256 ${pin.canonicalSha256}` +
      `${changed ? " (pin updated: now run `npm run generate`)" : " (unchanged)"}\n`,
  );
  return 0;
});
