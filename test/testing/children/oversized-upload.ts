// Child process for request-body-limit.test.ts: uploads a zero-filled body of argv[2] MiB, generated as it is
// sent (never held), to a simulator listening in this same process, and prints what happened as JSON.
// Its own process, so its RSS growth is the simulator's (and the client's) alone.
import { createLoyaltyDogSimulator, DEFAULT_SIMULATOR_TOKEN } from "../../../src/testing/index.js";

const MiB = 1024 * 1024;
const total = Number(process.argv[2]) * MiB;
const simulator = createLoyaltyDogSimulator();
const listening = await simulator.listen();
const chunk = new Uint8Array(64 * 1024);
let sent = 0;
const body = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (sent >= total) return controller.close();
    sent += chunk.byteLength;
    controller.enqueue(chunk);
  },
});
const rssBefore = process.memoryUsage().rss;
const response = await fetch(`${listening.apiUrl}/v2/giftcards/programs/p1/cards/bulk`, {
  method: "POST",
  headers: { authorization: `Bearer ${DEFAULT_SIMULATOR_TOKEN}`, "content-type": "application/json" },
  body,
  duplex: "half",
} as RequestInit);
const text = await response.text();
const rssGrowthMiB = (process.memoryUsage().rss - rssBefore) / MiB;
await listening.close();
process.stdout.write(
  JSON.stringify({
    status: response.status,
    title: /<title>([^<]*)<\/title>/.exec(text)?.[1],
    sentMiB: sent / MiB,
    rssGrowthMiB,
    recorded: simulator.requests.map((r) => r.status),
  }),
);
