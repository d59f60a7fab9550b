/** One entry of FastAPI's `detail` list. */
export interface InputIssue {
  /** Pydantic's error type (`int_parsing`, `datetime_from_date_parsing`, `less_than_equal`, …). */
  type: string;
  /** Where: `["query", "from"]`, `["body", "actions", 0]`. */
  loc: readonly (string | number)[];
  msg: string;
  /** The value refused, as received. */
  input: unknown;
  /** The constraint or parser error behind `msg`, when pydantic gives one. */
  ctx?: Record<string, unknown>;
}
