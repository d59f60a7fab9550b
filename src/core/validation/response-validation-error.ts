import { LoyaltyDogError } from "../errors/errors.js";
import { redactText } from "../errors/redact.js";
import type { SchemaMismatch } from "./schema-mismatch.js";

/** The most mismatches one error keeps (a list response can break the same rule thousands of times). */
export const MAX_KEPT_MISMATCHES = 20;

export interface ResponseValidationErrorInit {
  /** `METHOD /path/template`, as in the spec. */
  operation: string;
  operationId: string;
  status: number;
  requestId: string | undefined;
  mismatches: readonly SchemaMismatch[];
}

/**
 * A response the spec types came back in another shape (`validate: "throw"`
 * from `@loyaltydog/sdk/validate`): the server and the pinned spec disagree.
 * Names the operation, the JSON pointer and the expected against the received
 * type; never the values (they may be secrets), and pointers are scrubbed like
 * any error text (a map keyed by a token would otherwise leak it).
 */
export class ResponseValidationError extends LoyaltyDogError {
  override name = "ResponseValidationError";
  /** `METHOD /path/template`. */
  readonly operation: string;
  readonly operationId: string;
  readonly status: number;
  readonly requestId: string | undefined;
  /** The first mismatch: where, what the spec expects, what type came. */
  readonly pointer: string;
  readonly expected: string;
  readonly received: string;
  /** Every mismatch found, up to `MAX_KEPT_MISMATCHES`. */
  readonly mismatches: readonly SchemaMismatch[];
  /** How many there were in all. */
  readonly mismatchCount: number;

  constructor(init: ResponseValidationErrorInit) {
    const kept = init.mismatches.slice(0, MAX_KEPT_MISMATCHES).map((m) => ({
      ...m,
      pointer: redactText(m.pointer),
      rule: redactText(m.rule),
    }));
    const first = kept[0] ?? { pointer: "", expected: "a body", received: "none", rule: "" };
    const more = init.mismatches.length > 1 ? ` (and ${init.mismatches.length - 1} more)` : "";
    super(
      `${init.operation} answered ${init.status} with a body that does not match the spec: ` +
        `${first.pointer || "(body)"} expected ${first.expected}, got ${first.received}${more}`,
    );
    this.operation = init.operation;
    this.operationId = init.operationId;
    this.status = init.status;
    this.requestId = init.requestId === undefined ? undefined : redactText(init.requestId).slice(0, 200);
    this.pointer = first.pointer;
    this.expected = first.expected;
    this.received = first.received;
    this.mismatches = kept;
    this.mismatchCount = init.mismatches.length;
  }
}
