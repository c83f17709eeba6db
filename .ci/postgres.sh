#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback and prints its DATABASE_URL.
#   .ci/postgres.sh start   -> prints postgres://... on stdout
#   .ci/postgres.sh stop
# The cluster lives in var/pgdata (git-ignored) and listens on 127.0.0.1 on its own port
# (socket in var/pgsock), so it never clashes with a server already running on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$bindir" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
data="$PWD/var/pgdata"
sock="$PWD/var/pgsock"
port=${LOCALOFFER_PG_PORT:-54329}  # another port for a second checkout on one machine

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    mkdir -p "$sock"
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres "$data" "$sock"
      as_pg "$bindir/initdb" -D "$data" -A trust -U postgres --no-sync >/dev/null
    fi
    [ "$(id -u)" = 0 ] && chown postgres "$sock"
    if ! as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_pg "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
        -o "-k $sock -p $port -c listen_addresses=127.0.0.1 -c max_connections=250 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    fi
    as_pg "$bindir/psql" -h "$sock" -p "$port" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='localoffer'" | grep -q 1 \
      || as_pg "$bindir/createdb" -h "$sock" -p "$port" -U postgres localoffer
    echo "postgres://postgres@127.0.0.1:$port/localoffer"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
