/**
 * What each module of a bundle is there for: the behaviour it implements (and the issue that made it a default),
 * so that a byte budget can be weighed against what it would cost to drop, and a bundle that grew names what grew.
 *
 * A module's role is found by its file's base name first (`redact` wherever it lives), then by the folder it sits
 * in (`src/core/errors/…`), then by whether it is the SDK's own code at all. Base names first, so moving a file
 * between folders (src/core/x.ts → src/core/<concern>/x.ts) keeps its role; the folder rules give a role to files a
 * split creates (errors.ts → core/errors/<new names>.ts) without a list to update.
 */
export interface Role {
  /** A short key, as recorded in bench/size-budgets.json. */
  id: string;
  /** What the bytes buy, as printed. */
  label: string;
  /** Base names (no extension) of src/ and generated/ files that carry this role, wherever they sit. */
  files?: readonly string[];
  /** Folders under src/ (`core/errors`) whose other files carry this role. */
  folders?: readonly string[];
  /** Packages under node_modules that carry this role. */
  packages?: readonly string[];
}

export const ROLES: readonly Role[] = [
  { id: "openapi-fetch", label: "openapi-fetch itself", packages: ["openapi-fetch"] },
  {
    id: "typed-errors",
    label: "typed errors (hierarchy, body description, unwrap)",
    files: ["errors", "error-body", "wire-errors", "unwrap", "response-origin"],
    folders: ["core/errors"],
  },
  {
    id: "secrets",
    label: "secrets kept out of errors and headers (redaction, bounds, header checks)",
    files: ["redact", "error-limits", "header-input"],
  },
  {
    id: "hostile-answers",
    label: "hostile answers (body limit and idle timeout, buffered body, redirect policy)",
    files: ["body-reader", "buffered-response", "redirects"],
  },
  {
    id: "retries-timeouts",
    label: "retries and exact timeouts",
    files: ["transport", "retry-policy", "retry-after", "abort", "clock"],
  },
  {
    id: "idempotency-request-ids",
    label: "idempotency keys and request ids",
    files: ["idempotency", "undeclared-idempotency", "request-headers", "request-id"],
  },
  {
    id: "background-tasks",
    label: "background tasks (poller, poll schedule, task state and errors, the task helpers)",
    files: ["tasks", "poller", "poll-schedule", "task-state", "task-errors"],
    folders: ["core/tasks", "features"],
  },
  {
    id: "downloads",
    label: "downloads (session, validator, errors, data: URLs)",
    files: ["download", "download-session", "download-validator", "download-errors", "data-uri"],
    folders: ["core/download", "node"],
  },
  { id: "paging", label: "paging", files: ["paginate"], folders: ["core/paging"] },
  {
    id: "rate-limits",
    label: "rate limits",
    files: ["rate-limit", "rate-limit-redis"],
    folders: ["core/rate-limit"],
  },
  {
    id: "validation",
    label: "response validation (validators, valibot)",
    files: ["validate", "validators", "response-validation", "response-validation-error", "schema-mismatch"],
    folders: ["core/validation"],
    packages: ["valibot"],
  },
  {
    id: "client",
    label: "the client and its options (checks, per-call options, strict path filling, logging)",
    // Named, so a move into a folder another role claims (invalid-argument into core/errors) keeps their role;
    // any other file of src/ falls here too.
    files: [
      "client",
      "types",
      "version",
      "client-internals",
      "invalid-argument",
      "logger",
      "loopback",
      "call-request",
      "typed-calls",
      "path-serializer",
      "request-log",
      "request-options",
    ],
  },
  { id: "other", label: "anything else (the app's own lines, other packages, generated tables)" },
];

const CLIENT = ROLES.find((r) => r.id === "client") as Role;
const OTHER = ROLES.find((r) => r.id === "other") as Role;

/** The role of one module, by its path as esbuild's metafile names it (relative to the repo root). */
export function roleOf(modulePath: string): Role {
  const path = modulePath.replace(/\\/g, "/");
  const pkg = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  if (pkg !== undefined) return ROLES.find((r) => r.packages?.includes(pkg)) ?? OTHER;
  const own = /(?:^|\/)(src|generated)\/(.+)\.[cm]?[jt]sx?$/.exec(path);
  if (!own) return OTHER;
  const [, top, rest] = own as unknown as [string, string, string];
  const base = rest.slice(rest.lastIndexOf("/") + 1);
  const byName = ROLES.find((r) => r.files?.includes(base));
  if (byName) return byName;
  if (top === "generated") return OTHER;
  const folder = rest.slice(0, Math.max(0, rest.lastIndexOf("/")));
  const byFolder = ROLES.find((r) => r.folders?.some((f) => folder === f || folder.startsWith(`${f}/`)));
  return byFolder ?? CLIENT;
}

/** Minified bytes per role id (every role present, 0 where none of its modules is in the bundle). */
export function bytesByRole(byModule: readonly (readonly [string, number])[]): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(ROLES.map((r) => [r.id, 0]));
  for (const [path, bytes] of byModule) {
    const id = roleOf(path).id;
    totals[id] = (totals[id] ?? 0) + bytes;
  }
  return totals;
}

/** `label bytes; label bytes` for the roles that have bytes, largest first (as `npm run bench -- size` prints). */
export function formatByRole(byRole: Record<string, number>): string {
  return ROLES.filter((r) => (byRole[r.id] ?? 0) > 0)
    .sort((a, b) => (byRole[b.id] ?? 0) - (byRole[a.id] ?? 0))
    .map((r) => `${r.label} ${byRole[r.id]}`)
    .join("; ");
}
