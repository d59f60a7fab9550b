import type { HeadersOptions } from "openapi-fetch";
import { InvalidArgumentError } from "../errors/invalid-argument.js";

/**
 * Options any single call can set, on top of the client's: the raw calls
 * take them beside `params` and `body` (`client.GET(path, { params,
 * timeoutMs: 5_000 })`). openapi-fetch copies init keys a `Request` does not
 * have onto the Request it builds, so the transport reads them from there:
 * a call that sets none pays a few missed property reads.
 */
export interface RequestOptions {
  /** Retries after the first attempt, for this call. 0–10. */
  maxRetries?: number;
  /** Per attempt, for this call: until the complete answer (head and body) arrived. 1–2 147 483 647 ms. */
  timeoutMs?: number;
  /** Sent as `Idempotency-Key` (instead of an automatic one); makes a POST safe to retry. */
  idempotencyKey?: string;
  /** Ends the call at once (attempts and backoff sleeps), rejecting with the signal's reason. */
  signal?: AbortSignal | null;
  /** Extra headers for this call; they win over the client's own (credentials, request id). */
  headers?: HeadersOptions;
  /** Largest answer body accepted for this call, in decoded bytes. */
  maxResponseBytes?: number;
  /** Longest wait for the next byte of the body, for this call. */
  bodyIdleTimeoutMs?: number;
}

/** What the transport reads off a Request (the keys openapi-fetch copied there). */
export type PerCall = Pick<
  RequestOptions,
  "maxRetries" | "timeoutMs" | "idempotencyKey" | "maxResponseBytes" | "bodyIdleTimeoutMs"
>;

/** The client's values for the per-call options: what a call that sets none gets. */
export interface CallDefaults {
  maxRetries: number;
  timeoutMs: number;
  bodyIdleTimeoutMs: number;
  maxResponseBytes: number;
}

/** A call's options as the transport uses them: its own where it set them (checked), else the client's. */
export function callSettings(call: PerCall, method: string, defaults: CallDefaults): CallDefaults {
  const { maxRetries, timeoutMs, bodyIdleTimeoutMs, maxResponseBytes } = call;
  if (
    maxRetries === undefined &&
    timeoutMs === undefined &&
    bodyIdleTimeoutMs === undefined &&
    maxResponseBytes === undefined
  ) {
    return defaults;
  }
  return {
    maxRetries: maxRetries === undefined ? defaults.maxRetries : checkMaxRetries(method, maxRetries),
    timeoutMs: timeoutMs === undefined ? defaults.timeoutMs : checkTimer(method, "timeoutMs", timeoutMs),
    bodyIdleTimeoutMs:
      bodyIdleTimeoutMs === undefined
        ? defaults.bodyIdleTimeoutMs
        : checkTimer(method, "bodyIdleTimeoutMs", bodyIdleTimeoutMs),
    maxResponseBytes:
      maxResponseBytes === undefined ? defaults.maxResponseBytes : checkMaxBytes(method, maxResponseBytes),
  };
}

/** setTimeout's own limit: a longer delay overflows and fires at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** More retries than this only hammers a server that is down. */
export const MAX_RETRIES = 10;
/** 32 MiB: the API's JSON answers are kilobytes; a page of a large list a few hundred. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;

export function checkMaxRetries(where: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_RETRIES) {
    throw new InvalidArgumentError(
      `${where}: maxRetries must be a whole number from 0 to ${MAX_RETRIES}, got ${show(value)}`,
    );
  }
  return value as number;
}

/** A duration for a timer: positive and within setTimeout's range. */
export function checkTimer(where: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || value > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError(
      `${where}: ${name} must be a number of ms from 1 to ${MAX_TIMEOUT_MS}, got ${show(value)}`,
    );
  }
  return value;
}

export function checkMaxBytes(where: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw new InvalidArgumentError(
      `${where}: maxResponseBytes must be a whole number > 0 (or Infinity), got ${show(value)}`,
    );
  }
  return value;
}

export function checkIdempotencyKey(where: string, value: unknown): string {
  // A header value: printable ASCII only, so a CR/LF can neither split the request nor quote itself in an error.
  if (typeof value !== "string" || !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw new InvalidArgumentError(`${where}: idempotencyKey must be 1-255 printable ASCII characters`);
  }
  return value;
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
}
