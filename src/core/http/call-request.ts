/**
 * The Request class openapi-fetch builds each call's request with: an
 * ordinary Request that also remembers whether the caller passed a signal.
 * Without one nothing but the attempt's own deadline can end an attempt, so
 * the transport need not listen to the request's signal (an abort listener
 * added and removed per attempt, a measurable share of a call's cost).
 */
export class CallRequest extends Request {
  declare readonly hasCallerSignal: boolean;

  constructor(input: string | URL | Request, init?: RequestInit) {
    super(input, init);
    this.hasCallerSignal = init?.signal != null || input instanceof Request;
  }

  // openapi-fetch checks a middleware's replacement with `instanceof` this class: any Request will do.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Request;
  }
}

/** The signal an attempt must follow: none when the request is a CallRequest the caller gave no signal. */
export function callerSignalOf(request: Request): AbortSignal | undefined {
  return (request as Partial<CallRequest>).hasCallerSignal === false ? undefined : request.signal;
}
