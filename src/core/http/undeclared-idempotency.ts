import type { paths } from "../../../generated/schema.js";

/** `METHOD /path` of an operation the spec really has: a path that disappears upstream fails type-checking (and so the drift check's compatibility section). */
type OperationKey<M extends "post" | "put"> = `${Uppercase<M>} ${{
  [P in keyof paths]: paths[P] extends { [K in M]: unknown } ? P : never;
}[keyof paths] &
  string}`;

/**
 * Operations that need an `Idempotency-Key` although the spec does not
 * declare the header (API-NOTES: loyalty customer create/update and points
 * writes require one for `ld_*` keys: 400 without, 409 on reuse). They get an
 * automatic key under the default "auto" policy, like the declared ones.
 * Hand-kept because the spec cannot tell us; the type above keeps it honest.
 */
export const undeclaredIdempotencyOperations: readonly (OperationKey<"post"> | OperationKey<"put">)[] = [
  "POST /v2/loyalty/programs/{programId}/customers",
  "PUT /v2/loyalty/programs/{programId}/customers/{customerId}",
  "POST /v2/loyalty/programs/{programId}/customers/{customerId}/points/add",
];
