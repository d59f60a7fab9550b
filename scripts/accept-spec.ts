// npm run spec:accept [-- --source URL|PATH] [--no-compat]
// Accepts the upstream spec from the same source `spec:check` reads (--source, else
// $LOYALTYDOG_OPENAPI_SOURCE, else the default URL): classifies the drift against the
// pin exactly as `spec:check` does, then writes the local copy, openapi/pin.json,
// generated/ and, when the API changed, a changeset (.changeset/upstream-spec-*.md)
// whose bump follows the classification. In sync, it refreshes generated/ and writes
// no changeset. Everything is computed before the first write; a source that cannot
// be read or classified writes nothing.
// Exit 0 accepted (or already in sync), 2 could not read or classify the source, 1 other failure.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { EXIT_CODES, runDriftCheck } from "./lib/drift/check.js";
import { readPin } from "./lib/pin.js";
import { artifactsFor, context, PipelineError, runScript, writeArtifacts } from "./lib/pipeline.js";
import { loadPullSource, savePulled } from "./lib/pull.js";
import { type SpecChangeset, specChangeset } from "./lib/spec-changeset.js";
import { writeFileAtomic } from "./lib/write-atomic.js";

await runScript(async () => {
  const ctx = context();
  const firstPin = readPin(ctx.root) === undefined;
  // With no pin there is nothing to compare with: the first accept pins and generates, and records no change.
  const check = firstPin ? undefined : await runDriftCheck(ctx, { compat: !ctx.argv.includes("--no-compat") });
  if (check?.status === "unchecked") {
    process.stderr.write(`error: could not check ${check.source}: ${check.reason}\nNothing was written.\n`);
    return EXIT_CODES.unchecked;
  }

  // Read again for writing, and make sure it is what was classified: a URL can change between two reads.
  const spec = await loadPullSource(ctx);
  if (check?.status === "drift" && spec.canonicalSha256 !== check.upstream.canonicalSha256) {
    throw new PipelineError(
      `${spec.source} changed while it was being accepted (${check.upstream.canonicalSha256.slice(0, 12)}… then ` +
        `${spec.canonicalSha256.slice(0, 12)}…); nothing was written, run \`npm run spec:accept\` again`,
    );
  }
  const artifacts = await artifactsFor(spec);
  let changeset: SpecChangeset | undefined;
  if (check?.status === "drift") {
    const pkg = JSON.parse(await readFile(resolve(ctx.root, "package.json"), "utf8")) as {
      name: string;
      version: string;
    };
    changeset = specChangeset(check, pkg);
  }

  const { pin } = await savePulled(ctx, spec);
  const { files } = await writeArtifacts(ctx, artifacts);
  if (changeset) await writeFileAtomic(resolve(ctx.root, changeset.file), changeset.text);

  const out = process.stdout;
  if (!check) {
    out.write(
      `pinned ${pin.source} (${pin.operations} operations; first pin, no changeset); generated ${files} files\n`,
    );
    return 0;
  }
  if (check.status === "in-sync" || !changeset) {
    out.write(`${pin.source} is the pinned spec: nothing to accept (generated/ refreshed, ${files} files)\n`);
    return 0;
  }
  const { counts, compat } = check;
  out.write(
    `accepted ${pin.source} (version ${check.pin.infoVersion} → ${pin.infoVersion}): ` +
      `${counts.breaking} breaking · ${counts["non-breaking"]} non-breaking · ${counts["docs-only"]} docs-only\n` +
      `wrote openapi/pin.json, generated/ (${files} files) and ${changeset.file} (${changeset.bump}, ${changeset.level})\n`,
  );
  if (compat && compat.errors.length > 0) {
    out.write(
      `\n${compat.errors.length} compiler error${compat.errors.length > 1 ? "s" : ""} in this repo's code against the new types; ` +
        "fix them before this can merge (`npm run typecheck`):\n" +
        compat.errors.map((e) => `  ${e}\n`).join(""),
    );
  } else if (!compat) {
    out.write("SDK compatibility not checked (--no-compat): run `npm run typecheck`\n");
  }
  return 0;
});
