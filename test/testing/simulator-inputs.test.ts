import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/config.js";
import { documentedInputs, hasJsonBody } from "../../scripts/lib/documented-inputs.js";
import { readUnreviewedInputs, tableInputs, UNREVIEWED_INPUTS_FILE } from "../../scripts/lib/simulator-review.js";
import type { AuditLogEntry } from "../../src/index.js";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  fixtures,
  type LoyaltyDogSimulator,
  type LoyaltyDogSimulatorOptions,
} from "../../src/testing/index.js";
import { settleConfig } from "../../src/testing/simulator/config.js";
import { Router } from "../../src/testing/simulator/router.js";
import { SIMULATED_INPUTS } from "../../src/testing/simulator/simulated-inputs.js";
import { SimulatorState } from "../../src/testing/simulator/state.js";
import { upstreamSpec } from "../drift/upstream-spec.js";
import type { Json } from "./transports.js";

// Every query parameter and body property the pinned spec documents for a simulated operation is either
// honoured (and probed here) or ignored with a reason (simulated-inputs.ts), or recorded by `spec:accept` as new
// upstream and not reviewed yet (openapi/simulator-unreviewed-inputs.json). Read from the spec, not listed here,
// so an input left out of the table by hand fails this file, while accepting API growth does not.

const JWT = "eyJhbGciOiJIUzI1NiJ9.simulator.test";
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

/** Entries that differ in every filtered field, spread over 40 days, so each filter selects a strict subset. */
const ENTRIES: AuditLogEntry[] = Array.from({ length: 40 }, (_, i) =>
  fixtures.auditLogEntry(i, {
    timestamp: new Date(T0 + i * DAY + (i % 5) * 3_600_000).toISOString(),
    merchantId: i % 4 === 0 ? "m-other" : "m-main",
    merchantName: i % 4 === 0 ? "Other Bakery" : "Example Coffee",
    subjectId: i % 3 === 0 ? null : `subj-${i % 3}`,
    subjectName: i % 3 === 0 ? null : i % 3 === 1 ? "Ada LOVELACE" : "grace hopper",
    actorId: `actor-${i % 2}`,
    actorName: i % 2 ? "Merchant Admin" : "Till Operator",
  }),
);

function boot(options: LoyaltyDogSimulatorOptions = {}): LoyaltyDogSimulator {
  return createLoyaltyDogSimulator({
    auditLogEntries: ENTRIES,
    tokens: [DEFAULT_SIMULATOR_TOKEN, JWT],
    tasks: { pollsToComplete: 0 },
    rateLimit: false,
    clock: { now: () => Date.UTC(2025, 5, 15, 12) },
    ...options,
  });
}

async function call(
  sim: LoyaltyDogSimulator,
  method: string,
  path: string,
  body?: unknown,
  token = JWT,
): Promise<{ status: number; json: Json; headers: Headers }> {
  const response = await sim.fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const ids = (entries: readonly AuditLogEntry[]) => entries.map((e) => e.id);

async function listed(sim: LoyaltyDogSimulator, query: string): Promise<string[]> {
  const answer = await call(sim, "GET", `/v2/giftcards/audit-logs?limit=200&${query}`);
  expect(answer.status).toBe(200);
  return answer.json.items.map((e: AuditLogEntry) => e.id);
}

/** Runs an export to the end and returns the ids of its rows (CSV or JSON). */
async function exported(sim: LoyaltyDogSimulator, body: Record<string, unknown>): Promise<string[]> {
  const started = await call(sim, "POST", "/v2/giftcards/audit-logs/export", body);
  expect(started.status).toBe(202);
  const status = await call(sim, "GET", `/v2/giftcards/audit-logs/export/${started.json.taskId}`);
  const file = await (await sim.fetch(status.json.downloadUrl)).text();
  if (body.format === "json") return (JSON.parse(file) as AuditLogEntry[]).map((e) => e.id);
  return file
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",")[0] as string);
}

