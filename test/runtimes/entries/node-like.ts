/**
 * Entry for Node, Bun and Deno: imports the SDK from the built main entry
 * (the path comes on the command line, so a broken copy can stand in), runs
 * the conformance script and prints the report after REPORT_MARKER. With a
 * scratch directory, it also writes the export with `@loyaltydog/sdk/node`.
 */
import { REPORT_MARKER, runConformance, type SdkModule, type StepResult } from "../conformance.js";

type NodeEntry = typeof import("../../../src/node/index.js");

const [mainEntry, nodeEntry, apiUrl, redirectUrl, token, scratch] = argv();
// The helper subpaths are the main entry's siblings in dist/src/ (see package.json's exports).
const sibling = (name: string) => import(new URL(`./${name}.js`, mainEntry).href);
const sdk = {
  ...(await import(mainEntry)),
  ...(await sibling("tasks")),
  ...(await sibling("download")),
  ...(await sibling("paginate")),
} as SdkModule;
const report = await runConformance({ sdk, apiUrl, redirectUrl, token });
if (nodeEntry !== "-") report.steps.push(await nodeSubpath(sdk, nodeEntry, scratch));
report.ok = report.steps.every((s) => s.ok);
console.log(REPORT_MARKER + JSON.stringify(report));

/** `downloadToFile` from the Node-only subpath, where this runtime runs it. */
async function nodeSubpath(sdk: SdkModule, entry: string, dir: string): Promise<StepResult> {
  const t0 = Date.now();
  try {
    const { downloadToFile } = (await import(entry)) as NodeEntry;
    const client = sdk.createLoyaltyDogClient({ token, baseUrl: apiUrl, merchantToken: "merchant-secret" });
    const url = "data:text/csv;base64,aWQsYQoxLGIK";
    const { bytes } = await downloadToFile(client, url, `${dir}/node-subpath.csv`);
    if (bytes !== 9) throw new Error(`wrote ${bytes} bytes, expected 9`);
    return { step: "@loyaltydog/sdk/node downloadToFile", ok: true, ms: Date.now() - t0, detail: `${bytes} bytes` };
  } catch (error) {
    const detail = `${(error as Error)?.name}: ${(error as Error)?.message}`;
    return { step: "@loyaltydog/sdk/node downloadToFile", ok: false, ms: Date.now() - t0, detail };
  }
}

/** The same arguments under Node, Bun and Deno, without naming either's global. */
function argv(): [string, string, string, string, string, string] {
  const g = globalThis as { Deno?: { args: string[] }; process?: { argv: string[] } };
  const args = g.Deno ? g.Deno.args : (g.process?.argv.slice(2) ?? []);
  if (args.length !== 6)
    throw new Error("usage: node-like <main URL> <node URL|-> <apiUrl> <redirectUrl> <token> <dir>");
  return args as [string, string, string, string, string, string];
}
