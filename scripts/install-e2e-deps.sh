#!/usr/bin/env bash
# What the browser tests (tests/e2e) need besides .venv: Debian's chromium and axe-core.
#
# Idempotent and quick when everything is there, so `make test` can run it every time.
# Playwright's own browser download is not used: it needs a CDN that closed networks (and CI
# here) cannot reach, while Debian's repositories and the npm registry are reachable.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
APT_UPDATED=""

# Install Debian packages, or explain what is missing when we may not (not root, no apt-get).
# Returns non-zero when it could not install, so the caller can skip what depends on them.
apt_install() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        echo "install-e2e-deps: missing $*; install them as root (apt-get install $*)." \
            "Until then the browser tests are skipped." >&2
        return 1
    fi
    if [ -z "$APT_UPDATED" ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    echo "install-e2e-deps: apt-get install $*"
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -x "$CHROMIUM_PATH" ]; then
    apt_install chromium || true
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null || apt_install nodejs npm; then
        echo "install-e2e-deps: npm ci (axe-core)"
        # The lock file pins the exact axe-core; --include=dev even when NODE_ENV=production.
        npm ci --include=dev --no-audit --no-fund --loglevel=error
    fi
fi
