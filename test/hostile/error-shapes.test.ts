import { describe, expect, expectTypeOf, it } from "vitest";
import type { PollState as PollerPollState } from "../../src/core/tasks/poller.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  DownloadExpiredError,
  isRetryableError,
  type PollState,
  TaskFailedError,
} from "../../src/index.js";

// Issue #13's "Errors": one hierarchy as in openai-node, one toJSON, PollState with the poller.
describe("APIConnectionError", () => {
  it("is an APIError with no status, headers or body, and still counts as transient", () => {
    const error = new APIConnectionError("connection failed: ECONNRESET", { method: "GET", url: "https://x.test/v2" });
    const timeout = new APIConnectionTimeoutError("no complete answer within 10 ms");
    for (const e of [error, timeout]) {
      expect(e).toBeInstanceOf(APIError);
      expect(e).toMatchObject({ status: undefined, headers: undefined, body: undefined, code: undefined });
      expect(isRetryableError(e)).toBe(true);
    }
    expectTypeOf(error.status).toEqualTypeOf<undefined>();
    expect(error.toJSON()).toEqual({
      name: "APIConnectionError",
      message: "connection failed: ECONNRESET",
      status: undefined,
      code: undefined,
      requestId: undefined,
      headers: undefined,
      body: undefined,
      method: "GET",
      url: "https://x.test/v2",
    });
  });

  it("an HTTP error keeps a number status, so the two can be told apart", () => {
    const error = APIError.from({
      status: 404,
      headers: new Headers({ "x-request-id": "r1" }),
      body: { detail: "gone" },
    });
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expect(isRetryableError(error)).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "NotFoundError",
      message: "404: gone",
      status: 404,
      requestId: "r1",
      headers: { "x-request-id": "r1" },
      body: { detail: "gone" },
    });
  });
});

describe("one toJSON on LoyaltyDogError", () => {
  it("lists each class's own fields, never the cause", () => {
    const init = {
      taskId: "t1",
      kind: "audit-log export",
      status: "failed",
      taskError: "disk full",
      lastStatus: { status: "failed" },
      polls: 3,
      elapsedMs: 1200,
    };
    const failed = new TaskFailedError(init);
    expect(failed.toJSON()).toEqual({
      name: "TaskFailedError",
      message: 'audit-log export t1 ended with status "failed": disk full',
      ...init,
    });
    expect(Object.keys(failed.toJSON())).toEqual(["name", "message", ...Object.keys(init)]);
    const expired = new DownloadExpiredError("refused", {
      url: "https://s.test/f?X-Amz-Signature=abc",
      status: 403,
      cause: new Error("inner"),
    });
    expect(expired.toJSON()).toEqual({
      name: "DownloadExpiredError",
      message: "refused",
      url: "https://s.test/f?X-Amz-Signature=[redacted]",
      status: 403,
      code: undefined,
    });
  });
});

describe("PollState", () => {
  it("is the poller's type, and the root still exports it", () => {
    expectTypeOf<PollState>().toEqualTypeOf<PollerPollState>();
    const state: PollState<{ status: string }> = { taskId: "t", startedAt: 0, polls: 1, lastStatus: { status: "x" } };
    expect(state.taskId).toBe("t");
  });
});
