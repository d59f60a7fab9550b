/**
 * A variable of the process's environment, where there is one: Node and Bun
 * (`process.env`), Deno when the variable is already granted. Elsewhere —
 * a browser, a Cloudflare worker without `nodejs_compat` — there is no
 * `process`, and the optional chain reads nothing rather than throwing a
 * `ReferenceError` the way a bare `process.env` would.
 *
 * Deno is asked first, and only whether the permission is granted
 * (`querySync`): reading a variable that is not granted would stop the
 * program at an interactive permission prompt, or throw `NotCapable`
 * without a terminal, for a value the caller may not even need (Deno's
 * `process.env` asks the same permission, so it is not read either).
 * Anything that throws (a sandbox's getter, a Deno without `querySync`)
 * counts as "not set".
 *
 * Blank values count as not set, and values are trimmed (a token pasted
 * from a file keeps its newline). Called once per client, not per call.
 */
export function environmentVariable(name: string): string | undefined {
  try {
    const { Deno, process } = globalThis as {
      Deno?: {
        permissions: { querySync(query: { name: "env"; variable: string }): { state: string } };
        env: { get(name: string): string | undefined };
      };
      process?: { env: Record<string, string | undefined> };
    };
    const value = Deno
      ? Deno.permissions.querySync({ name: "env", variable: name }).state === "granted"
        ? Deno.env.get(name)
        : undefined
      : process?.env[name];
    return value?.trim() || undefined;
  } catch {
    return undefined;
  }
}
