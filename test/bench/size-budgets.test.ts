import { describe, expect, it } from "vitest";
import { BUDGETED, checkBudgets, judge, readBudgets } from "../../bench/lib/size-budgets.js";
import { bytesByRole, ROLES, roleOf } from "../../bench/lib/size-roles.js";

// The size budgets (bench/size-budgets.json) as a gate: the one-call app, the /tasks app and the main entry's
// browser bundle, bundled by esbuild as `npm run bench -- size` bundles them, may not grow past their recorded
// min+gzip budget. A failure prints the bytes by role and names the roles that grew.
describe("size budgets", () => {
  it("every budgeted bundle is within its recorded budget", { timeout: 60_000 }, async () => {
    const { verdicts } = await checkBudgets();
    const over = verdicts.filter((v) => !v.pass);
    if (over.length) expect.fail(`over budget:\n${over.map((v) => v.message).join("\n")}`);
    expect(verdicts.map((v) => v.key)).toEqual(BUDGETED.map((b) => b.key));
  });

  it("records a budget and per-role figures for every budgeted bundle, the budget at or above the recorded size", () => {
    const { bundles } = readBudgets();
    for (const { key } of BUDGETED) {
      const entry = bundles[key];
      expect(entry, key).toBeDefined();
      expect(entry?.recorded.gzipBytes, key).toBeLessThanOrEqual(entry?.budgetBytes ?? 0);
      expect(Object.keys(entry?.recorded.byRole ?? {}).sort(), key).toEqual(ROLES.map((r) => r.id).sort());
    }
    expect(bundles["one-call app"]?.budgetBytes).toBe(11_776); // 11.5 KiB, issue 27's decision
  });

  it("fails a bundle over budget, naming the role that grew and printing the bytes by role", () => {
    const recorded = {
      budgetBytes: 1000,
      recorded: {
        minBytes: 2000,
        gzipBytes: 990,
        byRole: bytesByRole([
          ["node_modules/openapi-fetch/dist/index.mjs", 1200],
          ["src/core/redact.ts", 800],
        ]),
      },
    };
    const grown = judge(
      "one-call app",
      {
        gzip: 1100,
        min: 2300,
        byModule: [
          ["node_modules/openapi-fetch/dist/index.mjs", 1200],
          ["src/core/redact.ts", 1100],
        ],
      },
      recorded,
    );
    expect(grown.pass).toBe(false);
    expect(grown.grew.map((g) => g.label)).toEqual([roleOf("src/core/redact.ts").label]);
    expect(grown.message).toContain("OVER by 100 B");
    expect(grown.message).toContain(
      "secrets kept out of errors and headers (redaction, bounds, header checks) 800 → 1100 (+300)",
    );
    expect(grown.message).toContain("openapi-fetch itself 1200");
    expect(judge("one-call app", { gzip: 1000, min: 2000, byModule: [] }, recorded).pass).toBe(true);
    expect(judge("new bundle", { gzip: 1, min: 1, byModule: [] }, undefined).pass).toBe(false);
  });

  it("keeps a module's role when src/core/ files move into folders by concern", () => {
    const same = (from: string, to: string) => expect(roleOf(to).id, `${from} → ${to}`).toBe(roleOf(from).id);
    same("src/core/redact.ts", "src/core/errors/redact.ts");
    same("src/core/invalid-argument.ts", "src/core/errors/invalid-argument.ts");
    same("src/core/retry-after.ts", "src/core/errors/retry-after.ts");
    same("src/core/transport.ts", "src/core/http/transport.ts");
    same("src/core/wire-errors.ts", "src/core/http/wire-errors.ts");
    same("src/core/request-options.ts", "src/core/http/request-options.ts");
    same("src/core/poller.ts", "src/core/tasks/poller.ts");
    same("src/core/download-session.ts", "src/core/download/download-session.ts");
    same("src/core/response-validation.ts", "src/core/validation/response-validation.ts");
    // Files a split creates take their folder's role; the rest of src/ is the client.
    expect(roleOf("src/core/errors/api-errors.ts").id).toBe("typed-errors");
    expect(roleOf("src/core/download/download-attempt.ts").id).toBe("downloads");
    expect(roleOf("src/core/http/new-thing.ts").id).toBe("client");
    expect(roleOf("node_modules/valibot/dist/index.js").id).toBe("validation");
    expect(roleOf("generated/idempotency.ts").id).toBe("idempotency-request-ids");
  });
});