/** A filter is honoured when it selects exactly what `keep` keeps, and that is neither nothing nor everything. */
function expectSelects(actual: string[], keep: (e: AuditLogEntry) => boolean): void {
  const expected = ids(ENTRIES.filter(keep));
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(ENTRIES.length);
  expect(actual).toEqual(expected);
}

const at = (i: number) => Date.parse((ENTRIES[i] as AuditLogEntry).timestamp);

/** The audit-log filters, as (listing query, export body, what they keep). */
const AUDIT_FILTERS: Record<string, { query: string; body: [string, unknown]; keep: (e: AuditLogEntry) => boolean }> = {
  merchantId: { query: "merchantId=m-other", body: ["merchantId", "m-other"], keep: (e) => e.merchantId === "m-other" },
  subjectId: { query: "subjectId=subj-1", body: ["subjectId", "subj-1"], keep: (e) => e.subjectId === "subj-1" },
  actorId: { query: "actorId=actor-1", body: ["actorId", "actor-1"], keep: (e) => e.actorId === "actor-1" },
  subjectName: {
    query: "subjectName=LOVE",
    body: ["subjectName", "love"],
    keep: (e) => e.subjectName === "Ada LOVELACE",
  },
  actorName: { query: "actorName=till", body: ["actorName", "OPERATOR"], keep: (e) => e.actorName === "Till Operator" },
  merchantName: {
    query: "merchantName=bakery",
    body: ["merchantName", "Bakery"],
    keep: (e) => e.merchantId === "m-other",
  },
  action: {
    query: `action=${ENTRIES[0]?.action}&action=${ENTRIES[1]?.action}`,
    body: ["actions", [ENTRIES[0]?.action, ENTRIES[1]?.action]],
    keep: (e) => e.action === ENTRIES[0]?.action || e.action === ENTRIES[1]?.action,
  },
  resourceType: {
    query: `resourceType=${ENTRIES[2]?.resourceType}`,
    body: ["resourceTypes", [ENTRIES[2]?.resourceType]],
    keep: (e) => e.resourceType === ENTRIES[2]?.resourceType,
  },
  // Inclusive bounds, given to the millisecond of an entry.
  from: {
    query: `from=${ENTRIES[30]?.timestamp}`,
    body: ["fromDate", ENTRIES[30]?.timestamp],
    keep: (e) => Date.parse(e.timestamp) >= at(30),
  },
  to: {
    query: `to=${ENTRIES[9]?.timestamp}`,
    body: ["toDate", ENTRIES[9]?.timestamp],
    keep: (e) => Date.parse(e.timestamp) <= at(9),
  },
};

const BODY_NAMES: Record<string, string> = {
  action: "actions",
  resourceType: "resourceTypes",
  from: "fromDate",
  to: "toDate",
};

type Probe = () => Promise<void>;
const probes: Record<string, Probe> = {};
for (const [name, filter] of Object.entries(AUDIT_FILTERS)) {
  probes[`GET /v2/giftcards/audit-logs query.${name}`] = async () =>
    expectSelects(await listed(boot(), filter.query), filter.keep);
  probes[`POST /v2/giftcards/audit-logs/export body.${BODY_NAMES[name] ?? name}`] = async () =>
    expectSelects(await exported(boot(), { [filter.body[0]]: filter.body[1] }), filter.keep);
}

