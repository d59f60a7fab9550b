import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { canonicalHash, sha256 } from "./canonical.js";

/** Why a source could not give us a usable spec. Callers map every kind to "not checked", never to "drift". */
export type SpecSourceErrorKind = "unreachable" | "timeout" | "http-status" | "too-large" | "not-json" | "not-openapi";

export class SpecSourceError extends Error {
  readonly kind: SpecSourceErrorKind;
  readonly source: string;
  constructor(kind: SpecSourceErrorKind, source: string, message: string, options?: { cause?: unknown }) {
    super(`${source}: ${message}`, options);
    this.name = "SpecSourceError";
    this.kind = kind;
    this.source = source;
  }
}

export interface OpenApiDocument {
  openapi: string;
  info: { title?: string; version?: string; [k: string]: unknown };
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [k: string]: unknown };
  [k: string]: unknown;
}

export interface LoadedSpec {
  source: string;
  /** The bytes exactly as served, for the local cache. */
  text: string;
  doc: OpenApiDocument;
  bytes: number;
  rawSha256: string;
  canonicalSha256: string;
}

export interface LoadOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Reads and validates a spec from an http(s) URL or a file path. Throws SpecSourceError; never returns a half-valid document. */
export async function loadSpec(source: string, options: LoadOptions): Promise<LoadedSpec> {
  const text = isUrl(source) ? await fetchText(source, options) : await readText(source, options);
  const doc = parseOpenApi(source, text);
  const bytes = Buffer.byteLength(text);
  return { source, text, doc, bytes, rawSha256: sha256(text), canonicalSha256: canonicalHash(doc) };
}

async function readText(path: string, { maxBytes }: LoadOptions): Promise<string> {
  const full = resolve(path);
  let size: number;
  try {
    size = (await stat(full)).size;
  } catch (cause) {
    throw new SpecSourceError(
      "unreachable",
      path,
      `cannot read file (${(cause as NodeJS.ErrnoException).code ?? cause})`,
      { cause },
    );
  }
  if (size > maxBytes)
    throw new SpecSourceError("too-large", path, `file is ${size} bytes, over the ${maxBytes}-byte cap`);
  return readFile(full, "utf8");
}

async function fetchText(url: string, { timeoutMs, maxBytes, fetch: fetchImpl = fetch }: LoadOptions): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, { signal, headers: { accept: "application/json" }, redirect: "follow" });
  } catch (cause) {
    if (signal.aborted) throw new SpecSourceError("timeout", url, `no answer within ${timeoutMs} ms`, { cause });
    throw new SpecSourceError("unreachable", url, `request failed (${describeCause(cause)})`, { cause });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new SpecSourceError("http-status", url, `HTTP ${response.status} ${response.statusText}`.trim());
  }
  const declared = Number(response.headers.get("content-length"));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new SpecSourceError("too-large", url, `server declares ${declared} bytes, over the ${maxBytes}-byte cap`);
  }
  // Count bytes as they arrive: a missing or lying content-length must not let an endless body fill memory.
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        received += chunk.byteLength;
        if (received > maxBytes) {
          throw new SpecSourceError("too-large", url, `body passed the ${maxBytes}-byte cap`);
        }
        chunks.push(chunk);
      }
    }
  } catch (cause) {
    if (cause instanceof SpecSourceError) throw cause;
    if (signal.aborted)
      throw new SpecSourceError("timeout", url, `body not complete within ${timeoutMs} ms`, { cause });
    throw new SpecSourceError("unreachable", url, `connection broke while reading (${describeCause(cause)})`, {
      cause,
    });
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses and checks the shape just enough to know this is an OpenAPI 3 document we can generate from. */
export function parseOpenApi(source: string, text: string): OpenApiDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    const head = text.trimStart().slice(0, 15).toLowerCase();
    const hint = head.startsWith("<") ? " (looks like an HTML page)" : text.trim() === "" ? " (empty body)" : "";
    // V8 quotes the start of the text, line breaks and all: the reason is one line of a one-line report.
    const reason = (cause as Error).message.replace(/\s+/g, " ");
    throw new SpecSourceError("not-json", source, `not valid JSON${hint}: ${reason}`, { cause });
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new SpecSourceError("not-openapi", source, "JSON is not an object");
  }
  const d = doc as Record<string, unknown>;
  if (typeof d.openapi !== "string" || !/^3\.\d+(\.\d+)?/.test(d.openapi)) {
    throw new SpecSourceError(
      "not-openapi",
      source,
      `not an OpenAPI 3.x document (openapi: ${JSON.stringify(d.openapi)})`,
    );
  }
  if (d.paths === null || typeof d.paths !== "object" || Array.isArray(d.paths)) {
    throw new SpecSourceError("not-openapi", source, "document has no paths object");
  }
  if (Object.keys(d.paths).length === 0) {
    throw new SpecSourceError("not-openapi", source, "document has no paths");
  }
  if (d.info === null || typeof d.info !== "object") {
    throw new SpecSourceError("not-openapi", source, "document has no info object");
  }
  return doc as OpenApiDocument;
}

function describeCause(cause: unknown): string {
  const c = cause as { cause?: { code?: string }; code?: string; message?: string };
  return c?.cause?.code ?? c?.code ?? c?.message ?? String(cause);
}

export function countOperations(doc: OpenApiDocument): number {
  let n = 0;
  for (const item of Object.values(doc.paths)) {
    for (const method of HTTP_METHODS) if (item && method in item) n++;
  }
  return n;
}
