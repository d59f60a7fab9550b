/**
 * Deterministic faults: "the next n matching requests fail with this status",
 * optionally after letting some through. No randomness, so a test that asserts
 * "retried twice then succeeded" means the same thing on every run.
 */

export interface FaultOptions {
  /** Only requests with this method count (default: any). */
  method?: string;
  /** Only requests whose path equals this string or matches this RegExp count (default: any API path). */
  path?: string | RegExp;
  /** Let this many matching requests through first (default 0). */
  after?: number;
  /** `Retry-After` seconds (default 1 on 429 and 503; none on `monthly_quota_exceeded`). */
  retryAfterSeconds?: number;
  /** Envelope code, e.g. `monthly_quota_exceeded` (default: the status's code). */
  code?: string;
  /** Error message (default: a sensible one per status). */
  message?: string;
  /** Answer with this raw body and content type instead of a JSON error (gateways send HTML). */
  rawBody?: { body: string; contentType: string };
}

export interface PlannedFault {
  status: number;
  options: FaultOptions;
}

interface FaultRule extends PlannedFault {
  remaining: number;
  skip: number;
}

export class FaultSchedule {
  private rules: FaultRule[] = [];

  add(count: number, status: number, options: FaultOptions = {}): void {
    this.rules.push({ status, options, remaining: Math.max(0, count), skip: Math.max(0, options.after ?? 0) });
  }

  /** The fault this request gets, if any; consumes it. Rules are checked in the order they were added. */
  take(method: string, path: string): PlannedFault | undefined {
    for (const rule of this.rules) {
      if (rule.remaining === 0 || !matches(rule.options, method, path)) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      rule.remaining -= 1;
      return { status: rule.status, options: rule.options };
    }
    return undefined;
  }

  /** Faults still waiting to fire. */
  get pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  clear(): void {
    this.rules = [];
  }
}

function matches(options: FaultOptions, method: string, path: string): boolean {
  if (options.method && options.method.toUpperCase() !== method.toUpperCase()) return false;
  if (options.path === undefined) return true;
  return typeof options.path === "string" ? options.path === path : options.path.test(path);
}
