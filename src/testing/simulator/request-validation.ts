/**
 * The simulator refuses what the real API refuses: a query or JSON body that
 * breaks the spec's schema gets FastAPI's 422 `{"detail": [{type, loc, msg,
 * input}]}`, worded as pydantic v2 words it, checked by the same generated
 * validators `@loyaltydog/sdk/validate` uses. So a consumer's test with a bad
 * request fails the way production would, instead of passing against a mock.
 *
 * The validators check the spec's string formats too (date-time, date, email,
 * uri), worded as pydantic words them. Not mirrored: pydantic's lax coercions
 * inside JSON bodies (a numeric string for a number); multipart bodies are not
 * checked. Where the simulator knowingly differs from the spec, departures.ts
 * says so.
 */
import { type BaseIssue, type GenericSchema, safeParse } from "valibot";
import { type OperationValidators, operationValidators } from "../../../generated/validators.js";
import { issuePath } from "../../core/validation/schema-mismatch.js";
import { type InputIssue, rejectInput } from "./input-errors.js";
import { dateTimeFormatIssue } from "./input-values.js";
import type { RouteContext } from "./route-context.js";
import { SIMULATED_INPUTS } from "./simulated-inputs.js";

/** One entry of FastAPI's `detail` list (the shape `rejectInput` answers with). */
export type FastApiIssue = InputIssue & { loc: (string | number)[] };

/**
 * The 422 for a request to a route the simulator serves (`path` as MSW holds it: the base URL, then the spec
 * template with `:name` parameters) whose query or body breaks the spec, or undefined to let the route answer.
 * JWT and anonymous callers get FastAPI's `detail` list, hashed keys the envelope, as the API answers them.
 */
export async function refuseInvalidRequest(
  request: Request,
  path: string,
  baseUrl: string,
  context: RouteContext,
): Promise<Response | undefined> {
  const template = path.slice(baseUrl.replace(/\/+$/, "").length).replace(/:([A-Za-z0-9_]+)/g, "{$1}");
  const validators = validatorsFor(request.method, template);
  const issues = validators ? await requestIssues(request, validators) : [];
  if (!issues.length) return undefined;
  // A flow that reads its inputs itself (input-values.ts) knows what the validators cannot (dates pydantic reads more
  // leniently than the spec, pydantic's context): it merges these into its own list and answers with every problem at once. Every other
  // route gets the validators' 422 here, before it runs.
  if (SIMULATED_INPUTS[`${request.method} ${template}`]?.readsItsInputs) {
    context.schemaIssues = issues;
    return undefined;
  }
  return rejectInput(context, issues);
}

/** The validators of a spec path template (`/v2/x/{id}`) and method, if the spec types anything there. */
export function validatorsFor(method: string, template: string): OperationValidators | undefined {
  return operationValidators[`${method.toUpperCase()} ${template}`];
}

/** What is wrong with the request's query and JSON body, in FastAPI's terms; empty when nothing is. */
export async function requestIssues(request: Request, validators: OperationValidators): Promise<FastApiIssue[]> {
  const issues: FastApiIssue[] = [];
  if (validators.query) issues.push(...queryIssues(new URL(request.url).searchParams, validators.query));
  const type = request.headers.get("content-type") ?? "";
  if (validators.requestBody && (type === "" || /\bjson\b/i.test(type))) {
    issues.push(...bodyIssues(await request.clone().text(), validators.requestBody));
  }
  return issues;
}

function bodyIssues(text: string, schema: GenericSchema): FastApiIssue[] {
  if (text.trim() === "") {
    // An optional body may be left out; a required one is reported by the schema as missing.
    return safeParse(schema, undefined).success
      ? []
      : [{ type: "missing", loc: ["body"], msg: "Field required", input: null }];
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const at = Number(/position (\d+)/.exec(String((error as Error).message))?.[1] ?? 0);
    return [{ type: "json_invalid", loc: ["body", at], msg: "JSON decode error", input: {} }];
  }
  return schemaIssues(schema, body, "body");
}

type Node = GenericSchema & {
  type: string;
  entries?: Record<string, Node>;
  wrapped?: Node;
  item?: Node;
  pipe?: { type: string }[];
};

/**
 * Query values arrive as text: each is read as the type its parameter declares (a list from repeated keys,
 * numbers and booleans the way pydantic parses them) before the object is checked.
 */
function queryIssues(params: URLSearchParams, schema: GenericSchema): FastApiIssue[] {
  const unparsed: FastApiIssue[] = [];
  const query: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries((schema as Node).entries ?? {})) {
    const values = params.getAll(name);
    if (values.length === 0) continue;
    const target = baseOf(entry);
    if (target?.type === "array") {
      const item = baseOf(target.item);
      query[name] = values.map((value, i) => parseText(value, item, ["query", name, i], unparsed));
    } else {
      query[name] = parseText(values[values.length - 1] as string, target, ["query", name], unparsed);
    }
  }
  // Like pydantic: every parameter is reported, a value that did not parse once (not again for its range).
  const failed = new Set(unparsed.map((issue) => issue.loc[1]));
  for (const name of failed) delete query[name as string];
  // pydantic quotes a query value as it arrived: the text, not the number it was read as.
  const checked = schemaIssues(schema, query, "query")
    .filter((issue) => !failed.has(issue.loc[1]))
    .map((issue) =>
      issue.loc.length === 2 && params.has(String(issue.loc[1]))
        ? { ...issue, input: params.getAll(String(issue.loc[1])).at(-1) }
        : issue,
    );
  return [...unparsed, ...checked];
}

function baseOf(schema: Node | undefined): Node | undefined {
  while (schema && (schema.type === "optional" || schema.type === "nullable" || schema.type === "nullish")) {
    schema = schema.wrapped;
  }
  return schema;
}

