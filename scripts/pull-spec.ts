// npm run spec:pull [-- --source URL|PATH]
// Fetches the upstream spec, validates it, keeps a git-ignored local copy and
// writes openapi/pin.json. On any failure nothing is written.

import { unsharedSourceNote } from "./lib/pin.js";
import { context, runScript } from "./lib/pipeline.js";
import { pull } from "./lib/pull.js";

await runScript(async () => {
  const { pin, changed, spec } = await pull(context());
  process.stdout.write(
    `pulled ${spec.source}: OpenAPI ${pin.openapi}, version ${pin.infoVersion}, ${pin.operations} operations, ` +
      `${pin.schemas} schemas, ${pin.bytes} bytes, canonical sha256 ${pin.canonicalSha256}` +
      `${changed ? " (pin updated: now run `npm run generate`)" : " (unchanged)"}\n` +
      unsharedSourceNote(pin),
  );
  return 0;
});
