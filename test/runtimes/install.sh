#!/usr/bin/env bash
# Installs what `npm run test:runtimes` runs in: Debian's Chromium (apt-get, root), and Node 22/24, Bun, Deno,
# workerd and playwright-core from the npm registry (packages that ship their binary), pinned by
# test/runtimes/toolchain/package-lock.json. Kept out of the root install: ~700 MB nobody else needs.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# Skipped when the lock is unchanged since the last install (a re-run on the same machine costs nothing).
stamp=toolchain/node_modules/.installed-from-lock
if ! cmp -s toolchain/package-lock.json "$stamp" 2>/dev/null; then
  npm ci --prefix toolchain --no-audit --no-fund
  cp toolchain/package-lock.json "$stamp"
fi
