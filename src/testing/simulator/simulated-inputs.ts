/**
 * What the simulator does with every query parameter and request-body property the spec documents for the
 * operations it simulates: honoured (and how), or ignored on purpose (and why). A test compares this table with
 * the pinned spec both ways, and runs a probe for every "honoured" claim, so a claim cannot outlive its code and
 * an input left out of the table fails the suite. One exception, written by `npm run spec:accept` and nobody
 * else: an input upstream added since this table was last reviewed is listed in
 * openapi/simulator-unreviewed-inputs.json (accepted, since the validators come from the spec; ignored, since no
 * flow reads it), and said so in the changeset, so accepting API growth stays green. Review it by moving it here
 * and deleting it there (scripts/lib/simulator-review.ts explains the split).
 * Headers are left out: auth, request ids and idempotency keys are the edge's, tested on their own.
 */

export type InputHandling = { honoured: string } | { ignored: string };

export interface OperationInputs {
  query: Readonly<Record<string, InputHandling>>;
  /** Properties of the JSON request body, when the operation has one. */
  body?: Readonly<Record<string, InputHandling>>;
  /**
   * The route reads its inputs itself (an InputReader, input-values.ts), seeded with what the validators found,
   * and answers one 422 with every problem; any other route gets the validators' 422 before it runs.
   */
  readsItsInputs?: true;
}

const PROGRAM_CONTEXT =
  "selects the program or card a session acts for; the simulator serves one merchant and scopes nothing by it";
const AUDIT_IDS: InputHandling = { honoured: "exact match" };
const AUDIT_NAMES: InputHandling = { honoured: "partial, case-insensitive match (as the spec's description says)" };
/** The listing's and the export's common filters (audit-log-filter.ts). */
const AUDIT_WHO = {
  merchantId: AUDIT_IDS,
  subjectId: AUDIT_IDS,
  actorId: AUDIT_IDS,
  subjectName: AUDIT_NAMES,
  actorName: AUDIT_NAMES,
  merchantName: AUDIT_NAMES,
};

/** Keyed `METHOD /path`, as the spec writes them. */
export const SIMULATED_INPUTS: Readonly<Record<string, OperationInputs>> = {
  "GET /v2/token": { query: {} },
  "GET /v2/giftcards/audit-logs": {
    readsItsInputs: true,
    query: {
      ...AUDIT_WHO,
      action: { honoured: "any of the repeated values" },
      resourceType: { honoured: "any of the repeated values" },
      from: { honoured: "entries at or after this date-time; unparseable: 422" },
      to: { honoured: "entries at or before this date-time; unparseable: 422" },
      page: { honoured: "1-based page of the selection; < 1 or not an integer: 422" },
      limit: { honoured: "page size 1–200 (default 50); outside: 422" },
    },
  },
  "POST /v2/giftcards/audit-logs/export": {
    readsItsInputs: true,
    query: {},
    body: {
      format: { honoured: "csv (default) or json file; anything else: 422" },
      ...AUDIT_WHO,
      actions: { honoured: "any of the values" },
      resourceTypes: { honoured: "any of the values" },
      fromDate: { honoured: "entries at or after this date-time; unparseable: 422" },
      toDate: { honoured: "entries at or before this date-time; unparseable: 422" },
    },
  },
  "GET /v2/giftcards/audit-logs/export/{task_id}": { query: {} },
  "POST /v2/giftcards/programs/{programId}/cards/bulk": {
    query: { cardId: { ignored: PROGRAM_CONTEXT } },
    body: {
      initialValue: { honoured: "required (422 without it)" },
      count: { honoured: "how many cards are issued, 1–10 000; above the sync threshold the issuance is a task" },
      recipients: { honoured: "one card each when `count` is not given" },
      isPhysical: {
        ignored: "the simulator's cards are fixtures; the flag changes nothing a client sees in the answer",
      },
      designTemplate: { ignored: "the simulator's cards are fixtures; the template is not part of the answer" },
      expiresAt: { ignored: "the issued-card summaries the answer carries have no expiry" },
    },
  },
  "GET /v2/giftcards/programs/{programId}/cards/bulk/{taskId}": { query: { cardId: { ignored: PROGRAM_CONTEXT } } },
  "POST /v2/giftcards/gdpr/export": {
    query: { programId: { ignored: PROGRAM_CONTEXT }, cardId: { ignored: PROGRAM_CONTEXT } },
    body: {
      format: { honoured: "json or csv document; anything else: 422" },
      customerId: { honoured: "the customer the document is about (this or customerEmail is required)" },
      customerEmail: { honoured: "the customer the document is about (this or customerId is required)" },
    },
  },
  "GET /v2/giftcards/gdpr/download": {
    readsItsInputs: true,
    query: {
      exportId: { honoured: "required; an unknown id is a 404" },
      format: { honoured: "required, json or csv (422 otherwise)" },
      customerId: { ignored: "the export id already names the document and its customer" },
      customerEmail: { ignored: "the export id already names the document and its customer" },
      programId: { ignored: PROGRAM_CONTEXT },
      cardId: { ignored: PROGRAM_CONTEXT },
    },
  },
  "POST /v2/giftcards/programs/{programId}/analytics/export": {
    readsItsInputs: true,
    query: { cardId: { ignored: PROGRAM_CONTEXT } },
    body: {
      period: { honoured: "7d, 30d, 90d or 12m of daily rows ending today (clock time); custom: from/to" },
      from: { honoured: "first day of a custom window; unparseable: 422" },
      to: { honoured: "last day of a custom window; unparseable: 422" },
      metrics: { honoured: "one column per metric" },
      format: {
        ignored: "the file is always CSV: the SDK hands the URL's bytes over as they are, whatever the format",
      },
      includePrivacyNotice: { ignored: "the notice's wording is undocumented; the figures are the same either way" },
    },
  },
};
