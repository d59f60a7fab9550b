/**
 * A Cloudflare Worker module that bundles the SDK (esbuild, `workerd`
 * condition) and runs the conformance script when asked:
 * `GET /?api=<simulator URL>&token=<token>` answers the JSON report.
 */
import * as download from "../../../src/download.js";
import * as main from "../../../src/index.js";
import * as paginate from "../../../src/paginate.js";
import * as tasks from "../../../src/tasks.js";
import { runConformance } from "../conformance.js";

const sdk = { ...main, ...tasks, ...download, ...paginate };

export default {
  async fetch(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const report = await runConformance({
      sdk,
      apiUrl: params.get("api") ?? "",
      redirectUrl: params.get("redirect") ?? "",
      token: params.get("token") ?? "",
    });
    return Response.json(report);
  },
};
