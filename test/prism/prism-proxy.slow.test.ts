/**
 * The simulator held against an OpenAPI validator this project did not write: Stoplight Prism
 * (`prism proxy --errors`, pinned in test/prism/toolchain) between the SDK and the simulator on 127.0.0.1,
 * driven by the demo's flows and every task helper, once with an `ld_…` key and once with a JWT. Prism checks
 * each request the SDK sends and each answer the simulator gives against the pinned spec (status, media type,
 * body schema with formats, parameters); with `--errors` an answer that breaks it reaches the SDK as Prism's 500.
 * Every violation it reports must be a departure the simulator lists (SIMULATOR_DEPARTURES, with its reason);
 * nothing else.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { download } from "../../src/download.js";
import { APIError, createLoyaltyDogClient, type LoyaltyDogClient, NotFoundError, unwrap } from "../../src/index.js";
import { downloadToFile } from "../../src/node/index.js";
import { pages, paginate } from "../../src/paginate.js";
import {
  bulkIssueAndWait,
  classifyTaskState,
  exportAnalytics,
  exportAuditLogsAndWait,
  exportGdprData,
  pollTask,
  startAuditLogExport,
  startBulkIssuance,
  waitForAuditLogExport,
  waitForBulkIssuance,
} from "../../src/tasks.js";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type ListeningSimulator,
  type LoyaltyDogSimulator,
  type LoyaltyDogSimulatorOptions,
  objectId,
  SIMULATOR_DEPARTURES,
} from "../../src/testing/index.js";
import { upstreamSpecPath } from "../drift/upstream-spec.js";
import { isListedDeparture } from "./departure-match.js";
import { ensurePrismInstalled, type RunningPrism, startPrismProxy } from "./prism-process.js";
import { type PrismViolation, recordingFetch } from "./violation-recorder.js";

/** A JWT app key as the API issues them (`eyJ…`): the simulator answers it with FastAPI's `{detail}` bodies. */
const JWT_KEY = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: "app_key_1", scope: "merchant" })}.c2lnbmF0dXJl`;
const KEYS = [
  { kind: "ld_… key", token: DEFAULT_SIMULATOR_TOKEN },
  { kind: "JWT", token: JWT_KEY },
] as const;

const PROGRAM_ID = objectId(0x5eed, 1);
/** Polls as fast as the poller allows: the simulator's tasks finish after two polls. */
const WAIT = { minDelayMs: 20, maxDelayMs: 50, maxWaitMs: 20_000 };
const UNKNOWN_TASK = "00000000-0000-4000-8000-00000000dead";

/**
 * The exchanges the flows below provoke that the simulator lists as departures: the async bulk issuance's 202, the
 * GDPR download as CSV, and two error answers the API documents for every operation while the spec declares them
 * nowhere (a gateway's HTML 503, 404 for an unknown task). Each must reach Prism, for both keys.
 */
const DRIVEN_DEPARTURES = [
  { operation: "POST /v2/giftcards/programs/{programId}/cards/bulk", status: 202 },
  { operation: "GET /v2/giftcards/gdpr/download", status: 200 },
  { operation: "GET /v2/token", status: 503 },
  { operation: "GET /v2/giftcards/audit-logs/export/{task_id}", status: 404 },
] as const;

interface Stand {
  sim: LoyaltyDogSimulator;
  servers: ListeningSimulator;
  prism: RunningPrism;
  violations: PrismViolation[];
  client(token: string): LoyaltyDogClient;
}

async function openStand(options: LoyaltyDogSimulatorOptions): Promise<Stand> {
  const sim = createLoyaltyDogSimulator({
    clock: { now: () => Date.now() },
    tokens: KEYS.map((k) => k.token),
    tasks: { pollsToComplete: 2 },
    ...options,
  });
  const servers = await sim.listen();
  const prism = await startPrismProxy(upstreamSpecPath, servers.apiUrl).catch(async (error: unknown) => {
    await servers.close();
    throw error;
  });
  const violations: PrismViolation[] = [];
  const fetch = recordingFetch(violations);
  return {
    sim,
    servers,
    prism,
    violations,
    client: (token) => createLoyaltyDogClient({ token, baseUrl: prism.url, fetch, retry: { initialDelayMs: 10 } }),
  };
}

async function closeStand(stand: Stand | undefined): Promise<void> {
  if (!stand) return;
  await stand.prism.stop();
  await stand.servers.close();
}

/** What the simulator answered the request Prism judged (its status; Prism's own status may be 500 or 422). */
function upstreamStatus(stand: Stand, violation: PrismViolation): number | undefined {
  return stand.sim.requests.find((r) => r.requestId === violation.requestId)?.status;
}

const listed = (stand: Stand, violation: PrismViolation) =>
  isListedDeparture(SIMULATOR_DEPARTURES, violation, upstreamStatus(stand, violation));

/** A violation as one readable line, for failure messages. */
const describeViolation = (stand: Stand, v: PrismViolation) =>
  `${v.operation} (simulator ${upstreamStatus(stand, v)}, Prism ${v.prismStatus}) ${v.severity} at ${v.location.join(".") || "(answer)"}: ${v.message}`;

let stand: Stand | undefined;
let asyncStand: Stand | undefined;
let offSpecStand: Stand | undefined;
let dir: string;

beforeAll(async () => {
  ensurePrismInstalled();
  dir = mkdtempSync(join(tmpdir(), "ldsdk-prism-"));
  [stand, asyncStand, offSpecStand] = await Promise.all([
    openStand({}),
    // Bulk issuance's task answer as the spec declares it (201), so its wait runs through Prism to the end.
    openStand({ bulk: { asyncStatus: 201 } }),
    // The canary: an answer off the spec (an email where the spec wants a date-time), which Prism must catch.
    openStand({ user: { emailVerified: "user1645@example.com" } }),
  ]);
  // A first run installs the toolchain (~260 MB from the registry), and three Prisms start on a busy machine.
}, 300_000);

afterAll(async () => {
  await closeStand(stand);
  await closeStand(asyncStand);
  await closeStand(offSpecStand);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(KEYS)("Prism in front of the simulator, $kind", ({ kind, token }) => {
  const slug = kind.startsWith("JWT") ? "jwt" : "ld";

  it("the demo's flows: the token ping through a 503, audit-log pages, an export downloaded, a typed 404", async () => {
    const { sim, client: make } = stand!;
    const client = make(token);
    sim.failNext(1, 503, { method: "GET", path: "/v2/token" });
    const me = unwrap(await client.GET("/v2/token"));
    expect(me.email).toBeTypeOf("string");

    let seen = 0;
    for await (const page of pages(client, "/v2/giftcards/audit-logs", {
      params: { query: { limit: 50 } },
      maxPages: 3,
    })) {
      seen += page.items.length;
    }
    expect(seen).toBe(120);
    const filtered = [];
    for await (const entry of paginate(client, "/v2/giftcards/audit-logs", {
      // Two values: Prism 5.16 reads a one-value `action=…` as a string when the parameter is `anyOf: [array, null]`
      // (its form-style deserializer looks only at a top-level `type`), and would refuse a valid request.
      params: { query: { limit: 10, action: ["giftcard.issued", "giftcard.redeemed"], from: "2025-01-01T00:00:00Z" } },
      maxPages: 2,
    })) {
      filtered.push(entry);
    }
    expect(filtered.length).toBeGreaterThan(0);

    const { taskId } = await startAuditLogExport(client, { format: "csv" });
    const done = await waitForAuditLogExport(client, taskId, WAIT);
    const saved = await downloadToFile(client, done.downloadUrl, join(dir, `${slug}-audit-logs.csv`));
    expect(readFileSync(saved.path, "utf8").trimEnd().split("\n")).toHaveLength(121);

    await expect(waitForAuditLogExport(client, UNKNOWN_TASK, WAIT)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("every task helper: start, poll and download each export, and both bulk-issuance modes", async () => {
    const client = stand!.client(token);
    const json = await exportAuditLogsAndWait(
      client,
      { format: "json", actions: ["giftcard.issued"], fromDate: "2025-01-01T00:00:00Z" },
      WAIT,
    );
    expect(JSON.parse(await (await download(client, json.downloadUrl)).text())).toBeInstanceOf(Array);

    // The generic poller over a raw status call.
    const { taskId } = await startAuditLogExport(client, {});
    const polled = await pollTask(
      {
        taskId,
        kind: "audit-log export",
        fetchStatus: async (signal) => ({
          status: unwrap(
            await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
              params: { path: { task_id: taskId } },
              signal,
            }),
          ),
        }),
        stateOf: (status) => classifyTaskState(status.status),
      },
      WAIT,
    );
    expect(polled.downloadUrl).toBeTypeOf("string");

    const sync = await bulkIssueAndWait(client, PROGRAM_ID, { count: 5, initialValue: 25 }, WAIT);
    expect(sync).toMatchObject({ mode: "sync", issuedCount: 5 });
    expect(await (await download(client, sync.csvDownloadUrl!)).text()).toContain("cardNumber");

    const viaSpecStatus = asyncStand!.client(token);
    const started = await startBulkIssuance(viaSpecStatus, PROGRAM_ID, { count: 120, initialValue: 10 });
    expect(started.mode).toBe("async");
    const issued = await waitForBulkIssuance(viaSpecStatus, PROGRAM_ID, started.taskId!, WAIT);
    expect(issued.issuedCount).toBe(120);
    const again = await bulkIssueAndWait(viaSpecStatus, PROGRAM_ID, { count: 60, initialValue: 10 }, WAIT);
    expect(again).toMatchObject({ mode: "async", issuedCount: 60 });

    const gdpr = await exportGdprData(client, { format: "json", customerEmail: "customer@example.com" });
    expect(await (await download(client, gdpr.downloadUrl!)).text()).toContain("customer@example.com");
    const served = await client.GET("/v2/giftcards/gdpr/download", {
      params: { query: { exportId: gdpr.exportId!, format: "json" } },
    });
    expect(served.response.status).toBe(200);

    const analytics = await exportAnalytics(client, PROGRAM_ID, { period: "30d", metrics: ["sales", "redemptions"] });
    expect(await (await download(client, analytics.downloadUrl)).text()).toMatch(/^date,sales,redemptions\n/);
  });

  it("the listed departures reach Prism as the violations they are, and nothing else does", async () => {
    const client = stand!.client(token);
    // Bulk issuance over the threshold: the simulator's 202, which Prism (--errors) turns into its own 500.
    const bulk = await startBulkIssuance(client, PROGRAM_ID, { count: 80, initialValue: 10 }, { maxRetries: 0 }).catch(
      (error: unknown) => error,
    );
    expect(bulk).toBeInstanceOf(APIError);
    expect((bulk as APIError).status).toBe(500);

    const gdpr = await exportGdprData(client, { format: "csv", customerId: "cust_000042" });
    const csv = await client.GET("/v2/giftcards/gdpr/download", {
      params: { query: { exportId: gdpr.exportId!, format: "csv" } },
      maxRetries: 0,
    });
    expect(csv.response.status).toBe(500);
  });
});

describe("what Prism reported, over both key kinds", () => {
  it("catches an answer off the spec (the canary): a format broken in GET /v2/token", async () => {
    const { response } = await offSpecStand!.client(DEFAULT_SIMULATOR_TOKEN).GET("/v2/token", { maxRetries: 0 });
    expect(response.status).toBe(500);
    expect(offSpecStand!.violations.map((v) => [v.operation, v.location.join("."), v.message])).toContainEqual([
      "GET /v2/token",
      "response.body.emailVerified",
      expect.stringMatching(/format "date-time"/),
    ]);
  });

  it("saw every flow: requests from both keys reached the simulator through Prism", () => {
    for (const { token } of KEYS) {
      expect(stand!.sim.requests.filter((r) => r.headers.authorization === `Bearer ${token}`).length).toBeGreaterThan(
        15,
      );
      expect(
        asyncStand!.sim.requests.filter((r) => r.headers.authorization === `Bearer ${token}`).length,
      ).toBeGreaterThan(3);
    }
  });

  it("reports no violation besides the simulator's listed departures", () => {
    const unexpected = [stand!, asyncStand!].flatMap((s) =>
      s.violations.filter((v) => !listed(s, v)).map((v) => describeViolation(s, v)),
    );
    expect(unexpected).toEqual([]);
  });

  it("reported each departure the flows drive, as a listed one, for both keys", () => {
    for (const { operation, status } of DRIVEN_DEPARTURES) {
      const seen = stand!.violations.filter(
        (v) => v.operation === operation && upstreamStatus(stand!, v) === status && listed(stand!, v),
      );
      const keys = new Set(
        seen.map((v) => stand!.sim.requests.find((r) => r.requestId === v.requestId)?.headers.authorization),
      );
      expect(keys.size, `${operation} ${status}`).toBe(KEYS.length);
    }
  });
});

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
