import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliWorld, startCliWorld } from "../support/cli-world.js";
import { type RunningChild, startTs } from "../support/run-child.js";

// SIGTERM (kill, systemd, Kubernetes) and SIGHUP (a closed terminal) in the middle of a download must stop the
// `loyaltydog` bin the way Ctrl-C does (cli.test.ts): abort, clean up, exit 128 + the signal's number. Each case
// is a real child process downloading a 4 GiB export generated as it is read, signalled once bytes are on disk.
const CLI = "src/cli/main.ts";
let world: CliWorld;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  world = await startCliWorld({ tasks: { pollsToComplete: 0 }, exportSizeBytes: 4 * 2 ** 30 });
  ({ dir, env } = world);
});
afterAll(() => world.close());

const files = (name: string) => readdirSync(dir).filter((f) => f.startsWith(name));

/** Waits (on a condition, not a duration) until the download's temporary file holds bytes. */
async function partHasBytes(running: RunningChild, name: string): Promise<void> {
  await running.waitFor("downloading to");
  const size = () => {
    const part = files(name).find((f) => f.endsWith(".part"));
    return part ? statSync(join(dir, part)).size : 0;
  };
  while (size() === 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("stop signals mid-download", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("%s: exits %i, says so, and leaves neither the file nor a .part", async (signal, code) => {
    const name = `stopped-${signal}.csv`;
    const running = startTs(CLI, ["audit-logs", "export", "--out", join(dir, name)], env);
    await partHasBytes(running, name);
    running.child.kill(signal);
    const result = await running.done;
    expect(result.code).toBe(code);
    expect(result.signal).toBeNull(); // our handler ran: the process was not killed by the signal's default action
    expect(result.stderr).toContain(`download to ${join(dir, name)} stopped; nothing was written`);
    expect(result.stderr).toMatch(new RegExp(`^interrupted by ${signal}$`, "m"));
    expect(files(name)).toEqual([]);
  });

  it("SIGTERM with --resume: exits 143 and keeps <file>.part, saying how to continue", async () => {
    const name = "kept.csv";
    const out = join(dir, name);
    const running = startTs(CLI, ["audit-logs", "export", "--out", out, "--resume"], env);
    await partHasBytes(running, name);
    running.child.kill("SIGTERM");
    const result = await running.done;
    expect(result.code).toBe(143);
    const taskId = /export task (\S+) started/.exec(result.stderr)?.[1];
    expect(result.stderr).toContain(
      `kept in ${out}.part, continue with: loyaltydog tasks wait ${taskId} --out ${out} --resume`,
    );
    expect(files(name).sort()).toEqual(["kept.csv.part", "kept.csv.part.json"]);
    expect(existsSync(out)).toBe(false);
    expect(statSync(`${out}.part`).size).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(`${out}.part.json`, "utf8"))).toMatchObject({ etag: expect.any(String) });
  });

  it("two SIGINTs a few ms apart (a double Ctrl-C, `timeout -s INT`): exits 130 at once, says so, leaves no .part", async () => {
    // The second signal must land while the first one's clean-up is still running. On a busy machine it can
    // also land after that clean-up (the one-signal path) or merge with the first in the kernel (standard
    // signals do not queue), so each attempt checks what every run must hold, and the attempts go on until
    // one took the second-signal path.
    let secondSignalPaths = 0;
    for (let attempt = 1; attempt <= 5 && secondSignalPaths === 0; attempt++) {
      const name = `double-sigint-${attempt}.csv`;
      const running = startTs(CLI, ["audit-logs", "export", "--out", join(dir, name)], env);
      await partHasBytes(running, name);
      running.child.kill("SIGINT");
      await new Promise((resolve) => setTimeout(resolve, 2));
      running.child.kill("SIGINT");
      const result = await running.done;
      expect(result.code).toBe(130);
      expect(result.signal).toBeNull();
      expect(files(name)).toEqual([]);
      if (/^interrupted by SIGINT again: exiting now$/m.test(result.stderr)) secondSignalPaths += 1;
      else expect(result.stderr).toMatch(/^interrupted by SIGINT$/m);
    }
    expect(secondSignalPaths).toBe(1);
  });
});
