import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type ListeningSimulator,
} from "../../src/testing/index.js";
import { runTs } from "../support/run-child.js";

// With LOYALTYDOG_TOKEN set the demo talks to "an account" (here a simulator this test owns) and
// skips what needs its own simulator; a failure is one typed line and a non-zero exit.
const outDir = mkdtempSync(join(tmpdir(), "ldsdk-demo-account-"));
const sim = createLoyaltyDogSimulator({ clock: { now: () => Date.now() }, tasks: { pollsToComplete: 1 } });
let servers: ListeningSimulator;
beforeAll(async () => {
  servers = await sim.listen();
});
afterAll(async () => {
  await servers.close();
  rmSync(outDir, { recursive: true, force: true });
});

it("uses LOYALTYDOG_TOKEN/LOYALTYDOG_BASE_URL instead of a simulator and says what it skipped", async () => {
  const result = await runTs("demo/run-demo.ts", ["--out-dir", outDir], {
    LOYALTYDOG_TOKEN: DEFAULT_SIMULATOR_TOKEN,
    LOYALTYDOG_BASE_URL: servers.apiUrl,
  });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`your account at ${servers.apiUrl}`);
  expect(result.stdout).toContain("deliberate 503 skipped (needs the simulator)");
  expect(result.stdout).toContain("bulk issuance  skipped");
  expect(result.stdout).toContain("typed error    skipped (needs the simulator)");
  expect(readFileSync(join(outDir, "audit-logs.csv"), "utf8").trimEnd().split("\n")).toHaveLength(121);
  expect(sim.stats.cardsIssued).toBe(0);
});

it("exits 1 with the typed error on one line when the account refuses the token", async () => {
  const result = await runTs("demo/run-demo.ts", ["--out-dir", outDir], {
    LOYALTYDOG_TOKEN: "ld_test_wrong_key",
    LOYALTYDOG_BASE_URL: servers.apiUrl,
  });
  expect(result.code).toBe(1);
  expect(result.stderr.trim()).toMatch(
    /^demo failed: AuthenticationError: 401 unauthorized: Invalid or revoked API key/,
  );
  expect(result.stdout + result.stderr).not.toContain("ld_test_wrong_key");
});
