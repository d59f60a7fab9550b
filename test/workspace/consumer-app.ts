// The app package of the throwaway monorepo built by `consumer.e2e.ts`. It is kept as strings (not .ts files)
// because the repo's own `tsc -p tsconfig.json` runs before `dist/` exists and would try to resolve
// `@loyaltydog/sdk` through the package's self-reference.

/** `packages/app/src/main.ts`: typed calls, a task wait and the testing kit, as a consumer writes them. */
export const mainTs = `import {
  type AuditLogPage,
  createLoyaltyDogClient,
  type ExportStatusResponse,
  pollTask,
  classifyTaskState,
  VERSION,
} from "@loyaltydog/sdk";
import { createLoyaltyDogSimulator, createManualClock, DEFAULT_SIMULATOR_TOKEN, fixtures } from "@loyaltydog/sdk/testing";

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(\`consumer app: \${message}\`);
}

const simulator = createLoyaltyDogSimulator({ clock: createManualClock(), auditLogCount: 3 });
simulator.nextTask({ pollsToComplete: 2 });
const listening = await simulator.listen();
try {
  const client = createLoyaltyDogClient({ token: DEFAULT_SIMULATOR_TOKEN, baseUrl: listening.apiUrl });

  // Typed calls: paths, params, bodies and responses come from the spec.
  const me = await client.GET("/v2/token");
  check(me.data !== undefined, "GET /v2/token returned no data");
  const name = me.data.name;
  check(typeof name === "string", "user name is a string");

  const started = await client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } });
  check(started.data !== undefined, "export did not start");
  const taskId: string = started.data.taskId;

  // A task helper: the generic poller, fed by a typed status call.
  const done: ExportStatusResponse = await pollTask<ExportStatusResponse>(
    {
      taskId,
      kind: "audit-log export",
      async fetchStatus(signal) {
        const { data, error } = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
          params: { path: { task_id: taskId } },
          signal,
        });
        if (error !== undefined || data === undefined) throw new Error("status call failed");
        return { status: data };
      },
      stateOf: (status) => classifyTaskState(status.status),
    },
    { minDelayMs: 1, maxDelayMs: 5, maxWaitMs: 10_000 },
  );
  check(typeof done.downloadUrl === "string", "finished export has a download URL");
  const csv = await (await fetch(done.downloadUrl)).text();
  check(csv.trimEnd().split("\\n").length === 4, \`export has a header and 3 rows, got \${JSON.stringify(csv)}\`);

  // Types exported from the root and the testing kit's fixtures agree.
  const page: AuditLogPage = fixtures.auditLogPage(fixtures.auditLogEntries(2));
  check(Array.isArray(page.items), "fixture page has items");

  console.log(JSON.stringify({ ok: true, version: VERSION, name, rows: csv.trimEnd().split("\\n").length - 1 }));
} finally {
  await listening.close();
}
`;

/** `packages/app/src/require.cjs`: CommonJS `require` of both entries (Node's require(esm), Node >= 20.19 / 22.12). */
export const requireCjs = `const sdk = require("@loyaltydog/sdk");
const testing = require("@loyaltydog/sdk/testing");
if (typeof sdk.createLoyaltyDogClient !== "function") throw new Error("require: no createLoyaltyDogClient");
if (typeof testing.createLoyaltyDogSimulator !== "function") throw new Error("require: no simulator");
console.log(JSON.stringify({ ok: true, require: true }));
`;

/**
 * `packages/app/src/api-only.ts`: the main entry alone, type-checked without the DOM lib (a Node service
 * that never loads the testing kit; msw's own declarations need `lib: ["DOM"]` under skipLibCheck false).
 */
export const apiOnlyTs = `import { createLoyaltyDogClient, type LoyaltyDogClient, unwrap, type UserRead } from "@loyaltydog/sdk";

export async function whoAmI(client: LoyaltyDogClient): Promise<UserRead> {
  return unwrap(await client.GET("/v2/token"));
}

export const client: LoyaltyDogClient = createLoyaltyDogClient({ token: "ld_test_anything" });
`;
