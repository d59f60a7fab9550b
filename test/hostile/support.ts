import { inspect } from "node:util";

/** Every way an error gets printed or shipped: none may throw (`${symbol}` does), each must be free of secrets. */
export function renderings(error: unknown): string[] {
  const e = error as Error;
  return [e.message, String(e), `${error}`, e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 20 })];
}

/** Asserts that no rendering of `error` contains any of `secrets`, naming the first leak found. */
export function leaks(error: unknown, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of renderings(error)) {
    for (const secret of secrets) if (text.includes(secret)) found.push(`${secret} in: ${text.slice(0, 300)}`);
  }
  return found;
}

/** Settles to the rejection reason; fails if the promise resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
