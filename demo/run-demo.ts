// npm run demo: the SDK's main job end to end, against the task simulator on
// 127.0.0.1 (or your account when LOYALTYDOG_TOKEN is set), through the
// package's public entry points only. `--out-dir DIR` moves ./out elsewhere.
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { createLoyaltyDogClient, type Logger, NotFoundError, unwrap } from "../src/index.js";
import { downloadToFile } from "../src/node/index.js";
import { pages } from "../src/paginate.js";
import { bulkIssueAndWait, startAuditLogExport, waitForAuditLogExport } from "../src/tasks.js";
import { parseDemoOptions } from "./options.js";
import { openTarget } from "./target.js";
import { waitProgress } from "./wait-progress.js";

const options = parseDemoOptions(process.argv.slice(2));
if ("exitCode" in options) process.exit(options.exitCode);
const { outDir } = options;
const started = Date.now();
const summary: string[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

// Retries are invisible by design; a logger at "warn" shows the attempts that were retried.
const retries: string[] = [];
const logger: Logger = {
  error: () => {},
  warn: (message, fields) => {
    retries.push(message);
    say(`   ↻ ${message.replace(/^loyaltydog /, "")} → retrying in ${fields?.retryInMs ?? "?"} ms`);
  },
  info: () => {},
  debug: () => {},
};

const target = await openTarget(process.env);
try {
  say(`LoyaltyDog SDK demo against ${target.describe}`);
  const client = createLoyaltyDogClient({ token: target.token, baseUrl: target.baseUrl, logger, logLevel: "warn" });
  const { sim } = target;
  const wait = target.minDelayMs === undefined ? {} : { minDelayMs: target.minDelayMs };

  say("\n1. Who am I? GET /v2/token");
  // One gateway 503 first: the client retries it (honouring Retry-After) and the caller never sees it.
  sim?.failNext(1, 503, { method: "GET", path: "/v2/token" });
  const retriesBefore = retries.length;
  const me = unwrap(await client.GET("/v2/token"));
  const retried = retries.length - retriesBefore;
  say(`   signed in as ${me.name} <${me.email}>`);
  summary.push(
    `token ping     ok (${me.name})${sim ? `; retried 503: ${retried} retry, then 200` : "; deliberate 503 skipped (needs the simulator)"}`,
  );

  say("\n2. Audit logs, page by page (pages)");
  let entries = 0;
  let pageCount = 0;
  for await (const page of pages(client, "/v2/giftcards/audit-logs", {
    params: { query: { limit: 50 } },
    maxPages: 5,
  })) {
    pageCount += 1;
    entries += page.items.length;
    say(`   page ${page.page}/${page.pages}: ${page.items.length} entries (total ${page.total})`);
  }
  summary.push(`audit logs     ${entries} entries in ${pageCount} pages`);

  say("\n3. Audit-log export: start, then wait (startAuditLogExport, waitForAuditLogExport)");
  const { taskId } = await startAuditLogExport(client, { format: "csv" });
  say(`   task ${taskId} started`);
  const exportProgress = waitProgress("export");
  const done = await waitForAuditLogExport(client, taskId, {
    ...wait,
    onProgress: (p) => exportProgress.update(p.status.status, p.polls, p.elapsedMs),
  });
  exportProgress.finish(`export ${done.status}`);
  summary.push(`export         ${taskId} ${done.status}`);

  say(`\n4. Download, streamed to disk (downloadToFile)`);
  const file = join(outDir, "audit-logs.csv");
  const saved = await downloadToFile(client, done.downloadUrl, file, { createDirectories: true });
  const rows = (await readFile(saved.path, "utf8")).trimEnd().split("\n").length - 1;
  const shown = relative(process.cwd(), saved.path).startsWith("..") ? saved.path : relative(process.cwd(), saved.path);
  say(`   ${shown}: ${saved.bytes} bytes, header + ${rows} rows`);
  summary.push(`download       ${shown} (${rows} rows, ${saved.bytes} bytes)`);

  say("\n5. Bulk-issue 120 gift cards (over the sync threshold of 50: the server answers with a task)");
  if (sim) {
    const bulkProgress = waitProgress("bulk issuance");
    const bulk = await bulkIssueAndWait(
      client,
      "prog_demo",
      { count: 120, initialValue: 25 },
      { ...wait, onProgress: (p) => bulkProgress.update(p.status.status, p.polls, p.elapsedMs) },
    );
    bulkProgress.finish(`bulk issuance ${bulk.mode}, task ${bulk.taskId}`);
    say(`   issued ${bulk.issuedCount}, failed ${bulk.failedCount}${bulk.error ? ` (${bulk.error})` : ""}`);
    summary.push(`bulk issuance  issued ${bulk.issuedCount}, failed ${bulk.failedCount} (${bulk.mode})`);
  } else {
    // Against an account this would issue 120 real gift cards: never do that as a demo.
    say("   skipped: it would issue 120 real gift cards on your account");
    summary.push("bulk issuance  skipped (would issue real gift cards)");
  }

  say("\n6. A typed error on purpose: wait for an export task that does not exist");
  if (sim) {
    try {
      await waitForAuditLogExport(client, "00000000-0000-4000-8000-00000000dead", wait);
      throw new Error("expected a NotFoundError");
    } catch (caught) {
      if (!(caught instanceof NotFoundError)) throw caught;
      const line = `${caught.name} status=${caught.status} code=${caught.code} request_id=${caught.requestId}`;
      say(`   caught ${line}`);
      say(`   message: ${caught.message}`);
      summary.push(`typed error    ${line}`);
    }
  } else {
    // A real backend may report an unknown task id as "pending" forever (Celery does), so this needs the simulator.
    say("   skipped: needs the simulator");
    summary.push("typed error    skipped (needs the simulator)");
  }

  say(`\nSummary (${((Date.now() - started) / 1000).toFixed(1)} s):`);
  for (const line of summary) say(`  ${line}`);
} catch (error) {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`demo failed: ${name}: ${message}\n`);
  process.exitCode = 1;
} finally {
  await target.close();
}
