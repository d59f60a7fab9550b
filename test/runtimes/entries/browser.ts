/**
 * The page script (esbuild, `browser` condition): runs the conformance script
 * against the simulator named in the page's query string and shows the result
 * as a table, for the screenshot; the harness reads `window.conformance`.
 */
import * as download from "../../../src/download.js";
import * as main from "../../../src/index.js";
import * as paginate from "../../../src/paginate.js";
import * as tasks from "../../../src/tasks.js";
import { type ConformanceReport, runConformance } from "../conformance.js";

const sdk = { ...main, ...tasks, ...download, ...paginate };

// The project is typed without the DOM library; the few page globals used here, typed by hand.
const page = globalThis as unknown as {
  location: { href: string };
  navigator: { userAgent: string };
  document: { body: { textContent: string; innerHTML: string } };
  conformance?: Promise<ConformanceReport>;
};
const { document, navigator } = page;
const params = new URL(page.location.href).searchParams;
const done = runConformance({
  sdk,
  apiUrl: params.get("api") ?? "",
  redirectUrl: params.get("redirect") ?? "",
  token: params.get("token") ?? "",
});
page.conformance = done;
done.then(show, (error: unknown) => {
  document.body.textContent = `conformance crashed: ${String(error)}`;
});

function show(report: ConformanceReport): void {
  const rows = report.steps
    .map(
      (s) =>
        `<tr class="${s.ok ? "ok" : "bad"}"><td>${s.ok ? "pass" : "FAIL"}</td><td>${esc(s.step)}</td><td>${s.ms} ms</td><td>${esc(s.detail)}</td></tr>`,
    )
    .join("");
  document.body.innerHTML = `<h1>@loyaltydog/sdk in ${esc(navigator.userAgent)}</h1>
<p>${report.ok ? "all steps passed" : "FAILED"} in ${report.ms} ms against ${esc(params.get("api") ?? "")}</p>
<table><tr><th></th><th>step</th><th>time</th><th>detail</th></tr>${rows}</table>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
