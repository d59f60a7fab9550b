/**
 * What a user of bare openapi-fetch writes to get what this client gives every
 * attempt: a timeout that ends the call exactly and cancels the request (an
 * AbortController and a timer per call, the cheapest way; `AbortSignal.timeout`
 * costs more and is not cleared). With the same `Authorization` header, it is
 * the like-for-like baseline of the overhead and concurrency benches: the
 * work on the wire and the one feature a bare client cannot do without, so
 * what is left of the ratio is the SDK's own code.
 */
export const TIMEOUT_MS = 60_000;

export async function withExactTimeout<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error("timed out")), TIMEOUT_MS);
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

export const BENCH_TOKEN = "ld_test_bench";
