import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type OperationInputs, SIMULATED_INPUTS } from "../../src/testing/simulator/simulated-inputs.js";
import { documentedInputs } from "./documented-inputs.js";
import type { OpenApiDocument } from "./spec-source.js";

// Why a second list beside the simulator's table (src/testing/simulator/simulated-inputs.ts), and why a machine
// writes it. The table says, per input of every simulated operation, what the simulator does with it; its test
// fails when the pinned spec documents an input the table does not list. That catches two different things:
//
//   - an input upstream added since the table was last reviewed. Nothing is wrong: the simulator's validators
//     come from the spec, so it accepts the input, and no flow reads it, so it ignores it. Failing here made
//     every accepted upstream change that grows a simulated operation red until someone edited src/ by hand.
//   - an input someone deleted from the table (or never listed). That is a gap the test exists to catch.
//
// Only the accept step can tell them apart, because only it sees both specs: an input that the pinned surface
// (generated/surface.json, before the accept) did not document and the accepted spec does is new upstream; an
// input both document was reviewed before, so if the table lacks it, a person removed it. The accept step records
// the new ones here, with the version that brought them, and says so in the changeset and its output ("accepted,
// ignored by the simulator"); the table test accepts exactly the recorded ones. A person reviews one by moving it
// into the table (honoured with a probe, or ignored with a reason) and deleting it here; the test fails while an
// input is in both. Nothing but the accept step adds entries, and it only adds inputs the previous pin lacked.

export const UNREVIEWED_INPUTS_FILE = "openapi/simulator-unreviewed-inputs.json";

export interface UnreviewedInput {
  /** `METHOD /path` of a simulated operation, as the table keys it. */
  operation: string;
  /** `query.<name>` or `body.<name>`. */
  input: string;
  /** The accepted spec that brought it: `<info.version> (<canonical sha256, 12>)`. */
  since: string;
}

interface UnreviewedFile {
  $comment: string;
  inputs: readonly UnreviewedInput[];
}

const COMMENT =
  "Written by `npm run spec:accept`: inputs upstream added to operations the simulator serves, since its table " +
  "(src/testing/simulator/simulated-inputs.ts) was last reviewed. The simulator accepts them (its validators come " +
  "from the spec) and ignores them. To review one, add it to the table (honoured with a probe, or ignored with a " +
  "reason) and delete it here. See scripts/lib/simulator-review.ts.";

export function readUnreviewedInputs(root: string): UnreviewedInput[] {
  let text: string;
  try {
    text = readFileSync(resolve(root, UNREVIEWED_INPUTS_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<UnreviewedFile>;
  if (!Array.isArray(parsed.inputs)) throw new Error(`${UNREVIEWED_INPUTS_FILE} has no "inputs" list`);
  return [...parsed.inputs];
}

export function serializeUnreviewedInputs(inputs: readonly UnreviewedInput[]): string {
  return `${JSON.stringify({ $comment: COMMENT, inputs } satisfies UnreviewedFile, null, 2)}\n`;
}

/** The table's inputs of one operation, as `query.<name>` / `body.<name>`. */
export function tableInputs(inputs: OperationInputs | undefined): string[] {
  return [
    ...Object.keys(inputs?.query ?? {}).map((n) => `query.${n}`),
    ...Object.keys(inputs?.body ?? {}).map((n) => `body.${n}`),
  ].sort();
}

export interface SimulatorReview {
  /** The whole list to write: earlier entries still documented and not yet in the table, then the new ones. */
  inputs: UnreviewedInput[];
  /** Recorded by this accept (for the changeset and the output). */
  added: UnreviewedInput[];
}

/**
 * What the accept step records for the simulator. `before`: the pinned surface, or undefined on a first pin
 * (nothing is new then: the table is reviewed against the whole spec). `after`: the spec being accepted.
 */
export function reviewSimulatorInputs(
  before: OpenApiDocument | undefined,
  after: OpenApiDocument,
  previous: readonly UnreviewedInput[],
  since: string,
  table: Readonly<Record<string, OperationInputs>> = SIMULATED_INPUTS,
): SimulatorReview {
  const inputs: UnreviewedInput[] = [];
  const added: UnreviewedInput[] = [];
  for (const operation of Object.keys(table).sort()) {
    const now = documentedInputs(after, operation);
    // An operation the simulator serves and upstream removed is breaking: the table test names it; nothing to add.
    if (!now) continue;
    const reviewed = new Set(tableInputs(table[operation]));
    const earlier = new Set(before ? (documentedInputs(before, operation) ?? []) : now);
    const recorded = new Map(previous.filter((p) => p.operation === operation).map((p) => [p.input, p]));
    for (const input of now) {
      if (reviewed.has(input)) continue;
      const kept = recorded.get(input);
      if (kept) inputs.push(kept);
      else if (!earlier.has(input)) {
        const entry = { operation, input, since };
        inputs.push(entry);
        added.push(entry);
      }
    }
  }
  return { inputs, added };
}

/** The line a person reads, in the changeset and the accept output. */
export function describeUnreviewed(entry: UnreviewedInput): string {
  return `new input \`${entry.input}\` of \`${entry.operation}\`: accepted, ignored by the simulator`;
}
