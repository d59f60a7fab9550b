#!/usr/bin/env bash
# Installs Stoplight Prism (@stoplight/prism-cli) and the Node it needs (>= 24.18; the repo runs on 20) from the
# npm registry, pinned by test/prism/toolchain/package-lock.json, into test/prism/toolchain/node_modules: a folder
# of its own, out of the root install (~260 MB only the Prism slow test needs). `.ci/run` calls it before the slow
# tests; the test calls it too when the install is missing or stale.
set -euo pipefail
cd "$(dirname "$0")"

# Skipped when the lock is unchanged since the last install (a re-run on the same machine costs nothing).
# Install scripts are not needed (both packages ship plain files) and one of Prism's is telemetry: never run them.
stamp=toolchain/node_modules/.installed-from-lock
if ! cmp -s toolchain/package-lock.json "$stamp" 2>/dev/null; then
  npm ci --prefix toolchain --ignore-scripts --no-audit --no-fund
  cp toolchain/package-lock.json "$stamp"
fi
