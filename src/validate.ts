// `@loyaltydog/sdk/validate`: opt-in drift detection on the live wire. Checks
// the client's answers against validators generated from the pinned spec, so a
// server that disagrees with the spec is seen at the call, not later where
// something reads a missing field. Costs nothing unless imported.

export type { AnyLoyaltyDogClient } from "./core/client/client-internals.js";
export {
  MAX_WARNED_RULES,
  type ValidationMode,
  type ValidationOptions,
  validateResponses,
} from "./core/validation/response-validation.js";
export {
  MAX_KEPT_MISMATCHES,
  ResponseValidationError,
  type ResponseValidationErrorInit,
} from "./core/validation/response-validation-error.js";
export type { SchemaMismatch } from "./core/validation/schema-mismatch.js";
