import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { removeOnExit } from "../../src/node/remove-on-exit.js";
import { REPO_ROOT } from "../support/run-child.js";

// downloadToFile's temporary .part must not outlive a process that exits mid-download through process.exit()
// (the CLI's second Ctrl-C): the async clean-up never runs then, the exit listener does.
const dir = mkdtempSync(join(tmpdir(), "ldsdk-exit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("removes registered files when the process exits, and leaves unregistered ones", () => {
  const registered = join(dir, "x.csv.abc.part");
  const released = join(dir, "y.csv.def.part");
  const script = `
    import { writeFileSync } from "node:fs";
    import { removeOnExit } from "./src/node/remove-on-exit.ts";
    writeFileSync(${JSON.stringify(registered)}, "partial");
    writeFileSync(${JSON.stringify(released)}, "partial");
    removeOnExit(${JSON.stringify(registered)});
    removeOnExit(${JSON.stringify(released)})();
    setInterval(() => {}, 1000); // a download still in flight
    setTimeout(() => process.exit(130), 10);
  `;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(130);
  expect(existsSync(registered)).toBe(false);
  expect(existsSync(released)).toBe(true);
});

it("keeps one exit listener while any file is registered, and none after", () => {
  const before = process.listenerCount("exit");
  const paths = [1, 2, 3].map((n) => join(dir, `f${n}.part`));
  for (const path of paths) writeFileSync(path, "");
  const releases = paths.map((path) => removeOnExit(path));
  expect(process.listenerCount("exit")).toBe(before + 1);
  for (const release of releases) release();
  releases[0]?.(); // twice is harmless: a download's success and failure paths may both release
  expect(process.listenerCount("exit")).toBe(before);
  expect(paths.every((path) => existsSync(path))).toBe(true);
});