function parseText(value: string, target: Node | undefined, loc: (string | number)[], issues: FastApiIssue[]): unknown {
  if (target?.type === "number") {
    const integer = target.pipe?.some((a) => a.type === "integer");
    const text = value.trim();
    if (integer ? /^[+-]?\d+$/.test(text) : text !== "" && Number.isFinite(Number(text))) return Number(text);
    issues.push(
      integer
        ? {
            type: "int_parsing",
            loc,
            msg: "Input should be a valid integer, unable to parse string as an integer",
            input: value,
          }
        : {
            type: "float_parsing",
            loc,
            msg: "Input should be a valid number, unable to parse string as a number",
            input: value,
          },
    );
    return value;
  }
  if (target?.type === "boolean") {
    const lower = value.trim().toLowerCase();
    if (["true", "1", "yes", "on", "t", "y"].includes(lower)) return true;
    if (["false", "0", "no", "off", "f", "n"].includes(lower)) return false;
    issues.push({
      type: "bool_parsing",
      loc,
      msg: "Input should be a valid boolean, unable to interpret input",
      input: value,
    });
    return value;
  }
  return value;
}

function schemaIssues(schema: GenericSchema, value: unknown, where: "body" | "query"): FastApiIssue[] {
  const result = safeParse(schema, value);
  if (result.success) return [];
  return result.issues.map((issue) => fastApiIssue(issue as BaseIssue<unknown>, where));
}

type Issue = BaseIssue<unknown> & { requirement?: unknown; issues?: Issue[] };

/** A valibot issue in pydantic v2's words (the `type` codes and messages FastAPI sends). */
export function fastApiIssue(issue: Issue, where: "body" | "query"): FastApiIssue {
  const loc: (string | number)[] = [where, ...issuePath(issue)];
  if (issue.kind === "schema" && issue.input === undefined)
    return { type: "missing", loc, msg: "Field required", input: null };
  // A union (pydantic's Optional[X] among them) fails as its closest branch does.
  const inner = issue.type === "union" && issue.issues?.length ? (issue.issues[0] as Issue) : issue;
  const input = inner.input === undefined ? null : inner.input;
  const n = inner.requirement;
  const plural = (count: unknown, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const [type, msg] = ((): [string, string] => {
    switch (inner.type) {
      case "string":
        return ["string_type", "Input should be a valid string"];
      case "number":
        return ["float_type", "Input should be a valid number"];
      case "integer":
        return typeof inner.input === "number"
          ? ["int_from_float", "Input should be a valid integer, got a number with a fractional part"]
          : ["int_type", "Input should be a valid integer"];
      case "boolean":
        return ["bool_type", "Input should be a valid boolean"];
      case "null":
        return ["none_required", "Input should be None"];
      case "array":
        return ["list_type", "Input should be a valid list"];
      case "object":
      case "loose_object":
      case "strict_object":
      case "object_with_rest":
        return ["model_attributes_type", "Input should be a valid dictionary or object to extract fields from"];
      case "record":
        return ["dict_type", "Input should be a valid dictionary"];
      case "picklist":
        return ["enum", `Input should be ${choices(inner.expected)}`];
      case "literal":
        return ["literal_error", `Input should be ${choices(inner.expected)}`];
      case "min_length":
        return Array.isArray(inner.input)
          ? ["too_short", `List should have at least ${plural(n, "item")} after validation, not ${inner.input.length}`]
          : ["string_too_short", `String should have at least ${plural(n, "character")}`];
      case "max_length":
        return Array.isArray(inner.input)
          ? ["too_long", `List should have at most ${plural(n, "item")} after validation, not ${inner.input.length}`]
          : ["string_too_long", `String should have at most ${plural(n, "character")}`];
      case "regex":
        return ["string_pattern_mismatch", `String should match pattern '${(n as RegExp).source}'`];
      case "format":
        return formatIssue(inner.expected, String(inner.input));
      case "min_value":
        return ["greater_than_equal", `Input should be greater than or equal to ${n}`];
      case "max_value":
        return ["less_than_equal", `Input should be less than or equal to ${n}`];
      case "gt_value":
        return ["greater_than", `Input should be greater than ${n}`];
      case "lt_value":
        return ["less_than", `Input should be less than ${n}`];
      default:
        return ["value_error", `Value error, invalid ${inner.type}`];
    }
  })();
  return { type, loc: inner === issue ? loc : [where, ...issuePath(inner)], msg, input };
}

/** A string the spec's `format` refuses (string-formats.ts), in the words pydantic's type for it uses. */
function formatIssue(format: string | null, text: string): [string, string] {
  switch (format) {
    case "date-time": {
      const { type, msg } = dateTimeFormatIssue(text);
      return [type, msg];
    }
    case "date":
      return ["date_parsing", "Input should be a valid date in the format YYYY-MM-DD, invalid date"];
    case "email": {
      // pydantic's EmailStr (email-validator) names the first thing wrong.
      const reason = text.includes("@")
        ? "The part after the @-sign is not valid."
        : "An email address must have an @-sign.";
      return ["value_error", `value is not a valid email address: ${reason}`];
    }
    default:
      return ["url_parsing", "Input should be a valid URL, relative URL without a base"];
  }
}

/** valibot's `"a" | "b" | "c"` as pydantic writes it: `'a', 'b' or 'c'`. */
function choices(expected: string | null): string {
  const options = (expected ?? "").split(" | ").map((o) => o.replace(/^"(.*)"$/, "'$1'"));
  return options.length > 1
    ? `${options.slice(0, -1).join(", ")} or ${options[options.length - 1]}`
    : (options[0] ?? "");
}