Object.assign(probes, {
  "GET /v2/giftcards/audit-logs query.page": async () => {
    const sim = boot();
    const selection = ids(ENTRIES.filter((e) => e.merchantId === "m-main"));
    const walked: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const answer = await call(sim, "GET", `/v2/giftcards/audit-logs?merchantId=m-main&limit=7&page=${page}`);
      expect(answer.json).toMatchObject({ total: selection.length, page, pages: 5, limit: 7 });
      walked.push(...answer.json.items.map((e: AuditLogEntry) => e.id));
    }
    expect(walked).toEqual(selection);
    const past = await call(sim, "GET", "/v2/giftcards/audit-logs?merchantId=m-main&limit=7&page=6");
    expect(past.json).toMatchObject({ items: [], total: selection.length, pages: 5 });
    for (const bad of ["0", "-1", "x", "1.5"]) {
      const refused = await call(sim, "GET", `/v2/giftcards/audit-logs?page=${bad}`);
      expect(refused.status).toBe(422);
      expect(refused.json.detail[0].loc).toEqual(["query", "page"]);
    }
  },
  "GET /v2/giftcards/audit-logs query.limit": async () => {
    const sim = boot();
    expect((await call(sim, "GET", "/v2/giftcards/audit-logs")).json.items).toHaveLength(40);
    expect((await call(sim, "GET", "/v2/giftcards/audit-logs?limit=3")).json).toMatchObject({ limit: 3, pages: 14 });
    const tooBig = await call(sim, "GET", "/v2/giftcards/audit-logs?limit=201");
    expect(tooBig.json.detail).toEqual([
      {
        type: "less_than_equal",
        loc: ["query", "limit"],
        msg: "Input should be less than or equal to 200",
        input: "201",
        ctx: { le: 200 },
      },
    ]);
  },
  "POST /v2/giftcards/audit-logs/export body.format": async () => {
    const sim = boot();
    expect(await exported(sim, { format: "json" })).toEqual(ids(ENTRIES));
    expect(await exported(sim, { format: "csv" })).toEqual(ids(ENTRIES));
    const refused = await call(sim, "POST", "/v2/giftcards/audit-logs/export", { format: "xml" });
    expect(refused.status).toBe(422);
    expect(refused.json.detail[0].loc).toEqual(["body", "format"]);
  },
  "POST /v2/giftcards/programs/{programId}/cards/bulk body.initialValue": async () => {
    const refused = await call(boot(), "POST", "/v2/giftcards/programs/p1/cards/bulk", { count: 2 });
    expect(refused.status).toBe(422);
    expect(refused.json.detail[0].loc).toEqual(["body", "initialValue"]);
  },
  "POST /v2/giftcards/programs/{programId}/cards/bulk body.count": async () => {
    const answer = await call(boot(), "POST", "/v2/giftcards/programs/p1/cards/bulk", { initialValue: 5, count: 3 });
    expect(answer.json).toMatchObject({ issuedCount: 3 });
  },
  "POST /v2/giftcards/programs/{programId}/cards/bulk body.recipients": async () => {
    const recipients = [{ email: "a@example.com" }, { email: "b@example.com" }];
    const answer = await call(boot(), "POST", "/v2/giftcards/programs/p1/cards/bulk", { initialValue: 5, recipients });
    expect(answer.json).toMatchObject({ issuedCount: 2 });
  },
  "POST /v2/giftcards/gdpr/export body.format": async () => {
    const sim = boot();
    const csv = await call(sim, "POST", "/v2/giftcards/gdpr/export", { format: "csv", customerId: "c1" });
    expect((await sim.fetch(csv.json.downloadUrl)).headers.get("content-type")).toMatch(/text\/csv/);
    const refused = await call(sim, "POST", "/v2/giftcards/gdpr/export", { format: "xml", customerId: "c1" });
    expect(refused.status).toBe(422);
  },
  "POST /v2/giftcards/gdpr/export body.customerId": async () => {
    const sim = boot();
    const created = await call(sim, "POST", "/v2/giftcards/gdpr/export", { format: "json", customerId: "cust_42" });
    expect(await (await sim.fetch(created.json.downloadUrl)).json()).toMatchObject({ customer: { id: "cust_42" } });
    // The API's own download route serves the same customer's document.
    const fromApi = await call(sim, "GET", `/v2/giftcards/gdpr/download?exportId=${created.json.exportId}&format=json`);
    expect(fromApi.json).toMatchObject({ customer: { id: "cust_42" } });
  },
  "POST /v2/giftcards/gdpr/export body.customerEmail": async () => {
    const sim = boot();
    const created = await call(sim, "POST", "/v2/giftcards/gdpr/export", {
      format: "json",
      customerEmail: "x@example.com",
    });
    expect(await (await sim.fetch(created.json.downloadUrl)).json()).toMatchObject({
      customer: { email: "x@example.com" },
    });
    expect((await call(sim, "POST", "/v2/giftcards/gdpr/export", { format: "json" })).status).toBe(422);
  },
  "GET /v2/giftcards/gdpr/download query.exportId": async () => {
    const sim = boot();
    await call(sim, "POST", "/v2/giftcards/gdpr/export", { format: "json", customerId: "c1" });
    expect((await call(sim, "GET", "/v2/giftcards/gdpr/download?exportId=gdpr_000001&format=json")).status).toBe(200);
    expect((await call(sim, "GET", "/v2/giftcards/gdpr/download?exportId=gdpr_000002&format=json")).status).toBe(404);
    const missing = await call(sim, "GET", "/v2/giftcards/gdpr/download?format=json");
    expect(missing.json.detail).toEqual([
      { type: "missing", loc: ["query", "exportId"], msg: "Field required", input: null },
    ]);
  },
  "GET /v2/giftcards/gdpr/download query.format": async () => {
    const sim = boot();
    await call(sim, "POST", "/v2/giftcards/gdpr/export", { format: "json", customerId: "c1" });
    const csv = await sim.fetch(`${sim.baseUrl}/v2/giftcards/gdpr/download?exportId=gdpr_000001&format=csv`, {
      headers: { authorization: `Bearer ${JWT}` },
    });
    expect(await csv.text()).toMatch(/^customerId,customerEmail,cardId,lastFourDigits\nc1,/);
    // Checked before the export is looked up, as FastAPI validates the query first.
    const refused = await call(sim, "GET", "/v2/giftcards/gdpr/download?exportId=gdpr_999999&format=xml");
    expect(refused.status).toBe(422);
    expect(refused.json.detail[0]).toMatchObject({ type: "string_pattern_mismatch", loc: ["query", "format"] });
  },
});

