/**
 * Logging is off unless asked for. One line per attempt; lines carry only
 * method, path (secrets in the query redacted), status, duration, attempt and
 * request id: never headers or bodies.
 */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export type LogFn = (level: Exclude<LogLevel, "off">, message: string, fields: Record<string, unknown>) => void;

/** Undefined when logging is off, so the hot path pays one falsy check. */
export function createLog(logger: Logger | undefined, level: LogLevel | undefined): LogFn | undefined {
  const threshold = RANK[level ?? (logger ? "info" : "off")];
  if (threshold === 0) return undefined;
  const sink: Logger = logger ?? console;
  return (lineLevel, message, fields) => {
    if (RANK[lineLevel] <= threshold) sink[lineLevel](message, fields);
  };
}
