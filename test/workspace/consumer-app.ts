// The app package of the throwaway monorepo built by `consumer.e2e.ts`. It is kept as strings (not .ts files)
// because the repo's own `tsc -p tsconfig.json` runs before `dist/` exists and would try to resolve
// `@loyaltydog/sdk` through the package's self-reference.

/** `packages/app/src/main.ts`: typed calls, a task helper, downloads and the testing kit, as a consumer writes them. */
export const mainTs = `import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type AuditLogPage, createLoyaltyDogClient, type ExportStatusResponse, VERSION } from "@loyaltydog/sdk";
import { download } from "@loyaltydog/sdk/download";
import { downloadToFile } from "@loyaltydog/sdk/node";
import { exportAuditLogsAndWait } from "@loyaltydog/sdk/tasks";
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

  // A task helper: start the export, poll it to the end, get the presigned URL.
  const done = await exportAuditLogsAndWait(client, { format: "csv" }, { minDelayMs: 1, maxDelayMs: 5 });
  const status: ExportStatusResponse = done;
  const url: string = done.downloadUrl;
  check(status.status !== "", "finished export has a status");

  // Downloads: a streaming Response, and to a file through the Node-only subpath.
  const csv = await (await download(client, url)).text();
  check(csv.trimEnd().split("\\n").length === 4, \`export has a header and 3 rows, got \${JSON.stringify(csv)}\`);
  const file = join(import.meta.dirname, "..", "out", "audit.csv");
  const { bytes } = await downloadToFile(client, url, file, { createDirectories: true });
  check((await readFile(file, "utf8")) === csv && bytes === Buffer.byteLength(csv), "file matches the download");

  // Types exported from the root and the testing kit's fixtures agree.
  const page: AuditLogPage = fixtures.auditLogPage(fixtures.auditLogEntries(2));
  check(page.items.length === 2, "fixture page has two items");

  console.log(JSON.stringify({ ok: true, version: VERSION, name, rows: csv.trimEnd().split("\\n").length - 1 }));
} finally {
  await listening.close();
}
`;

/** `packages/app/src/require.cjs`: CommonJS `require` of every entry (Node's require(esm), Node >= 20.19 / 22.12). */
export const requireCjs = `const sdk = require("@loyaltydog/sdk");
const testing = require("@loyaltydog/sdk/testing");
const node = require("@loyaltydog/sdk/node");
const tasks = require("@loyaltydog/sdk/tasks");
const download = require("@loyaltydog/sdk/download");
const paginate = require("@loyaltydog/sdk/paginate");
if (typeof tasks.exportAuditLogsAndWait !== "function") throw new Error("require: no exportAuditLogsAndWait");
if (typeof download.download !== "function") throw new Error("require: no download");
if (typeof paginate.paginate !== "function") throw new Error("require: no paginate");
if (typeof node.downloadToFile !== "function") throw new Error("require: no downloadToFile");
if (typeof sdk.createLoyaltyDogClient !== "function") throw new Error("require: no createLoyaltyDogClient");
if (typeof testing.createLoyaltyDogSimulator !== "function") throw new Error("require: no simulator");
console.log(JSON.stringify({ ok: true, require: true }));
`;

/**
 * `packages/app/src/api-only.ts`: the main, `./tasks` and `./node` entries, type-checked without the DOM lib (a Node service
 * that never loads the testing kit; msw's own declarations need `lib: ["DOM"]` under skipLibCheck false).
 */
export const apiOnlyTs = `import { createLoyaltyDogClient, type LoyaltyDogClient, unwrap, type UserRead } from "@loyaltydog/sdk";
import { downloadToFile } from "@loyaltydog/sdk/node";
import { exportAuditLogsAndWait } from "@loyaltydog/sdk/tasks";

export async function whoAmI(client: LoyaltyDogClient): Promise<UserRead> {
  return unwrap(await client.GET("/v2/token"));
}

export async function saveAuditLog(client: LoyaltyDogClient, path: string): Promise<number> {
  const done = await exportAuditLogsAndWait(client, { format: "csv" });
  return (await downloadToFile(client, done.downloadUrl, path)).bytes;
}

export const client: LoyaltyDogClient = createLoyaltyDogClient({ token: "ld_test_anything" });
`;
