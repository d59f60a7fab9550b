import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createLoyaltyDogSimulator,
  DEFAULT_SIMULATOR_TOKEN,
  type ListeningSimulator,
  type LoyaltyDogSimulator,
  type LoyaltyDogSimulatorOptions,
} from "../../src/testing/index.js";

/** What a test of the `loyaltydog` bin needs: a listening simulator on a real clock, a scratch dir, the child's env. */
export interface CliWorld {
  sim: LoyaltyDogSimulator;
  servers: ListeningSimulator;
  dir: string;
  /** LOYALTYDOG_TOKEN and LOYALTYDOG_BASE_URL for the simulator. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Real clock (the child polls in real time), no rate limit; `options` add to that. */
export async function startCliWorld(options: LoyaltyDogSimulatorOptions = {}): Promise<CliWorld> {
  const sim = createLoyaltyDogSimulator({ clock: { now: () => Date.now() }, rateLimit: false, ...options });
  const servers = await sim.listen();
  const dir = mkdtempSync(join(tmpdir(), "ldsdk-cli-"));
  return {
    sim,
    servers,
    dir,
    env: { LOYALTYDOG_TOKEN: DEFAULT_SIMULATOR_TOKEN, LOYALTYDOG_BASE_URL: servers.apiUrl },
    async close() {
      await servers.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
