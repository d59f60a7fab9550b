import { LoyaltyDogError } from "../errors/errors.js";

/**
 * A request was not sent because a hard-stop budget of its key (the monthly
 * quota) is spent until `resetAt`: this process counted it out, or another
 * worker got `429 monthly_quota_exceeded` and said so through the shared
 * store. Retrying before `resetAt` is pointless (`isRetryableError` is false).
 */
export class QuotaExhaustedError extends LoyaltyDogError {
  override name = "QuotaExhaustedError";
  /** The budget that is spent (`monthly`). */
  readonly budget: string;
  /** When requests may go again. */
  readonly resetAt: Date;

  constructor(budget: string, resetAt: number) {
    super(`the ${budget} request quota of this API key is spent until ${new Date(resetAt).toISOString()}`);
    this.budget = budget;
    this.resetAt = new Date(resetAt);
  }
}
