/**
 * Error bodies the way LoyaltyDog writes them: hashed `ld_*` keys get the
 * `{code, message, request_id}` envelope, JWT keys (and anonymous callers, as
 * FastAPI's bearer guard answers first) get `{detail}`.
 */

export type CredentialKind = "hashed" | "jwt" | "none";

export function credentialKind(authorization: string | null): CredentialKind {
  const token = bearerToken(authorization);
  if (token === undefined) return "none";
  return token.startsWith("ld_") ? "hashed" : "jwt";
}

export function bearerToken(authorization: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1];
}

/** The envelope code for each status, per API-NOTES. */
export const ERROR_CODES: Readonly<Record<number, string>> = {
  400: "bad_request",
  401: "unauthorized",
  402: "api_subscription_inactive",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  422: "validation_error",
  429: "rate_limited",
  500: "internal_error",
};

export interface ApiErrorInit {
  status: number;
  message: string;
  requestId: string;
  kind: CredentialKind;
  /** Overrides the envelope code (e.g. `monthly_quota_exceeded`). */
  code?: string;
  /** For 422 `{detail:[…]}`: where the bad input was. */
  loc?: (string | number)[];
  headers?: Record<string, string>;
}

export function apiErrorResponse(init: ApiErrorInit): Response {
  const code = init.code ?? ERROR_CODES[init.status] ?? "error";
  let body: unknown;
  if (init.kind === "hashed") {
    body = { code, message: init.message, request_id: init.requestId };
  } else if (init.status === 422) {
    body = { detail: [{ loc: init.loc ?? ["body"], msg: init.message, type: "value_error" }] };
  } else {
    body = { detail: init.message };
  }
  return Response.json(body, { status: init.status, headers: init.headers });
}
