import { LoyaltyDogError } from "./errors.js";

/** The caller's input cannot make a valid request (a missing path parameter, a bad option). Nothing was sent. */
export class InvalidArgumentError extends LoyaltyDogError {
  override name = "InvalidArgumentError";
}
