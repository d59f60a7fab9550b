// The "Testing your code" example from README.md, with the package imports pointed at the sources.
// Keep the two in step: this test is what proves the README example works.

import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createLoyaltyDogClient } from "../../src/index.js";
import {
  createLoyaltyDogHttp,
  createLoyaltyDogSimulator,
  createManualClock,
  defaultHandlers,
  fixtures,
} from "../../src/testing/index.js";

const server = setupServer(...defaultHandlers());
const loyaltyDog = createLoyaltyDogHttp();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

it("greets the signed-in merchant", async () => {
  server.use(loyaltyDog.get("/v2/token", ({ response }) => response(200).json(fixtures.userRead({ name: "Ada" }))));
  const client = createLoyaltyDogClient({ token: "ld_test_anything" });
  const { data } = await client.GET("/v2/token");
  expect(data?.name).toBe("Ada");
});

it("downloads an audit-log export that needed a few polls and survived a 503", async () => {
  const clock = createManualClock();
  const simulator = createLoyaltyDogSimulator({ clock, tokens: ["ld_test_abc"], auditLogCount: 3 });
  simulator.nextTask({ pollsToComplete: 2 }).failNext(1, 503, { method: "GET" });
  server.use(...simulator.handlers());
  const client = createLoyaltyDogClient({ token: "ld_test_abc" });

  const started = await client.POST("/v2/giftcards/audit-logs/export", { body: { format: "csv" } });
  const taskId = started.data!.taskId;
  let downloadUrl: string | null | undefined;
  for (let poll = 0; poll < 10 && !downloadUrl; poll++) {
    const { data } = await client.GET("/v2/giftcards/audit-logs/export/{task_id}", {
      params: { path: { task_id: taskId } },
    });
    downloadUrl = data?.downloadUrl;
  }
  const csv = await (await fetch(downloadUrl!)).text(); // no Authorization: it is a presigned S3 URL
  expect(csv.trimEnd().split("\n")).toHaveLength(4);
  expect(simulator.storageRequests.every((r) => !("authorization" in r.headers))).toBe(true);
  expect(simulator.requests.map((r) => r.status)).toEqual([202, 503, 200, 200, 200]);
});
