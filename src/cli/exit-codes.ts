/** The CLI's exit codes: documented in `--help` and the README, so scripts can branch on them. */
export const EXIT = {
  ok: 0,
  /** The API or the task said no (typed SDK error), or the download failed. */
  failure: 1,
  /** Bad arguments or configuration (missing token, bad dates): nothing was sent. */
  usage: 2,
  /** SIGHUP (the terminal went away): 128 + 1. */
  hangup: 129,
  /** Ctrl-C: 128 + SIGINT, as shells report it. */
  interrupted: 130,
  /** SIGTERM (kill, systemd, Kubernetes): 128 + 15. */
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in how the CLI was called or configured; reported as one line, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT_CODES_HELP = `
Exit codes:
  0    ok
  1    API or task error (e.g. AuthenticationError, TaskFailedError), or the download failed
  2    usage or configuration error (missing LOYALTYDOG_TOKEN, bad dates or format, unusable --out),
       found before anything is sent
  130  interrupted (Ctrl-C); 143 on SIGTERM, 129 on SIGHUP. No partial output file is left
       behind, unless --resume kept <file>.part to continue from (the CLI says so)

Environment:
  LOYALTYDOG_TOKEN     API key (required for API commands; never printed)
  LOYALTYDOG_BASE_URL  API origin (default https://api.loyalty.dog)`;
