#!/usr/bin/env bash
# make bench-pg: the bench against a throw-away PostgreSQL, started the way .ci/run starts it
# (initdb and pg_ctl as the postgres user, trust on loopback, a free port of its own, fsync
# off), stopped again on exit. The figures go under the `postgresql` key of bench/results.json.
#
# BENCH_PGDATA=<dir> keeps the cluster in <dir> between runs (with --reuse-db the 8,000 seeded
# fiches survive); without it the cluster is a fresh temporary folder, deleted afterwards.
# Arguments go to `python -m bench.run`.
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
    exit 1
fi
if [ -n "${BENCH_PGDATA:-}" ]; then
    PGDATA="$BENCH_PGDATA"
    mkdir -p "$PGDATA"
    KEEP=1
else
    PGDATA="$(mktemp -d /tmp/opvangpunt-bench-pg.XXXXXX)"
    KEEP=0
fi
chown postgres: "$PGDATA"
chmod 700 "$PGDATA"
if [ ! -f "$PGDATA/PG_VERSION" ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 \
        --locale=C.UTF-8 >/dev/null
fi
PGPORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
stop() {
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null || true
    if [ "$KEEP" = 0 ]; then rm -rf "$PGDATA"; fi
}
trap stop EXIT
if ! runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'opvangpunt_bench'" | grep -q 1; then
    runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" opvangpunt_bench
fi
export BENCH_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/opvangpunt_bench"
.venv/bin/python -m bench.run --postgresql "$@"
