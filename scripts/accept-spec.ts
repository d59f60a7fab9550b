// npm run spec:accept [-- --source URL|PATH] [--no-compat]
// Accepts the upstream spec from the same source `spec:check` reads (--source, else
// $LOYALTYDOG_OPENAPI_SOURCE, else the default URL): classifies the drift against the
// pin exactly as `spec:check` does, then writes the local copy, openapi/pin.json,
// generated/, the inputs upstream added to simulated operations (accepted, ignored by
// the simulator: openapi/simulator-unreviewed-inputs.json) and, when the API changed,
// a changeset (.changeset/upstream-spec-*.md) whose bump follows the classification. In sync, it refreshes generated/ and writes
// no changeset. A source that cannot be read or classified writes nothing.
// Exit 0 accepted (or already in sync), 2 could not read or classify the source, 1 other failure.
import { acceptSpec } from "./lib/accept.js";
import { EXIT_CODES } from "./lib/drift/check.js";
import { unsharedSourceNote } from "./lib/pin.js";
import { context, runScript } from "./lib/pipeline.js";
import { describeUnreviewed, UNREVIEWED_INPUTS_FILE } from "./lib/simulator-review.js";

await runScript(async () => {
  const result = await acceptSpec(context(), { compat: !process.argv.includes("--no-compat") });
  const out = process.stdout;
  switch (result.status) {
    case "unchecked":
      process.stderr.write(`error: could not check ${result.source}: ${result.reason}\nNothing was written.\n`);
      return EXIT_CODES.unchecked;
    case "first-pin":
      out.write(`pinned ${result.source} (first pin: no changeset); generated ${result.files} files\n`);
      out.write(unsharedSourceNote(result.pin));
      return 0;
    case "in-sync":
      out.write(
        `${result.source} is the pinned spec: nothing to accept (generated/ refreshed, ${result.files} files)\n`,
      );
      out.write(unsharedSourceNote(result.pin));
      return 0;
    case "accepted": {
      const { drift, changeset, pin, simulatorInputs } = result;
      const { counts, compat } = drift;
      out.write(
        `accepted ${result.source} (version ${drift.pin.infoVersion} → ${pin.infoVersion}): ` +
          `${counts.breaking} breaking · ${counts["non-breaking"]} non-breaking · ${counts["docs-only"]} docs-only\n` +
          `wrote openapi/pin.json, generated/ (${result.files} files) and ${changeset.file} (${changeset.bump}: ${changeset.level})\n`,
      );
      out.write(unsharedSourceNote(pin));
      if (simulatorInputs.length > 0)
        out.write(
          `\nTesting kit simulator (recorded in ${UNREVIEWED_INPUTS_FILE} and the changeset; review them in ` +
            "src/testing/simulator/simulated-inputs.ts when the simulator should act on them):\n" +
            simulatorInputs.map((entry) => `  ${describeUnreviewed(entry)}\n`).join(""),
        );
      if (!compat) out.write("SDK compatibility not checked (--no-compat): run `npm run typecheck`\n");
      else if (compat.errors.length > 0)
        out.write(
          `\n${compat.errors.length} compiler error${compat.errors.length > 1 ? "s" : ""} in the SDK's code (${compat.scope.join("/, ")}/) against the new ` +
            "types: fix them in the same change (`npm run typecheck`), the changeset lists them:\n" +
            compat.errors.map((e) => `  ${e}\n`).join(""),
        );
      return 0;
    }
  }
});
