import { request as httpRequest } from "node:http";
import { serveOnLoopback } from "./src/testing/node-http-adapter.ts";
import { readBodyWithin, payloadTooLargeResponse } from "./src/testing/request-body-limit.ts";
const mode = process.argv[2];
const s = await serveOnLoopback(async (req) => {
  if (mode === "whole") { await req.text(); return new Response("ok"); }
  const b = await readBodyWithin(req, 1024 * 1024);
  return b ? new Response("ok") : payloadTooLargeResponse();
});
const rss0 = process.memoryUsage().rss;
const TOTAL = 200 * 1024 * 1024;
let sent = 0;
function gen() {
  return new ReadableStream<Uint8Array>({ pull(c) { if (sent >= TOTAL) return c.close(); const n = 64*1024; sent += n; c.enqueue(new Uint8Array(n)); } });
}
const t = Date.now();
try {
  const r = await fetch(`${s.url}/x`, { method: "POST", body: gen(), duplex: "half" } as any);
  console.log("fetch", r.status, r.headers.get("connection"), (await r.text()).length, "sent", sent, Date.now() - t, "ms");
} catch (e) { console.log("fetch error", e, (e as any).cause, "sent", sent); }
sent = 0;
await new Promise<void>((resolve) => {
  const r = httpRequest(`${s.url}/x`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => { console.log("http", res.statusCode, "sent", sent); res.resume(); res.on("end", resolve); });
  r.on("error", (e) => { console.log("http error", e.message, "sent", sent); resolve(); });
  const chunk = Buffer.alloc(64 * 1024);
  const write = () => { while (sent < TOTAL) { sent += chunk.length; if (!r.write(chunk)) return r.once("drain", write); } r.end(); };
  write();
});
console.log("rss growth MB", (process.memoryUsage().rss - rss0) / 1e6);
await s.close();
