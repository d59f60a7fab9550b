import { setupServer } from "msw/node";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type LoyaltyDogSimulator,
  type LoyaltyDogSimulatorOptions,
} from "../../src/testing/index.js";

/** Response bodies in these tests are checked at runtime with `expect`, so their static type is loose. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = any;
export interface JsonResponse extends Response {
  json(): Promise<Json>;
}

/** Plain fetch (storage downloads, unauthenticated calls) with the loose JSON type. */
export const download = (url: string | URL, init?: RequestInit): Promise<JsonResponse> => fetch(url, init);

/** Runs a simulator behind MSW or on real sockets, so each flow test covers both adapters. */
export type Transport = "msw" | "http";

export interface Running {
  sim: LoyaltyDogSimulator;
  apiUrl: string;
  /** Authenticated JSON call to the API (plain fetch: the client's retry layer is not under test here). */
  call(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<JsonResponse>;
  close(): Promise<void>;
}

// One MSW server per test file; requests to 127.0.0.1 (the http transport) pass through.
export const mswServer = setupServer();

export function listenMsw(): void {
  mswServer.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== "127.0.0.1") print.error();
    },
  });
}

export async function start(transport: Transport, options: LoyaltyDogSimulatorOptions = {}): Promise<Running> {
  const sim = createLoyaltyDogSimulator(options);
  let apiUrl = sim.baseUrl;
  let close = async () => mswServer.resetHandlers();
  if (transport === "msw") {
    mswServer.use(...sim.handlers());
  } else {
    const listening = await sim.listen();
    apiUrl = listening.apiUrl;
    close = listening.close;
  }
  return {
    sim,
    apiUrl,
    close,
    call: (method, path, init = {}) =>
      fetch(`${apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}`,
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  };
}
