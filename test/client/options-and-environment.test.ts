import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IdempotencyPolicy } from "../../src/core/http/idempotency.js";
import { environmentVariable } from "../../src/core/platform/environment.js";
import type { LogLevel } from "../../src/core/platform/logger.js";
import { createLoyaltyDogClient, InvalidArgumentError, type LoyaltyDogClientOptions } from "../../src/index.js";
import { json, scriptedFetch } from "../support/stub-fetch.js";

// What plain JavaScript (or a config object typed `any`) can pass: the compiler checks none of this.
const loose = (options: Record<string, unknown>) => options as LoyaltyDogClientOptions;

afterEach(() => vi.unstubAllEnvs());

describe("the client reads LOYALTYDOG_TOKEN and LOYALTYDOG_BASE_URL when the options leave them out", () => {
  it("uses both from the environment", async () => {
    vi.stubEnv("LOYALTYDOG_TOKEN", "ld_test_from_env\n");
    vi.stubEnv("LOYALTYDOG_BASE_URL", "http://127.0.0.1:4010");
    const stub = scriptedFetch([json(200, { ok: true })]);
    await createLoyaltyDogClient({ fetch: stub.fetch }).GET("/v2/token");
    expect(stub.seen[0]?.url).toBe("http://127.0.0.1:4010/v2/token");
    expect(stub.seen[0]?.headers.get("authorization")).toBe("Bearer ld_test_from_env");
  });

  it("options win over the environment, each on its own", async () => {
    vi.stubEnv("LOYALTYDOG_TOKEN", "ld_test_from_env");
    vi.stubEnv("LOYALTYDOG_BASE_URL", "http://127.0.0.1:4010");
    const stub = scriptedFetch([json(200, {})]);
    await createLoyaltyDogClient({ token: "ld_test_passed", fetch: stub.fetch }).GET("/v2/token");
    await createLoyaltyDogClient({ baseUrl: "https://api.example.test", fetch: stub.fetch }).GET("/v2/token");
    expect(stub.seen.map((r) => [r.url, r.headers.get("authorization")])).toEqual([
      ["http://127.0.0.1:4010/v2/token", "Bearer ld_test_passed"],
      ["https://api.example.test/v2/token", "Bearer ld_test_from_env"],
    ]);
  });

  it("without either, the default URL; blank variables count as unset", async () => {
    vi.stubEnv("LOYALTYDOG_TOKEN", "ld_test_x");
    vi.stubEnv("LOYALTYDOG_BASE_URL", "  ");
    const stub = scriptedFetch([json(200, {})]);
    await createLoyaltyDogClient({ fetch: stub.fetch }).GET("/v2/token");
    expect(stub.seen[0]?.url).toBe("https://api.loyalty.dog/v2/token");
  });

  it("the error for a missing token names both ways to give one", () => {
    vi.stubEnv("LOYALTYDOG_TOKEN", "");
    const attempt = () => createLoyaltyDogClient();
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow(/pass `token` or set LOYALTYDOG_TOKEN/);
  });

  it("a URL from the environment is checked like one passed", () => {
    vi.stubEnv("LOYALTYDOG_TOKEN", "ld_test_x");
    vi.stubEnv("LOYALTYDOG_BASE_URL", "not a url");
    expect(() => createLoyaltyDogClient()).toThrow(/baseUrl "not a url" is not a URL/);
    vi.stubEnv("LOYALTYDOG_BASE_URL", "http://api.example.test");
    expect(() => createLoyaltyDogClient()).toThrow(/refusing plain http/);
  });
});

describe("environmentVariable on hosts without a Node environment", () => {
  // The function is self-contained, so its compiled source runs as is in a context with other globals.
  const inContext = (globals: Record<string, unknown>) =>
    runInNewContext(`(${environmentVariable.toString()})("LOYALTYDOG_TOKEN")`, globals) as string | undefined;

  it("reads nothing, and throws nothing, where there is no process (a browser, workerd)", () => {
    expect(inContext({})).toBeUndefined();
    expect(inContext({ process: {} })).toBeUndefined();
  });

  it("counts a throwing environment as unset", () => {
    const env = new Proxy(
      {},
      {
        get: () => {
          throw new Error("sandboxed");
        },
      },
    );
    expect(inContext({ process: { env } })).toBeUndefined();
  });

  it("in Deno, reads only a variable already granted: no prompt, no NotCapable", () => {
    const deno = (state: string) => ({
      permissions: { querySync: () => ({ state }) },
      env: {
        get: (name: string) => {
          if (state !== "granted") throw new Error(`NotCapable: Requires env access to "${name}"`);
          return "ld_test_deno";
        },
      },
    });
    expect(inContext({ Deno: deno("granted") })).toBe("ld_test_deno");
    expect(inContext({ Deno: deno("prompt") })).toBeUndefined();
    expect(inContext({ Deno: deno("denied") })).toBeUndefined();
    // Deno also has a `process` (node compat) whose env asks the same permission: it is not read.
    expect(inContext({ Deno: deno("prompt"), process: { env: { LOYALTYDOG_TOKEN: "x" } } })).toBeUndefined();
  });
});

