// npm run bench -- size   (or: tsx bench/size.ts [--quick] [--json] [--record])
// What an app ships: small apps, each bundled whole (openapi-fetch included)
// with esbuild, minified and gzipped, as a consumer's bundler would. The
// baseline is the same one-call app on bare openapi-fetch. The helpers are
// functions in subpath entries (`/tasks`, `/download`, `/paginate`, `/node`)
// that take the client, so an app that only makes typed calls must not
// bundle them; each entry's cost is measured by an app that uses it.
// Three bundles have budgets (bench/size-budgets.json, lib/size-budgets.ts), which `npm test` enforces;
// `--record` writes today's per-role figures beside the budgets (the budgets themselves are set by hand).
import { type App, type Bundle, bundle } from "./lib/bundle-size.js";
import { type BenchResult, runBench } from "./lib/harness.js";
import {
  BROWSER_MAIN_ENTRY,
  BUDGETED,
  judge,
  ONE_CALL_APP,
  readBudgets,
  recordFigures,
  TASKS_APP,
} from "./lib/size-budgets.js";
import { bytesByRole, formatByRole, roleOf } from "./lib/size-roles.js";

const CLIENT = `import { createLoyaltyDogClient } from "./src/index.js";
const client = createLoyaltyDogClient({ token: process.env.TOKEN ?? "" });
`;

const APPS: App[] = [
  {
    name: "one typed call, bare openapi-fetch (baseline)",
    source: `import createClient from "openapi-fetch";
const client = createClient({ baseUrl: "https://api.loyalty.dog" });
console.log(await client.GET("/v2/token"));`,
  },
  ONE_CALL_APP,
  {
    name: "typed calls + unwrap + error classes",
    source: `import { NotFoundError, unwrap } from "./src/index.js";
${CLIENT}try { console.log(unwrap(await client.GET("/v2/token"))); } catch (e) { if (!(e instanceof NotFoundError)) throw e; }
console.log(await client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } }));`,
  },
  TASKS_APP,
  {
    name: "/tasks: every helper",
    source: `import * as tasks from "./src/tasks.js";
${CLIENT}console.log(client, tasks);`,
  },
  {
    name: "/download: download",
    source: `import { download } from "./src/download.js";
${CLIENT}console.log(await (await download(client, "https://example.com/x.csv")).text());`,
  },
  {
    name: "/paginate: paginate",
    source: `import { paginate } from "./src/paginate.js";
${CLIENT}for await (const entry of paginate(client, "/v2/giftcards/audit-logs")) console.log(entry);`,
  },
  {
    name: "/rate-limit: createRateLimiter",
    source: `import { createRateLimiter } from "./src/rate-limit.js";
import { createLoyaltyDogClient } from "./src/index.js";
const client = createLoyaltyDogClient({ token: process.env.TOKEN ?? "", rateLimit: createRateLimiter() });
console.log(await client.GET("/v2/token"));`,
  },
  {
    name: "/node: downloadToFile (platform node)",
    source: `import { downloadToFile } from "./src/node/index.js";
${CLIENT}console.log(await downloadToFile(client, "https://example.com/x.csv", "x.csv"));`,
    platform: "node",
  },
  {
    name: "/validate: validateResponses (every operation's validators)",
    source: `import { validateResponses } from "./src/validate.js";
${CLIENT}validateResponses(client, { validate: "throw" });
console.log(await client.GET("/v2/token"));`,
  },
  { name: "everything in the root entry", source: `import * as sdk from "./src/index.js";\nconsole.log(sdk);` },
  BROWSER_MAIN_ENTRY,
];

/** Roles only helpers carry: an app of typed calls must bundle no module of them (nor valibot, nor the validators). */
const HELPER_ROLES = new Set(["background-tasks", "downloads", "paging", "rate-limits", "validation"]);
const isHelperModule = (path: string) => HELPER_ROLES.has(roleOf(path).id);

await runBench(async ({ quick }): Promise<BenchResult> => {
  const sizes = new Map<string, Bundle>();
  for (const app of APPS) sizes.set(app.name, await bundle(app));
  const get = (name: string) => sizes.get(name) as Bundle;
  const bare = get(APPS[0]?.name as string);
  const oneCall = get("one typed call");
  const typedOnly = get("typed calls + unwrap + error classes");
  // Modules with bytes in the output: an error class the root entry re-exports is an input, tree-shaken to nothing.
  const shipped = (b: Bundle) => b.byModule.filter(([, bytes]) => bytes > 0).map(([path]) => path);
  const helpersInTypedApps = [...shipped(oneCall), ...shipped(typedOnly)].filter(isHelperModule);
  const leaked = [...sizes.values()]
    .flatMap((s) => s.inputs)
    .filter((p) => /generated\/(operations|schema)\.ts$/.test(p));
  const budgets = readBudgets();
  const verdicts = BUDGETED.map(({ key, app }) => judge(key, get(app.name), budgets.bundles[key]));
  if (process.argv.includes("--record")) recordFigures(new Map(BUDGETED.map(({ key, app }) => [key, get(app.name)])));
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  const kib = (n: number) => `${(n / 1024).toFixed(2)} KiB`;
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_|_$/g, "");
  const figures: BenchResult["figures"] = {};
  for (const [name, s] of sizes) {
    figures[`${slug(name)}_min_bytes`] = s.min;
    figures[`${slug(name)}_min_gzip_bytes`] = s.gzip;
  }
  figures.large_generated_leaked = leaked.length > 0;
  return {
    bench: "size",
    quick,
    figures,
    checks: [
      ...verdicts.map((v) => ({
        name: `${v.key}, min+gzip in all, openapi-fetch included (budget in bench/size-budgets.json)`,
        target: `≤ ${kib(v.budget)} (${v.budget} bytes)`,
        measured: `${kib(v.gzip)} (${v.gzip} bytes${v.key === "one-call app" ? `; bare openapi-fetch ${kib(bare.gzip)}` : ""})${v.pass ? "" : `\n  ${v.message}`}`,
        pass: v.pass,
      })),
      {
        name: "helpers cost only where imported: no task/poller/download/paginate/validate/rate-limit module (nor valibot, nor the generated validators) in a typed-calls app",
        target: "none",
        measured: helpersInTypedApps.length ? [...new Set(helpersInTypedApps)].join(", ") : "none",
        pass: helpersInTypedApps.length === 0,
      },
      {
        name: "no generated operation table or schema in any bundle",
        target: "none",
        measured: leaked.length ? [...new Set(leaked)].join(", ") : "none",
        pass: leaked.length === 0,
      },
    ],
    table: [
      ["app (bundled whole, openapi-fetch included)", "min", "min+gzip", "vs one typed call"],
      ...APPS.map((app) => {
        const s = get(app.name);
        const delta = s.gzip - oneCall.gzip;
        return [app.name, kb(s.min), kb(s.gzip), `${delta >= 0 ? "+" : ""}${kb(delta)}`];
      }),
    ],
    notes: [
      "esbuild --bundle --minify --format=esm (platform neutral unless noted, es2022), gzip -9; apps import src/ as the package's entries",
      `one-call app, ${oneCall.inputs.length} modules; largest (minified bytes, before gzip): ${oneCall.byModule
        .slice(0, 8)
        .map(([p, n]) => `${p} ${n}`)
        .join(", ")}`,
      ...BUDGETED.map(
        ({ key, app }) =>
          `${key} by role (minified bytes, before gzip): ${formatByRole(bytesByRole(get(app.name).byModule))}`,
      ),
    ],
  };
});
