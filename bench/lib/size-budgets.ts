/**
 * The size budgets: three bundles whose min+gzip size may not grow past the figure recorded in
 * bench/size-budgets.json (the one-call app, the `/tasks` app, the main entry bundled for a browser). Checked in
 * `npm test` (test/bench/size-budgets.test.ts) and printed by `npm run bench -- size`, so growth is a decision
 * taken in a commit that raises a budget, not drift. A bundle over budget is reported with its bytes by role
 * (lib/size-roles.ts) beside the per-role figures recorded with the budget, naming the roles that grew.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type App, type Bundle, bundle } from "./bundle-size.js";
import { bytesByRole, formatByRole, ROLES } from "./size-roles.js";

export const BUDGETS_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "size-budgets.json");

const CLIENT = `import { createLoyaltyDogClient } from "./src/index.js";
const client = createLoyaltyDogClient({ token: process.env.TOKEN ?? "" });
`;

/** An app making one typed call: what every user of the SDK ships at least. */
export const ONE_CALL_APP: App = {
  name: "one typed call",
  source: `${CLIENT}console.log(await client.GET("/v2/token"));`,
};

/** An app that starts an export and waits for it: the client plus the background-task helpers. */
export const TASKS_APP: App = {
  name: "/tasks: exportAuditLogsAndWait",
  source: `import { exportAuditLogsAndWait } from "./src/tasks.js";
${CLIENT}console.log(await exportAuditLogsAndWait(client, { format: "csv" }));`,
};

/** Everything the root entry exports, bundled for a page (the `browser` field and condition first). */
export const BROWSER_MAIN_ENTRY: App = {
  name: "main entry, browser",
  source: `export * from "./src/index.js";`,
  platform: "browser",
};

/** The budgeted bundles, by the key bench/size-budgets.json records them under. */
export const BUDGETED: readonly { key: string; app: App }[] = [
  { key: "one-call app", app: ONE_CALL_APP },
  { key: "/tasks app", app: TASKS_APP },
  { key: "browser bundle of the main entry", app: BROWSER_MAIN_ENTRY },
];

export interface Recorded {
  /** The budget: min+gzip bytes this bundle may not exceed. Raised or lowered by hand, in a commit that says why. */
  budgetBytes: number;
  /** What the bundle measured when the budget was last recorded (`tsx bench/size.ts --record`). */
  recorded: { minBytes: number; gzipBytes: number; byRole: Record<string, number> };
}

export interface BudgetsFile {
  about: string;
  bundles: Record<string, Recorded>;
}

export function readBudgets(file = BUDGETS_FILE): BudgetsFile {
  return JSON.parse(readFileSync(file, "utf8")) as BudgetsFile;
}

export interface Verdict {
  key: string;
  gzip: number;
  budget: number;
  pass: boolean;
  /** Roles whose minified bytes exceed the recorded figure, largest growth first. */
  grew: { label: string; recorded: number; now: number }[];
  /** The whole report: one line when within budget, the bytes by role and what grew when over. */
  message: string;
}

const kib = (n: number) => `${(n / 1024).toFixed(2)} KiB`;

/** Judges one measured bundle against its budget and recorded per-role figures. */
export function judge(key: string, measured: Pick<Bundle, "gzip" | "min" | "byModule">, entry?: Recorded): Verdict {
  if (!entry) {
    return {
      key,
      gzip: measured.gzip,
      budget: Number.NaN,
      pass: false,
      grew: [],
      message: `${key}: no budget recorded in bench/size-budgets.json (measured ${measured.gzip} B min+gzip)`,
    };
  }
  const now = bytesByRole(measured.byModule);
  const grew = ROLES.map((r) => ({ label: r.label, recorded: entry.recorded.byRole[r.id] ?? 0, now: now[r.id] ?? 0 }))
    .filter((g) => g.now > g.recorded)
    .sort((a, b) => b.now - b.recorded - (a.now - a.recorded));
  const pass = measured.gzip <= entry.budgetBytes;
  const head = `${key}: ${measured.gzip} B min+gzip (${kib(measured.gzip)}), budget ${entry.budgetBytes} B (${kib(entry.budgetBytes)})`;
  if (pass) return { key, gzip: measured.gzip, budget: entry.budgetBytes, pass, grew, message: `${head}: within` };
  const over = measured.gzip - entry.budgetBytes;
  const lines = [
    `${head}: OVER by ${over} B (recorded ${entry.recorded.gzipBytes} B min+gzip, ${entry.recorded.minBytes} B minified; now ${measured.min} B minified)`,
    grew.length
      ? `grew (minified bytes, recorded → now): ${grew.map((g) => `${g.label} ${g.recorded} → ${g.now} (+${g.now - g.recorded})`).join("; ")}`
      : "no role grew in minified bytes: the growth is in how the bundle compresses",
    `by role now (minified bytes, before gzip): ${formatByRole(now)}`,
    "Growth is a decision: shrink the code back, or raise budgetBytes in bench/size-budgets.json in a commit that says why (`npx tsx bench/size.ts --record` then records the per-role figures).",
  ];
  return { key, gzip: measured.gzip, budget: entry.budgetBytes, pass, grew, message: lines.join("\n  ") };
}

/** Bundles every budgeted app and judges it. */
export async function checkBudgets(
  file = BUDGETS_FILE,
): Promise<{ verdicts: Verdict[]; bundles: Map<string, Bundle> }> {
  const budgets = readBudgets(file);
  const bundles = new Map<string, Bundle>();
  const verdicts: Verdict[] = [];
  for (const { key, app } of BUDGETED) {
    const measured = await bundle(app);
    bundles.set(key, measured);
    verdicts.push(judge(key, measured, budgets.bundles[key]));
  }
  return { verdicts, bundles };
}

/** Records today's per-role figures (and sizes) beside the budgets, which stay as they are; a new bundle gets today's size. */
export function recordFigures(bundles: Map<string, Bundle>, file = BUDGETS_FILE): void {
  const budgets = readBudgets(file);
  for (const [key, b] of bundles) {
    budgets.bundles[key] = {
      budgetBytes: budgets.bundles[key]?.budgetBytes ?? b.gzip,
      recorded: { minBytes: b.min, gzipBytes: b.gzip, byRole: bytesByRole(b.byModule) },
    };
  }
  writeFileSync(file, `${JSON.stringify(budgets, null, 2)}\n`);
}
