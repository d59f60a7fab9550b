/**
 * Budgets are kept per API key, under a hash of it: the key itself never
 * lands in a shared store, a snapshot or a log. SHA-256 (WebCrypto, in every
 * runtime the SDK supports), hex, cut to 32 characters (128 bits: no two keys
 * of one account collide). The last key's hash is remembered, so a client
 * with one token hashes once.
 */
export class KeyHasher {
  #lastKey: string | undefined;
  #lastHash: Promise<string> | undefined;

  hash(key: string): Promise<string> {
    if (key !== this.#lastKey || this.#lastHash === undefined) {
      this.#lastKey = key;
      this.#lastHash = sha256Hex(key);
    }
    return this.#lastHash;
  }
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let hex = "";
  for (const byte of new Uint8Array(digest, 0, 16)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** The API key a request carries: its bearer token, or `""` when it has none. */
export function credentialOf(headers: Headers): string {
  return (headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "");
}
