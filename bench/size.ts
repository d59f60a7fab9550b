// npm run bench -- size   (or: tsx bench/size.ts [--quick] [--json])
// What an app ships: small apps, each bundled whole (openapi-fetch included)
// with esbuild, minified and gzipped, as a consumer's bundler would. The
// baseline is the same one-call app on bare openapi-fetch. The helpers are
// functions in subpath entries (`/tasks`, `/download`, `/paginate`, `/node`)
// that take the client, so an app that only makes typed calls must not
// bundle them; each entry's cost is measured by an app that uses it.
import { type App, type Bundle, bundle } from "./lib/bundle-size.js";
import { type BenchResult, runBench } from "./lib/harness.js";

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
  { name: "one typed call", source: `${CLIENT}console.log(await client.GET("/v2/token"));` },
  {
    name: "typed calls + unwrap + error classes",
    source: `import { NotFoundError, unwrap } from "./src/index.js";
${CLIENT}try { console.log(unwrap(await client.GET("/v2/token"))); } catch (e) { if (!(e instanceof NotFoundError)) throw e; }
console.log(await client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } }));`,
  },
  {
    name: "/tasks: exportAuditLogsAndWait",
    source: `import { exportAuditLogsAndWait } from "./src/tasks.js";
${CLIENT}console.log(await exportAuditLogsAndWait(client, { format: "csv" }));`,
  },
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
];

/**
 * What each module of the one-call app is there for: the behaviour it implements (and the issue that made
 * it a default). Reported so that a byte budget can be weighed against what it would cost to drop.
 */
const ROLES: [role: string, modules: RegExp][] = [
  ["openapi-fetch itself", /node_modules\/openapi-fetch\//],
  [
    "typed errors (hierarchy, body description, unwrap)",
    /src\/core\/[\w-]+\/(errors|error-body|wire-errors|unwrap|response-origin)\.ts$/,
  ],
  [
    "secrets kept out of errors and headers (redaction, bounds, header checks)",
    /src\/core\/[\w-]+\/(redact|error-limits|header-input)\.ts$/,
  ],
  [
    "hostile answers (body limit and idle timeout, buffered body, redirect policy)",
    /src\/core\/[\w-]+\/(body-reader|buffered-response|redirects)\.ts$/,
  ],
  ["retries and exact timeouts", /src\/core\/[\w-]+\/(transport|retry-policy|retry-after|abort|clock)\.ts$/],
  [
    "idempotency keys and request ids",
    /(generated\/idempotency|src\/core\/[\w-]+\/(idempotency|undeclared-idempotency|request-headers|request-id))\.ts$/,
  ],
  ["the client and its options (checks, per-call options, strict path filling, logging)", /src\//],
];

function byRole(app: Bundle): string {
  const totals = new Map<string, number>(ROLES.map(([role]) => [role, 0]));
  for (const [path, bytes] of app.byModule) {
    const role = ROLES.find(([, re]) => re.test(path))?.[0];
    if (role) totals.set(role, (totals.get(role) ?? 0) + bytes);
  }
  return [...totals].map(([role, bytes]) => `${role} ${bytes}`).join("; ");
}

/** Modules that only helpers need: an app of typed calls must bundle none of them (nor the schema library). */
const HELPER_MODULES =
  /src\/(features\/|tasks\.ts|download\.ts|paginate\.ts|validate\.ts|rate-limit|core\/(poller|poll-schedule|download|data-uri|paginate|task-state|response-validation|schema-mismatch)\.ts|core\/rate-limit\/)|node_modules\/valibot\//;

await runBench(async ({ quick }): Promise<BenchResult> => {
  const sizes = new Map<string, Bundle>();
  for (const app of APPS) sizes.set(app.name, await bundle(app));
  const get = (name: string) => sizes.get(name) as Bundle;
  const bare = get(APPS[0]?.name as string);
  const oneCall = get("one typed call");
  const typedOnly = get("typed calls + unwrap + error classes");
  const helpersInTypedApps = [...oneCall.inputs, ...typedOnly.inputs].filter((p) => HELPER_MODULES.test(p));
  const leaked = [...sizes.values()]
    .flatMap((s) => s.inputs)
    .filter((p) => /generated\/(operations|schema)\.ts$/.test(p));
  const validatorsInTypedApps = [...oneCall.inputs, ...typedOnly.inputs].filter((p) =>
    /generated\/validators\.ts$/.test(p),
  );
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
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
      {
        name: "an app making one typed call (retries, errors, idempotency), min+gzip in all, openapi-fetch included",
        target: "≤ 6 KB (6144 bytes)",
        measured: `${kb(oneCall.gzip)} (${oneCall.gzip} bytes; bare openapi-fetch ${kb(bare.gzip)})`,
        pass: oneCall.gzip <= 6144,
      },
      {
        name: "an app of typed calls + unwrap + error classes, min+gzip in all",
        target: "≤ 6 KB (6144 bytes)",
        measured: `${kb(typedOnly.gzip)} (${typedOnly.gzip} bytes)`,
        pass: typedOnly.gzip <= 6144,
      },
      {
        name: "helpers cost only where imported: no task/poller/download/paginate/validate module (nor valibot, nor the generated validators) in a typed-calls app",
        target: "none",
        measured:
          helpersInTypedApps.length + validatorsInTypedApps.length
            ? [...new Set([...helpersInTypedApps, ...validatorsInTypedApps])].join(", ")
            : "none",
        pass: helpersInTypedApps.length + validatorsInTypedApps.length === 0,
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
      `one-call app by role (minified bytes, before gzip): ${byRole(oneCall)}`,
    ],
  };
});