/** The analytics export's rows (dates) and columns, through its presigned URL. */
async function analytics(body: Record<string, unknown>): Promise<{ dates: string[]; header: string }> {
  const sim = boot();
  const answer = await call(sim, "POST", "/v2/giftcards/programs/p1/analytics/export", body);
  expect(answer.status).toBe(200);
  const [header = "", ...rows] = (await (await sim.fetch(answer.json.downloadUrl)).text()).trimEnd().split("\n");
  return { header, dates: rows.map((row) => row.split(",")[0] as string) };
}

Object.assign(probes, {
  "POST /v2/giftcards/programs/{programId}/analytics/export body.period": async () => {
    for (const [period, days] of [
      ["7d", 7],
      ["30d", 30],
      ["90d", 90],
      ["12m", 365],
    ] as const) {
      const { dates } = await analytics({ period });
      expect(dates).toHaveLength(days);
      expect(dates.at(-1)).toBe("2025-06-15");
    }
  },
  "POST /v2/giftcards/programs/{programId}/analytics/export body.from": async () => {
    expect((await analytics({ period: "custom", from: "2025-02-27", to: "2025-03-02" })).dates).toEqual([
      "2025-02-27",
      "2025-02-28",
      "2025-03-01",
      "2025-03-02",
    ]);
    const refused = await call(boot(), "POST", "/v2/giftcards/programs/p1/analytics/export", {
      period: "custom",
      from: "soon",
    });
    expect(refused.json.detail[0]).toMatchObject({ type: "datetime_from_date_parsing", loc: ["body", "from"] });
  },
  "POST /v2/giftcards/programs/{programId}/analytics/export body.to": async () => {
    expect((await analytics({ period: "custom", to: "2025-03-02" })).dates).toHaveLength(7);
    expect((await analytics({ period: "custom", from: "2025-03-03", to: "2025-03-02" })).dates).toEqual([]);
  },
  "POST /v2/giftcards/programs/{programId}/analytics/export body.metrics": async () => {
    expect((await analytics({ metrics: ["issued", "redeemed", "breakage"] })).header).toBe(
      "date,issued,redeemed,breakage",
    );
  },
});

