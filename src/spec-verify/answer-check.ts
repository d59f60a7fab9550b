/**
 * One live answer held against what the pinned spec declares for its operation: the status, the media type,
 * the body (the SDK's own generated validators, the ones `@loyaltydog/sdk/validate` runs) and the documented
 * headers. An error answer the API documents for every operation (401 refused key, 403 missing scope, 404,
 * 429, 5xx, …) says nothing about the operation's shape: it is "not checked", with its status as the reason,
 * not a deviation. Any other status the spec does not declare is one.
 */
import { type BaseIssue, safeParse } from "valibot";
import type { OperationInfo } from "../../generated/operation-info.js";
import { type OperationValidators, operationValidators } from "../../generated/validators.js";
import { mismatchOf, type SchemaMismatch } from "../core/validation/schema-mismatch.js";
import type { Deviation } from "./deviation.js";
import { checkDocumentedHeaders } from "./documented-headers.js";
import { operationKey } from "./safe-operations.js";

export interface Answer {
  status: number;
  headers: Headers;
  /** The body as received (decoded text). */
  text: string;
}

export type Verdict = { checked: true; deviations: Deviation[] } | { checked: false; reason: string };

/** API-NOTES' error statuses (and the gateways' 5xx): sent by any operation, declared by almost none. */
const DOCUMENTED_ERRORS = new Set([400, 401, 402, 403, 404, 409, 422, 429]);

/** The generated validators by `METHOD /path` (the pinned spec's, unless a test passes its own). */
export type ValidatorTable = { readonly [operation: string]: OperationValidators };

export function checkAnswer(
  info: OperationInfo,
  answer: Answer,
  validators: ValidatorTable = operationValidators,
): Verdict {
  const operation = operationKey(info);
  const declared = declaredStatus(info, answer.status);
  if (
    answer.status >= 400 &&
    (declared !== undefined || DOCUMENTED_ERRORS.has(answer.status) || answer.status >= 500)
  ) {
    return { checked: false, reason: `answered ${answer.status}` };
  }
  const deviations = checkDocumentedHeaders(operation, answer.headers);
  if (declared === undefined) {
    const statuses = Object.keys(info.responses).join(", ");
    deviations.unshift({
      operation,
      place: "status",
      at: "",
      expected: `a declared status (${statuses})`,
      received: String(answer.status),
    });
    return { checked: true, deviations };
  }
  deviations.unshift(...checkBody(info, declared, answer, validators));
  return { checked: true, deviations };
}

/** The key the spec declares `status` under: the code itself, its range (`2XX`), or `default`. */
function declaredStatus(info: OperationInfo, status: number): string | undefined {
  return [String(status), `${String(status)[0]}XX`, "default"].find((key) => key in info.responses);
}

function checkBody(info: OperationInfo, status: string, answer: Answer, validators: ValidatorTable): Deviation[] {
  const operation = operationKey(info);
  const mediaTypes = info.responses[status] ?? [];
  const received = answer.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() || undefined;
  const deviate = (place: Deviation["place"], expected: string, got: string): Deviation[] => [
    { operation, place, at: "", expected, received: got },
  ];
  if (mediaTypes.length === 0) {
    return answer.text === "" ? [] : deviate("content-type", "no body", received ?? "a body without a media type");
  }
  if (received === undefined || !mediaTypes.some((declared) => mediaTypeMatches(declared, received))) {
    return deviate("content-type", mediaTypes.join(" or "), received ?? "none");
  }
  if (!/^application\/([\w.-]+\+)?json$/.test(received)) return [];
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return [{ operation, place: "body", at: "", expected: "JSON", received: "not JSON" }];
  }
  const schema = validators[operation]?.responses?.[status];
  if (!schema) return []; // The spec leaves this body untyped (`{}`): any JSON meets it.
  const result = safeParse(schema, body);
  if (result.success) return [];
  // One line per broken rule: the same field missing from every item of a list is one deviation, not fifty.
  const byRule = new Map<string, Deviation>();
  for (const issue of result.issues) {
    const mismatch = mismatchOf(issue as BaseIssue<unknown>, schema);
    if (byRule.has(mismatch.rule)) continue;
    byRule.set(mismatch.rule, {
      operation,
      place: "body",
      at: genericPointer(mismatch),
      expected: mismatch.expected,
      received: mismatch.received,
    });
  }
  return [...byRule.values()];
}

/**
 * The pointer with every array index and map key written as a star, as the mismatch's rule spells it: a map
 * key is data (it can be an email), and the same rule broken in every item is one deviation.
 */
function genericPointer(mismatch: SchemaMismatch): string {
  const suffix = ` ${mismatch.expected}`;
  return mismatch.rule.endsWith(suffix) ? mismatch.rule.slice(0, -suffix.length) : "(a field)";
}

/** `application/json` matches itself; a declared `*\/*` or `text/*` matches what it covers. */
function mediaTypeMatches(declared: string, received: string): boolean {
  const [type, subtype] = declared.toLowerCase().split("/");
  const [gotType, gotSubtype] = received.split("/");
  return (type === "*" || type === gotType) && (subtype === "*" || subtype === gotSubtype);
}
