/**
 * Where the simulator knowingly answers (or accepts) what the pinned spec does not list, and why: the real API
 * does, per API-NOTES. As data, so a tool that holds the simulator against the spec (Prism, a contract test) can
 * tell a listed departure from a bug; SPEC-DEPARTURES.md beside this file and the README's testing section say
 * the same in words. A test checks each entry against the pinned spec, so one that stops departing (the spec
 * catches up) fails until it is removed here.
 */

export interface SimulatorDeparture {
  /** `GET`, `POST`, …, or `*` for every operation. */
  method: string;
  /** The spec's path template, or `*` for every operation. */
  path: string;
  /**
   * Which part of an exchange departs: the answer's `status`, the answer's `media-type`, or what a `request` may
   * carry (the simulator accepts more than the spec there).
   */
  kind: "status" | "media-type" | "request";
  /** kind "status": the statuses the spec does not declare there. */
  statuses?: readonly string[];
  /** kind "media-type": the media type the spec does not declare there. */
  mediaType?: string;
  /** kind "request": the request fields concerned (`query.from`, `body.fromDate`). */
  fields?: readonly string[];
  /** What the simulator does. */
  what: string;
  /** Why it does so rather than what the spec says. */
  why: string;
}

const LENIENT_DATES =
  "FastAPI reads these with pydantic's datetime parser, which takes more than RFC 3339; a test that passes a bare date " +
  "should keep passing against the real API";

export const SIMULATOR_DEPARTURES: readonly SimulatorDeparture[] = [
  {
    method: "POST",
    path: "/v2/giftcards/programs/{programId}/cards/bulk",
    kind: "status",
    statuses: ["202"],
    what: "answers 202 with {taskId, status} when the batch is above the synchronous threshold (option bulk.asyncStatus: 201 follows the spec instead)",
    why: "the operation's own description and API-NOTES say the server answers 202 for an asynchronous batch; the spec's responses list only 201 (with both bodies under it)",
  },
  {
    method: "GET",
    path: "/v2/giftcards/gdpr/download",
    kind: "media-type",
    mediaType: "text/csv",
    what: "answers format=csv with the CSV document as text/csv",
    why: "format=csv asks for a CSV document, which is what the API serves; the spec declares only application/json (untyped) for the 200",
  },
  {
    method: "*",
    path: "*",
    kind: "status",
    statuses: ["401", "402", "403", "404", "405", "409", "413", "429", "500", "502", "503", "504"],
    what:
      "answers errors the spec does not declare: 401 (auth), 404 (unknown task or export id, unsimulated path), 405, 413 " +
      "(the edge's body cap, HTML), 429 (rate limits), and whatever failNext() injects (503 as a gateway's HTML page)",
    why: "the API sends them (API-NOTES: errors, rate limits, gateways); the spec declares only the success status and 422 for almost every operation",
  },
  {
    method: "GET",
    path: "/v2/giftcards/audit-logs",
    kind: "request",
    fields: ["query.from", "query.to"],
    what: "accepts a bare date, a date-time without an offset (UTC) and a Unix timestamp, besides RFC 3339",
    why: LENIENT_DATES,
  },
  {
    method: "POST",
    path: "/v2/giftcards/audit-logs/export",
    kind: "request",
    fields: ["body.fromDate", "body.toDate"],
    what: "accepts a bare date, a date-time without an offset (UTC) and a Unix timestamp in text, besides RFC 3339",
    why: LENIENT_DATES,
  },
];