// ---- the spec side -----------------------------------------------------------------------------------------

const spec = upstreamSpec();
const unreviewed = readUnreviewedInputs(repoRoot);

const config = settleConfig({});
const simulated = new Router(config, new SimulatorState(config)).handlers.map(({ info }) => {
  const path = String(info.path)
    .slice(config.baseUrl.length)
    .replace(/:(\w+)/g, "{$1}");
  return `${String(info.method)} ${path}`;
});

describe("every documented input of a simulated operation is honoured or ignored on purpose", () => {
  it("lists exactly the simulated operations", () => {
    expect(Object.keys(SIMULATED_INPUTS).sort()).toEqual([...simulated].sort());
  });

  it.each(simulated)("%s: query parameters and body properties match the pinned spec", (key) => {
    const documented = documentedInputs(spec, key);
    expect(documented, `${key} is not in the spec`).toBeDefined();
    const inputs = SIMULATED_INPUTS[key];
    const table = tableInputs(inputs);
    const pending = unreviewed.filter((u) => u.operation === key).map((u) => u.input);
    // The table lists only what the spec documents...
    expect(
      table.filter((input) => !documented?.includes(input)),
      "in the table, not in the spec",
    ).toEqual([]);
    // ...and everything it documents, but for what spec:accept recorded as new upstream (never an input removed by hand).
    expect(
      documented?.filter((input) => !table.includes(input) && !pending.includes(input)),
      `documented, but neither in SIMULATED_INPUTS nor recorded by spec:accept in ${UNREVIEWED_INPUTS_FILE}: add it to the table`,
    ).toEqual([]);
    expect(
      pending.filter((input) => table.includes(input)),
      `reviewed into the table: delete it from ${UNREVIEWED_INPUTS_FILE}`,
    ).toEqual([]);
    expect(
      pending.filter((input) => !documented?.includes(input)),
      `no longer in the spec: delete it from ${UNREVIEWED_INPUTS_FILE}`,
    ).toEqual([]);
    expect(inputs?.body !== undefined, "the table has a body exactly when the spec has a JSON body").toBe(
      hasJsonBody(spec, key),
    );
    for (const handling of [...Object.values(inputs?.query ?? {}), ...Object.values(inputs?.body ?? {})]) {
      expect(Object.values(handling)[0]?.length, "a reason / a description").toBeGreaterThan(10);
    }
  });

  it("records unreviewed inputs only for simulated operations, once each, with the version that brought them", () => {
    for (const entry of unreviewed) {
      expect(simulated).toContain(entry.operation);
      expect(entry.input).toMatch(/^(query|body)\./);
      expect(entry.since).toMatch(/ \([0-9a-f]{12}\)$/);
    }
    const keys = unreviewed.map((u) => `${u.operation} ${u.input}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  const honoured = Object.entries(SIMULATED_INPUTS).flatMap(([key, inputs]) =>
    (["query", "body"] as const).flatMap((where) =>
      Object.entries(inputs[where] ?? {})
        .filter(([, handling]) => "honoured" in handling)
        .map(([name]) => `${key} ${where}.${name}`),
    ),
  );

  it("has a probe for every honoured input, and none for anything else", () => {
    expect(Object.keys(probes).sort()).toEqual([...honoured].sort());
  });

  it.each(honoured)("probe: %s", async (name) => {
    await probes[name]?.();
  });
});

describe("date filters", () => {
  it("export and listing select the same rows for the same filters, and a 2030 range selects none", async () => {
    const sim = boot();
    const window = { fromDate: "2025-01-10", toDate: "2025-01-20T23:59:59Z", actions: [ENTRIES[0]?.action] };
    const rows = await exported(sim, window);
    expect(rows).toEqual(await listed(sim, `from=${window.fromDate}&to=${window.toDate}&action=${window.actions[0]}`));
    expect(rows.length).toBeGreaterThan(0);
    expect(await exported(sim, { fromDate: "2030-01-01T00:00:00Z", toDate: "2030-12-31T00:00:00Z" })).toEqual([]);
    expect(await exported(sim, { fromDate: "2030-01-01T00:00:00Z", format: "json" })).toEqual([]);
    // from after to: an empty selection (the API documents no error for it).
    expect(await listed(sim, "from=2025-01-20&to=2025-01-10")).toEqual([]);
  });

  it("reads date-times the way pydantic does: offsets, bare dates, naive times as UTC, Unix seconds", async () => {
    const sim = boot();
    const t = at(5);
    const iso = new Date(t).toISOString();
    const cases = [
      iso,
      iso.replace("Z", "+00:00"),
      new Date(t + 2 * 3_600_000).toISOString().replace("Z", "+02:00"),
      iso.replace("Z", ""),
      iso.replace("T", " "),
      String(t / 1000),
      String(t),
    ];
    for (const from of cases) {
      expect(await listed(sim, `from=${encodeURIComponent(from)}`), from).toEqual(ids(ENTRIES.slice(5)));
    }
    const day = new Date(t).toISOString().slice(0, 10);
    expect(await listed(sim, `to=${day}`)).toEqual(
      ids(ENTRIES.filter((e) => Date.parse(e.timestamp) <= Date.parse(day))),
    );
  });

  it("answers unparseable dates with FastAPI's 422 list, every problem at once, before anything else", async () => {
    const sim = boot();
    const answer = await call(sim, "GET", "/v2/giftcards/audit-logs?from=yesterday&to=2025-02-30&page=0");
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({
      detail: [
        {
          type: "datetime_from_date_parsing",
          loc: ["query", "from"],
          msg: "Input should be a valid datetime or date, input is too short",
          input: "yesterday",
          ctx: { error: "input is too short" },
        },
        {
          type: "datetime_from_date_parsing",
          loc: ["query", "to"],
          msg: "Input should be a valid datetime or date, day value is outside expected range",
          input: "2025-02-30",
          ctx: { error: "day value is outside expected range" },
        },
        {
          type: "greater_than_equal",
          loc: ["query", "page"],
          msg: "Input should be greater than or equal to 1",
          input: "0",
          ctx: { ge: 1 },
        },
      ],
    });
    const badTime = await call(sim, "POST", "/v2/giftcards/audit-logs/export", {
      fromDate: "2025-01-01T25:00:00Z",
      toDate: 17,
      actions: "giftcard.issued",
    });
    expect(badTime.status).toBe(422);
    // A JSON number is no string (the spec's type for these fields), as pydantic refuses one for a `str`.
    expect(badTime.json.detail.map((d: { type: string; loc: unknown[] }) => [d.type, d.loc.join(".")])).toEqual([
      ["list_type", "body.actions"],
      ["datetime_parsing", "body.fromDate"],
      ["string_type", "body.toDate"],
    ]);
    expect(sim.requests.filter((r) => r.path.endsWith("/export/"))).toEqual([]);
  });

  it("gives hashed keys the validation_error envelope instead", async () => {
    const sim = boot();
    const answer = await call(sim, "GET", "/v2/giftcards/audit-logs?to=soon", undefined, DEFAULT_SIMULATOR_TOKEN);
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({
      code: "validation_error",
      message: "query.to: Input should be a valid datetime or date, input is too short",
      request_id: answer.headers.get("x-request-id"),
    });
  });
});
