/**
 * Where the simulator answers differently from the pinned spec on purpose, because LoyaltyDog itself does (its
 * documentation and API-NOTES say so) and a test double that followed the spec there would hide what production
 * sends. Anything else the simulator answers must meet the spec: the Prism slow test
 * (test/prism/prism-proxy.slow.test.ts) puts Stoplight Prism in front of it and accepts no other violation.
 */

export interface SimulatorDeparture {
  /** `METHOD /path`, as the spec writes it. */
  operation: string;
  /** The status the simulator answers with. */
  status: number;
  /** The answer's media type, when that is where the answer departs. */
  mediaType?: string;
  /** What the spec says instead. */
  spec: string;
  /** Why the simulator answers this way. */
  reason: string;
}

export const SIMULATOR_DEPARTURES: readonly SimulatorDeparture[] = [
  {
    operation: "POST /v2/giftcards/programs/{programId}/cards/bulk",
    status: 202,
    spec: "declares only 201 (for the synchronous and the task answer alike)",
    reason:
      "the operation's description and API-NOTES say a batch over the sync threshold is accepted with 202 and a task id; `bulk: { asyncStatus: 201 }` answers as the spec declares",
  },
  {
    operation: "GET /v2/giftcards/gdpr/download",
    status: 200,
    mediaType: "text/csv",
    spec: "declares only application/json",
    reason: "`format=csv` asks for the customer's data as CSV, and a CSV document is what the API sends for it",
  },
];
