#!/usr/bin/env bash
# What the tests of deploy/ need (tests/core/test_deploy.py): Debian's nginx, to check the
# site configuration with `nginx -t` and to run it on loopback in front of a test server.
#
# Idempotent and quick when nginx is there, so `make test` can run it every time. The package
# is installed without enabling or starting its service (no systemd here, and none wanted).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "install-deploy-deps: nginx is missing; install it as root (apt-get install nginx)." \
        "Until then the nginx tests are skipped." >&2
    exit 0
fi
echo "install-deploy-deps: apt-get install nginx"
# policy-rc.d 101: the package's postinst must not try to start the service.
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
# Not fatal: without nginx only its tests are skipped (with that reason).
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx >/dev/null; }; then
    echo "install-deploy-deps: could not install nginx; the nginx tests are skipped." >&2
fi
