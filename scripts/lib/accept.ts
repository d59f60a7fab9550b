import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { loadBaseline } from "./drift/baseline.js";
import { type DriftResult, runDriftCheck } from "./drift/check.js";
import type { SpecPin } from "./pin.js";
import { readPin } from "./pin.js";
import { artifactsFor, type PipelineContext, PipelineError, writeArtifacts } from "./pipeline.js";
import { loadPullSource, savePulled } from "./pull.js";
import {
  readUnreviewedInputs,
  reviewSimulatorInputs,
  serializeUnreviewedInputs,
  UNREVIEWED_INPUTS_FILE,
  type UnreviewedInput,
} from "./simulator-review.js";
import { type SpecChangeset, specChangeset } from "./spec-changeset.js";
import { writeFileAtomic } from "./write-atomic.js";

/** Common to every accepted outcome. */
interface Written {
  /** The source as given (the pin records a shareable form of it, or null). */
  source: string;
  pin: SpecPin;
  files: number;
  /** Inputs upstream added to operations the simulator serves, recorded as accepted and ignored by it. */
  simulatorInputs: UnreviewedInput[];
}

export type AcceptResult =
  /** There was no pin: the spec is pinned and generated, and no change is recorded. */
  | ({ status: "first-pin" } & Written)
  /** The source is the pinned spec: generated/ refreshed, no changeset. */
  | ({ status: "in-sync" } & Written)
  | ({
      status: "accepted";
      drift: Extract<DriftResult, { status: "drift" }>;
      changeset: SpecChangeset;
    } & Written)
  /** The source could not be read or classified: nothing was written. */
  | { status: "unchecked"; source: string; reason: string };

/**
 * Accepts the upstream spec from the source `spec:check` reads: classifies the drift against the pin
 * exactly as `spec:check` does (its result object, so the two never disagree), then writes the local
 * copy, the pin, generated/, the inputs upstream added to simulated operations (simulator-review.ts) and
 * a changeset whose bump follows the classification. Everything is computed before the first write.
 */
export async function acceptSpec(ctx: PipelineContext, options: { compat: boolean }): Promise<AcceptResult> {
  // With no pin there is nothing to compare with: the first accept pins and generates.
  const check = readPin(ctx.root) ? await runDriftCheck(ctx, options) : undefined;
  // Anything but drift or in sync (could not check; a broken spec) is never accepted.
  if (check && check.status !== "drift" && check.status !== "in-sync")
    return { status: "unchecked", source: check.source, reason: check.reason };

  // Read again for writing, and make sure it is what was classified: a URL can change between two reads.
  const spec = await loadPullSource(ctx);
  if (check?.status === "drift" && spec.canonicalSha256 !== check.upstream.canonicalSha256) {
    throw new PipelineError(
      `${spec.source} changed while it was being accepted (${check.upstream.canonicalSha256.slice(0, 12)}… then ` +
        `${spec.canonicalSha256.slice(0, 12)}…); nothing was written, run \`npm run spec:accept\` again`,
    );
  }
  const artifacts = await artifactsFor(spec);
  // The inputs of simulated operations the pinned surface lacked (scripts/lib/simulator-review.ts says why).
  const before =
    check?.status === "drift"
      ? (await loadBaseline(ctx.root, ctx.config, check.pin)).surface
      : check?.status === "in-sync"
        ? spec.doc
        : undefined;
  const since = `${spec.doc.info.version ?? "unversioned"} (${spec.canonicalSha256.slice(0, 12)})`;
  const previous = readUnreviewedInputs(ctx.root);
  const review = reviewSimulatorInputs(before, spec.doc, previous, since);
  const changeset =
    check?.status === "drift" ? specChangeset(check, await readPackage(ctx.root), review.added) : undefined;

  const { pin } = await savePulled(ctx, spec);
  const { files } = await writeArtifacts(ctx, artifacts);
  const list = serializeUnreviewedInputs(review.inputs);
  if (list !== serializeUnreviewedInputs(previous))
    await writeFileAtomic(resolve(ctx.root, UNREVIEWED_INPUTS_FILE), list);
  const written: Written = { source: spec.source, pin, files, simulatorInputs: review.added };
  if (check?.status === "drift" && changeset) {
    await writeFileAtomic(resolve(ctx.root, changeset.file), changeset.text);
    return { status: "accepted", ...written, drift: check, changeset };
  }
  return { status: check ? "in-sync" : "first-pin", ...written };
}

async function readPackage(root: string): Promise<{ name: string; version: string }> {
  const pkg = JSON.parse(await readFile(resolve(root, "package.json"), "utf8")) as {
    name?: unknown;
    version?: unknown;
  };
  if (typeof pkg.name !== "string" || typeof pkg.version !== "string")
    throw new PipelineError("package.json needs a name and a version for the changeset");
  return { name: pkg.name, version: pkg.version };
}
