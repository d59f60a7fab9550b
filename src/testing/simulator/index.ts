/**
 * An in-memory LoyaltyDog: the background-task flows (audit-log export, bulk
 * issuance, GDPR and analytics exports), the audit-log listing and the token
 * endpoint, with auth, request ids, rate limits, idempotency, deterministic
 * faults and an S3-like storage origin for presigned downloads.
 *
 * One core, `simulator.fetch(request)`, turns a WHATWG Request into a Response:
 * the edge (`edge.ts`), then the spec-typed routes (`router.ts`, one file per
 * flow in `flows/`) over the shared state (`state.ts`). `handlers()` mounts it
 * in MSW and `listen()` on real 127.0.0.1 sockets; both are thin adapters, so
 * behaviour cannot differ between them.
 */
import type { HttpHandler } from "msw";
import type { Clock } from "../../core/platform/clock.js";
import type { AuditLogEntry } from "../../types.js";
import { type CorsOptions, withCors } from "../cors.js";
import { mswHandlersFor } from "../msw-adapter.js";
import { type LoyaltyDogSimulatorOptions, type SimulatorConfig, settleConfig } from "./config.js";
import { Edge, type Endpoint } from "./edge.js";
import type { FaultOptions } from "./fault-schedule.js";
import { Router } from "./router.js";
import { type RecordedRequest, SimulatorState, type SimulatorStats } from "./state.js";
import type { StorageRequestRecord } from "./storage-origin.js";
import type { TaskBehaviour } from "./task-progress.js";

export {
  DEFAULT_SIMULATOR_TOKEN,
  DEFAULT_STORAGE_URL,
  type LoyaltyDogSimulatorOptions,
} from "./config.js";
export type { RecordedRequest, SimulatorStats } from "./state.js";

export interface ListeningSimulator {
  /** `http://127.0.0.1:<port>`: pass as `baseUrl`. */
  apiUrl: string;
  /** `http://127.0.0.1:<other port>`: where presigned URLs handed out by `apiUrl` point. */
  storageUrl: string;
  close(): Promise<void>;
}

export class LoyaltyDogSimulator {
  readonly baseUrl: string;
  readonly storageUrl: string;
  readonly clock: Pick<Clock, "now">;
  /** Every API request, in arrival order. */
  readonly requests: RecordedRequest[];
  readonly stats: SimulatorStats;
  readonly auditLogEntries: readonly AuditLogEntry[];

  readonly #config: SimulatorConfig;
  readonly #state: SimulatorState;
  readonly #edge: Edge;
  readonly #endpoints: Endpoint[];

  constructor(options: LoyaltyDogSimulatorOptions = {}) {
    this.#config = settleConfig(options);
    this.#state = new SimulatorState(this.#config);
    this.#edge = new Edge(this.#config, this.#state, new Router(this.#config, this.#state));
    this.#endpoints = [{ api: this.#config.baseUrl, storage: this.#config.storageUrl }];
    this.baseUrl = this.#config.baseUrl;
    this.storageUrl = this.#config.storageUrl;
    this.clock = this.#config.clock;
    this.auditLogEntries = this.#config.auditLogEntries;
    this.requests = this.#state.requests;
    this.stats = this.#state.stats;
  }

  /** The core: answers any request for the API or storage origins. Usable directly as a `fetch` replacement. */
  readonly fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const api = this.#endpoints.find((endpoint) => endpoint.api === url.origin);
    if (api) return this.#edge.handle(request, url, api);
    if (this.#endpoints.some((endpoint) => endpoint.storage === url.origin)) {
      return this.#state.storage.handle(request, this.#config.clock.now());
    }
    return new Response(`LoyaltyDog simulator does not serve ${url.origin}`, { status: 502 });
  };

  /** MSW handlers for `baseUrl` and `storageUrl`: `setupServer(...simulator.handlers())`. */
  handlers(): HttpHandler[] {
    return mswHandlersFor([this.baseUrl, this.storageUrl], this.fetch);
  }

  /**
   * Starts the API and the storage origin on two real 127.0.0.1 ports (the API on `port` if given, else a free one;
   * storage always on a free one, as presigned URLs carry it); `cors` lets a browser page call both.
   */
  async listen(options: { cors?: CorsOptions | boolean; port?: number } = {}): Promise<ListeningSimulator> {
    // Loaded lazily so MSW-only users (and bundlers) never touch node:http.
    const { serveOnLoopback } = await import("../node-http-adapter.js");
    const serveOptions = { maxRequestBodyBytes: this.#config.maxRequestBodyBytes };
    const handle = options.cors ? withCors(this.fetch, options.cors === true ? {} : options.cors) : this.fetch;
    const api = await serveOnLoopback(handle, { ...serveOptions, port: options.port ?? 0 });
    const storage = await serveOnLoopback(handle, serveOptions).catch(async (error: unknown) => {
      await api.close();
      throw error;
    });
    const endpoint = { api: api.url, storage: storage.url };
    this.#endpoints.push(endpoint);
    return {
      apiUrl: api.url,
      storageUrl: storage.url,
      close: async () => {
        this.#endpoints.splice(this.#endpoints.indexOf(endpoint), 1);
        await Promise.all([api.close(), storage.close()]);
      },
    };
  }

  /** The next background task created (export or bulk) behaves like this; queue several for several tasks. */
  nextTask(behaviour: TaskBehaviour): this {
    this.#state.queueBehaviour(behaviour);
    return this;
  }

  /**
   * The next `count` API requests (matching `options.method`/`path`, after
   * skipping `options.after`) fail with `status`: 429 with `Retry-After`, 503
   * with a gateway HTML page, others with the error body of the caller's key.
   */
  failNext(count: number, status: number, options: FaultOptions = {}): this {
    this.#state.faults.add(count, status, options);
    return this;
  }

  /** Faults queued but not fired yet. */
  get pendingFaults(): number {
    return this.#state.faults.pending;
  }

  /** Every request the storage origin saw, with all its headers. */
  get storageRequests(): readonly StorageRequestRecord[] {
    return this.#state.storage.requests;
  }
}

export function createLoyaltyDogSimulator(options: LoyaltyDogSimulatorOptions = {}): LoyaltyDogSimulator {
  return new LoyaltyDogSimulator(options);
}
