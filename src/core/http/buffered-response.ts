/**
 * An answer whose body the transport has already read (within the size limit
 * and the attempt's deadline, where a reset can still be retried), served
 * from memory. Building an ordinary `new Response(bytes)` would stream the
 * same bytes a second time when openapi-fetch reads it, which doubled the
 * per-call cost (bench/request-overhead.ts); this keeps the Response API
 * (single use, `clone`, `body`) without that second pass.
 */
import { InvalidResponseError } from "./wire-errors.js";

const decoder = new TextDecoder();

/** Response, typed so that its body methods and headers may be redefined (the DOM types declare them as properties). */
const ResponseBase = Response as unknown as new (
  body: null,
  init: ResponseInit,
) => { readonly status: number; readonly statusText: string };

class BufferedResponse extends ResponseBase {
  readonly #bytes: Uint8Array;
  readonly #request: { method: string; url: string };
  readonly #headers: Headers;
  #used = false;
  #stream: ReadableStream<Uint8Array> | null | undefined;

  constructor(bytes: Uint8Array, from: Answer, request: { method: string; url: string }) {
    super(null, { status: from.status, statusText: from.statusText });
    this.#bytes = bytes;
    this.#request = request;
    // The bytes are decoded: say so, and give their length, so openapi-fetch parses through json() below
    // (where invalid JSON becomes a typed error) rather than with a JSON.parse of its own. The answer's own
    // headers are kept as they are when they say that already (the usual case: no copy).
    const length = String(bytes.byteLength);
    const { headers } = from;
    if (headers.get("content-length") === length && !headers.has("content-encoding")) this.#headers = headers;
    else {
      this.#headers = new Headers(headers);
      this.#headers.set("content-length", length);
      this.#headers.delete("content-encoding");
    }
  }

  get headers(): Headers {
    return this.#headers;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#stream === undefined) {
      const status = this.status;
      const bytes = this.#bytes;
      const nullBody = status === 204 || status === 205 || status === 304;
      this.#stream = nullBody
        ? null
        : new ReadableStream<Uint8Array>({
            start: (controller) => {
              this.#used = true;
              if (bytes.byteLength > 0) controller.enqueue(bytes.slice());
              controller.close();
            },
          });
    }
    return this.#stream;
  }

  text(): Promise<string> {
    return this.#take().then((bytes) => decoder.decode(bytes));
  }

  json(): Promise<unknown> {
    return this.text().then((text) => {
      try {
        return JSON.parse(text);
      } catch {
        // A SyntaxError would quote the body, which may hold anything.
        const { method, url } = this.#request;
        throw new InvalidResponseError("the answer's body is not valid JSON", { status: this.status, method, url });
      }
    });
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#take().then((bytes) => bytes.slice().buffer);
  }

  bytes(): Promise<Uint8Array> {
    return this.#take().then((bytes) => bytes.slice());
  }

  blob(): Promise<Blob> {
    const type = this.headers.get("content-type") ?? "";
    return this.#take().then((bytes) => new Blob([bytes.slice()], { type }));
  }

  formData(): Promise<FormData> {
    return this.#take().then((bytes) => new Response(bytes.slice(), { headers: this.headers }).formData());
  }

  clone(): Response {
    if (this.#used) throw new TypeError("Response.clone: body has already been used");
    return bufferedResponse(this.#bytes, this, this.#request);
  }

  #take(): Promise<Uint8Array> {
    if (this.#used) return Promise.reject(new TypeError("Body is unusable: Body has already been read"));
    this.#used = true;
    return Promise.resolve(this.#bytes);
  }
}

interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
}

export function bufferedResponse(bytes: Uint8Array, from: Answer, request: { method: string; url: string }): Response {
  return new BufferedResponse(bytes, from, request) as unknown as Response;
}
