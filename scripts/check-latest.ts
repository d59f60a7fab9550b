// `npm run check:latest`: what the registry serves *now*, checked without gating anything. The gating workspace
// checks install exact versions (test/workspace/pinned-versions.ts), so a registry that moves cannot turn a commit
// red; this installs every package a README reader installs (TypeScript, the optional peers, their types) at its
// newest version, and the SDK's dependencies at their declared ranges, into a scratch folder, then runs the README
// snippet check and the workspace check against that set (LOYALTYDOG_LATEST_DIR) and reports what moved and what
// broke. When today's versions do not even install together (a peer past another's range), that is the first thing
// reported, and the SDK's peers are then checked at the newest versions inside its peer ranges. Exit 0: everything passes with today's versions; 1: something broke (the report says what); 2: it could
// not check. Run daily by .github/workflows/latest.yml; the report also goes to the job summary there.
import { execFile, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { readerVersions } from "../test/workspace/pinned-versions.js";
import { repoRoot } from "./lib/config.js";

const run = promisify(execFile);
const CHECKS = ["test/workspace/readme-snippets.e2e.ts", "test/workspace/consumer.e2e.ts"];

interface VitestReport {
  numFailedTests: number;
  numPassedTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

/** The newest version of `name` matching `range` (`latest`: the dist-tag), exact. */
async function newestVersion(name: string, range: string): Promise<string> {
  const { stdout } = await run("npm", ["view", `${name}@${range}`, "version", "--json"], { cwd: repoRoot });
  const versions = [JSON.parse(stdout) as string | string[]].flat();
  // npm lists a range's matches in publish order, not by version: a 19.0.x patch can come after 19.3.1.
  const parts = (version: string) => version.split(/[.-]/).slice(0, 3).map(Number);
  const order = (a: string, b: string) => parts(a).reduce((diff, part, i) => diff || part - (parts(b)[i] ?? 0), 0);
  return versions.sort(order).at(-1) as string;
}

/** Writes the folder's package.json and versions.json, and `npm install`s them; the error's npm lines on failure. */
async function install(dir: string, sdkDependencies: Record<string, string>, versions: Record<string, string>) {
  writeFileSync(join(dir, "versions.json"), `${JSON.stringify(versions, null, 2)}\n`);
  // What a consumer gets today: the SDK's own dependencies at their ranges, the reader's packages as chosen.
  const dependencies = { ...sdkDependencies, ...versions };
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "loyaltydog-latest-check", private: true, type: "module", dependencies }),
  );
  return run("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, maxBuffer: 64 << 20 }).then(
    () => undefined,
    (error: { stderr?: string; message: string }) =>
      (error.stderr ?? error.message)
        .split("\n")
        .filter(
          (line) => /^npm error (?!A complete log|For a full report|\/)/.test(line) && line.trim() !== "npm error",
        )
        .slice(0, 12)
        .join("\n"),
  );
}

/** Runs the workspace checks against the folder; resolves with vitest's JSON report. */
function runChecks(latestDir: string, reportFile: string): Promise<VitestReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, "node_modules/vitest/vitest.mjs"),
        "run",
        "--config",
        "test/workspace/vitest.config.ts",
        "--reporter=default",
        "--reporter=json",
        `--outputFile=${reportFile}`,
        ...CHECKS,
      ],
      { cwd: repoRoot, stdio: "inherit", env: { ...process.env, LOYALTYDOG_LATEST_DIR: latestDir } },
    );
    child.once("error", reject);
    child.once("exit", () => {
      try {
        resolve(JSON.parse(readFileSync(reportFile, "utf8")) as VitestReport);
      } catch (error) {
        reject(new Error(`vitest wrote no report (${String(error)})`));
      }
    });
  });
}

async function main(): Promise<number> {
  const pinned = readerVersions();
  const names = Object.keys(pinned);
  const latest = Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await newestVersion(name, "latest")])),
  );
  const sdk = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
  };

  const dir = mkdtempSync(join(tmpdir(), "loyaltydog-latest-"));
  console.log(`== installing today's versions into ${dir}`);
  const chosen = { ...latest };
  const notes: Record<string, string> = {};
  const installFailure = await install(dir, sdk.dependencies, chosen);
  if (installFailure !== undefined) {
    // Today's versions do not install together (a peer moved a major past another's range): say so, then check
    // the newest versions of the SDK's peers inside the ranges it declares, which is what a reader can install.
    console.log(`${installFailure}\n== installing the SDK's peers at the newest version in its peer ranges instead`);
    for (const name of names.filter((name) => sdk.peerDependencies[name] !== undefined)) {
      const inRange = await newestVersion(name, sdk.peerDependencies[name] as string);
      if (inRange === latest[name]) continue;
      chosen[name] = inRange;
      notes[name] = ` (newest in the SDK's peer range ${sdk.peerDependencies[name]})`;
    }
    const again = await install(dir, sdk.dependencies, chosen);
    if (again !== undefined) throw new Error(`npm install fails with the peers in range too:\n${again}`);
  }

  console.log(`== ${CHECKS.join(", ")} against them`);
  const report = await runChecks(dir, join(dir, "report.json"));

  const rows = names.map((name) => {
    const moved = latest[name] !== pinned[name] ? " (moved)" : "";
    return `| ${name} | ${pinned[name]} | ${latest[name]}${moved} | ${chosen[name]}${notes[name] ?? ""} |`;
  });
  const failures = report.testResults.flatMap((file) =>
    file.assertionResults
      .filter((test) => test.status === "failed")
      .map((test) => {
        const message = (test.failureMessages[0] ?? "").split("\n").slice(0, 12).join("\n");
        return `- **${test.fullName}** (${file.name.slice(repoRoot.length + 1)})\n\n\`\`\`\n${message}\n\`\`\``;
      }),
  );
  const summary = [
    `## What the registry serves today (${new Date().toISOString().slice(0, 10)})`,
    "",
    "| package | pinned (gating checks) | latest | checked |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    ...(installFailure === undefined
      ? []
      : ["The latest versions do not install together:", "", "```", installFailure, "```", ""]),
    report.numFailedTests + report.numPassedTests === 0
      ? "No check ran: see the log above."
      : report.numFailedTests === 0
        ? `All ${report.numPassedTests} workspace checks pass with these versions.`
        : `${report.numFailedTests} of ${report.numFailedTests + report.numPassedTests} workspace checks fail with these versions:`,
    "",
    ...failures,
    "",
  ].join("\n");
  console.log(`\n${summary}`);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
  if (process.env.LOYALTYDOG_KEEP_WORKSPACE) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  return installFailure === undefined && report.numFailedTests === 0 && report.numPassedTests > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check:latest could not check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