describe("options are checked at run time too", () => {
  it("an unknown client option is an InvalidArgumentError, with a close one suggested", () => {
    expect(() => createLoyaltyDogClient(loose({ token: "t", maxRetry: 3 }))).toThrow(
      "createLoyaltyDogClient: unknown option `maxRetry`; did you mean `maxRetries`?",
    );
    expect(() => createLoyaltyDogClient(loose({ token: "t", timeoutMS: 5 }))).toThrow("did you mean `timeoutMs`?");
    expect(() => createLoyaltyDogClient(loose({ token: "t", verbose: true }))).toThrow(
      /^createLoyaltyDogClient: unknown option `verbose`$/,
    );
  });

  it("a value of the wrong type names the type, not 'is required'", () => {
    expect(() => createLoyaltyDogClient(loose({ token: 123 }))).toThrow(
      /^createLoyaltyDogClient: `token` must be a string or a function$/,
    );
    expect(() => createLoyaltyDogClient(loose({ token: "t", throwOnError: "yes" }))).toThrow(
      "`throwOnError` must be a boolean",
    );
    expect(() => createLoyaltyDogClient(loose({ token: "t", fetch: null }))).toThrow("`fetch` must be a function");
    expect(() => createLoyaltyDogClient(loose({ token: "t", retry: "fast" }))).toThrow("`retry` must be an object");
  });

  it("an option with fixed values refuses others", () => {
    expect(() => createLoyaltyDogClient(loose({ token: "t", idempotency: "yes" }))).toThrow(
      '`idempotency` must be "auto", "all-posts" or "off"',
    );
    expect(() => createLoyaltyDogClient(loose({ token: "t", idempotency: "auto, off" }))).toThrow(InvalidArgumentError);
    expect(() => createLoyaltyDogClient(loose({ token: "t", logLevel: "verbose" }))).toThrow(InvalidArgumentError);
    expect(() => createLoyaltyDogClient(loose({ token: "t", logLevel: 3 }))).toThrow(InvalidArgumentError);
  });

  it("every log level and idempotency policy is accepted (the rules list them all)", () => {
    const levels: Record<LogLevel, true> = { off: true, error: true, warn: true, info: true, debug: true };
    const policies: Record<IdempotencyPolicy, true> = { auto: true, "all-posts": true, off: true };
    for (const logLevel of Object.keys(levels)) {
      expect(() => createLoyaltyDogClient(loose({ token: "t", logLevel, logger: console }))).not.toThrow();
    }
    for (const idempotency of Object.keys(policies)) {
      expect(() => createLoyaltyDogClient(loose({ token: "t", idempotency }))).not.toThrow();
    }
  });

  it("undefined values are left to the defaults", () => {
    expect(() => createLoyaltyDogClient({ token: "t", maxRetries: undefined, fetch: undefined })).not.toThrow();
  });

  it("withOptions checks its overrides the same way, under its own name", () => {
    const client = createLoyaltyDogClient({ token: "t" });
    expect(() => client.withOptions(loose({ maxRetry: 1 }))).toThrow(
      "withOptions: unknown option `maxRetry`; did you mean `maxRetries`?",
    );
    expect(() => client.withOptions(loose({ idempotency: "yes" }))).toThrow(InvalidArgumentError);
  });

  it("a per-call key close to a known one is refused before anything is sent; fetch's own keys pass", async () => {
    const stub = scriptedFetch([json(200, {})]);
    const client = createLoyaltyDogClient({ token: "t", fetch: stub.fetch });
    const call = (init: Record<string, unknown>) => client.GET("/v2/token", init as never);
    await expect(call({ timeoutMS: 1 })).rejects.toThrow("GET: unknown option `timeoutMS`; did you mean `timeoutMs`?");
    await expect(call({ maxRetry: 0 })).rejects.toThrow("did you mean `maxRetries`?");
    await expect(call({ param: {} })).rejects.toThrow("did you mean `params`?");
    await expect(call({ header: {} })).rejects.toThrow("did you mean `headers`?");
    await expect(
      client.request("post", "/v2/giftcards/audit-logs/export", { body: {}, idempotencykey: "k" } as never),
    ).rejects.toThrow("POST: unknown option `idempotencykey`; did you mean `idempotencyKey`?");
    expect(stub.seen).toEqual([]);
    // RequestInit's keys and a framework's (Next.js `next`) are not the SDK's to refuse.
    await call({ cache: "no-store", keepalive: false, next: { revalidate: 1 }, timeoutMs: 5_000 });
    expect(stub.seen).toHaveLength(1);
  });

  it("a per-call value of the wrong type is refused", async () => {
    const client = createLoyaltyDogClient({ token: "t", fetch: scriptedFetch([json(200, {})]).fetch });
    await expect(client.GET("/v2/token", { timeoutMs: "5" as never })).rejects.toThrow(InvalidArgumentError);
  });
});
