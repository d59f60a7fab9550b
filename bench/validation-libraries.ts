// npm run bench -- validation-libraries   (or: tsx bench/validation-libraries.ts [--quick] [--json])
// Why the generated validators are valibot: the same schema reading (scripts/lib/validators/) printed for
// valibot 1 and zod 4, then compared on what a user pays. Bundle: esbuild min+gzip of a one-operation app
// (the schemas `GET /v2/giftcards/audit-logs` reaches + the library) and of the whole table
// (`@loyaltydog/sdk/validate`'s share). Speed: safeParse of a realistic answer (an audit-log page of 200
// entries), valid and drifted, interleaved rounds; and the cost of building every schema at import.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { canonicalJson } from "../scripts/lib/canonical.js";
import type { OpenApiDocument } from "../scripts/lib/spec-source.js";
import { type ValidatorEmitter, valibotEmitter } from "../scripts/lib/validators/emitter.js";
import { operationSchemas, validatorModule } from "../scripts/lib/validators/validator-module.js";
import { fixtures } from "../src/testing/fixtures.js";
import { bundle } from "./lib/bundle-size.js";
import { type BenchResult, interleaved, median, now, round, runBench } from "./lib/harness.js";
import { zodEmitter, zodMiniEmitter } from "./lib/zod-emitter.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SPEC =
  process.env.LOYALTYDOG_OPENAPI_SOURCE ??
  join(dirname(fileURLToPath(import.meta.url)), "../..", "shared/loyaltydog/openapi.public.json");
const OPERATION = "GET /v2/giftcards/audit-logs";

interface Library {
  name: string;
  emitter: ValidatorEmitter;
  /** App source: validates `payload` with the table's schema for OPERATION, prints whether it passed. */
  app: (module: string) => string;
  parse: (schema: unknown, value: unknown) => boolean;
}

const valibot = await import("valibot");
const LIBRARIES: Library[] = [
  {
    name: "valibot 1",
    emitter: valibotEmitter,
    app: (m) => `import * as v from "valibot";
import { operationValidators } from "${m}";
const schema = operationValidators["${OPERATION}"].responses["200"];
console.log(v.safeParse(schema, JSON.parse(globalThis.payload)).success);`,
    parse: (schema, value) => valibot.safeParse(schema as never, value).success,
  },
  zodLibrary("zod 4", zodEmitter),
  zodLibrary("zod/mini 4", zodMiniEmitter),
];

function zodLibrary(name: string, emitter: ValidatorEmitter): Library {
  return {
    name,
    emitter,
    app: (m) => `import { operationValidators } from "${m}";
const schema = operationValidators["${OPERATION}"].responses["200"];
console.log(schema.safeParse(JSON.parse(globalThis.payload)).success);`,
    parse: (schema, value) => (schema as { safeParse(v: unknown): { success: boolean } }).safeParse(value).success,
  };
}

/** An app's size as a consumer's bundler ships it (lib/bundle-size.ts), resolving its imports from `dir`. */
/** The string-format checks, from a scratch folder two levels under the checkout (`.tmp/bench-validation-…`). */
const FORMATS_FROM_SCRATCH = "../../src/core/validation/string-formats.js";

const gzipBundle = (source: string, dir: string) => bundle({ name: "app", source, resolveDir: dir });

await runBench(async ({ quick }): Promise<BenchResult> => {
  const doc = JSON.parse(canonicalJson(JSON.parse(readFileSync(SPEC, "utf8")))) as OpenApiDocument;
  const all = operationSchemas(doc);
  const one = all.filter((op) => op.operation === OPERATION);
  // Under the checkout, so the apps resolve valibot and zod from its node_modules.
  mkdirSync(join(root, ".tmp"), { recursive: true });
  const scratch = mkdtempSync(join(root, ".tmp", "bench-validation-"));
  try {
    const page = fixtures.auditLogPage(fixtures.auditLogEntries(200), 1, 200);
    const drifted = { ...page, items: page.items.map((e, i) => (i === 150 ? { ...e, timestamp: 17 } : e)) };
    const figures: BenchResult["figures"] = {};
    const rows: string[][] = [];
    const perLib: {
      lib: Library;
      oneApp: { min: number; gzip: number };
      allApp: { min: number; gzip: number };
      genMs: number;
      schema: unknown;
      module: string;
    }[] = [];
    for (const lib of LIBRARIES) {
      const slug = (lib.name.split(" ")[0] as string).replace("/", "-");
      const start = now();
      const allSource = validatorModule(doc, lib.emitter, all, FORMATS_FROM_SCRATCH);
      const genMs = now() - start;
      writeFileSync(join(scratch, `${slug}-all.ts`), allSource);
      writeFileSync(join(scratch, `${slug}-one.ts`), validatorModule(doc, lib.emitter, one, FORMATS_FROM_SCRATCH));
      const oneApp = await gzipBundle(lib.app(`./${slug}-one.ts`), scratch);
      const allApp = await gzipBundle(lib.app(`./${slug}-all.ts`), scratch);
      const module = pathToFileURL(join(scratch, `${slug}-all.ts`)).href;
      const table = (await import(module)).operationValidators;
      const schema = table[OPERATION].responses["200"];
      if (!lib.parse(schema, page) || lib.parse(schema, drifted)) {
        throw new Error(`${lib.name}: the valid page must pass and the drifted one fail`);
      }
      perLib.push({ lib, oneApp, allApp, genMs, schema, module });
    }

    // Parse speed: each variant parses the page `batch` times; rounds interleave the libraries.
    const batch = quick ? 20 : 200;
    const rounds = quick ? 3 : 15;
    const variants = perLib.flatMap(({ lib, schema }) => [
      {
        name: `${lib.name} valid`,
        run: () => {
          const t = now();
          for (let i = 0; i < batch; i++) lib.parse(schema, page);
          return ((now() - t) * 1000) / batch;
        },
      },
      {
        name: `${lib.name} drifted`,
        run: () => {
          const t = now();
          for (let i = 0; i < batch; i++) lib.parse(schema, drifted);
          return ((now() - t) * 1000) / batch;
        },
      },
    ]);
    const text = JSON.stringify(page);
    variants.push({
      name: "JSON.parse",
      run: () => {
        const t = now();
        for (let i = 0; i < batch; i++) JSON.parse(text);
        return ((now() - t) * 1000) / batch;
      },
    });
    for (const v of variants) v.run(); // warm-up (JIT, zod's compiled fast path)
    const samples = interleaved(variants, rounds);
    // Building every schema at import: a fresh module instance per sample.
    const initMs = new Map<string, number[]>();
    for (let r = 0; r < (quick ? 1 : 5); r++) {
      for (const { lib, module } of perLib) {
        const t = now();
        await import(`${module}?fresh=${r}`);
        initMs.set(lib.name, [...(initMs.get(lib.name) ?? []), now() - t]);
      }
    }

    const [base] = perLib;
    const us = (name: string) => median(samples.get(name) ?? []);
    rows.push([
      "library",
      "one-op app min+gzip",
      "all-ops table app min+gzip",
      "parse 200-entry page (valid)",
      "parse (drifted)",
      "build all schemas at import",
      "generate module",
    ]);
    for (const { lib, oneApp, allApp, genMs } of perLib) {
      const slug = (lib.name.split(" ")[0] as string).replace("/", "_").toLowerCase();
      figures[`${slug}_one_op_gzip_bytes`] = oneApp.gzip;
      figures[`${slug}_one_op_min_bytes`] = oneApp.min;
      figures[`${slug}_all_ops_gzip_bytes`] = allApp.gzip;
      figures[`${slug}_parse_valid_us`] = round(us(`${lib.name} valid`), 1);
      figures[`${slug}_parse_drifted_us`] = round(us(`${lib.name} drifted`), 1);
      figures[`${slug}_init_ms`] = round(median(initMs.get(lib.name) ?? []), 1);
      figures[`${slug}_generate_ms`] = round(genMs, 1);
      const vs = (a: number, b: number) => (lib === base?.lib ? "" : ` (${(a / b).toFixed(2)}×)`);
      rows.push([
        lib.name,
        `${oneApp.gzip} B${vs(oneApp.gzip, base?.oneApp.gzip ?? 1)}`,
        `${allApp.gzip} B${vs(allApp.gzip, base?.allApp.gzip ?? 1)}`,
        `${us(`${lib.name} valid`).toFixed(1)} µs${vs(us(`${lib.name} valid`), us(`${base?.lib.name} valid`))}`,
        `${us(`${lib.name} drifted`).toFixed(1)} µs${vs(us(`${lib.name} drifted`), us(`${base?.lib.name} drifted`))}`,
        `${median(initMs.get(lib.name) ?? []).toFixed(1)} ms`,
        `${genMs.toFixed(0)} ms`,
      ]);
    }
    figures.json_parse_us = round(us("JSON.parse"), 1);
    const [v, z, mini] = perLib;
    return {
      bench: "validation-libraries",
      quick,
      figures,
      checks: [
        {
          name: "the chosen library (valibot) makes the smallest one-operation app",
          target: "valibot ≤ zod, zod/mini",
          measured: `${v?.oneApp.gzip} B vs ${z?.oneApp.gzip} B, ${mini?.oneApp.gzip} B`,
          pass: (v?.oneApp.gzip ?? 0) <= Math.min(z?.oneApp.gzip ?? 0, mini?.oneApp.gzip ?? 0),
        },
        {
          name: "validation speed on a 200-entry page, valibot against zod (report)",
          target: "report",
          measured: `${(us("valibot 1 valid") / us("zod 4 valid")).toFixed(2)}× zod's time, ${(us("valibot 1 valid") / us("zod/mini 4 valid")).toFixed(2)}× zod/mini's`,
          pass: null,
        },
      ],
      table: rows,
      notes: [
        `operation ${OPERATION}; payload ${JSON.stringify(page).length} bytes of JSON; ${rounds} interleaved rounds of ${batch} parses, median per parse`,
        `for scale: JSON.parse of the same page takes ${us("JSON.parse").toFixed(1)} µs; "build all schemas at import" includes tsx transpiling the module`,
        "apps: esbuild --bundle --minify --format=esm --platform=neutral, gzip -9; the one-op app holds only the schemas that operation reaches",
      ],
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
