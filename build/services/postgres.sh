#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for tests and benchmarks.
#   build/services/postgres.sh start DIR PORT   initdb (if needed) and start; prints the admin URL
#   build/services/postgres.sh stop DIR         stop it (fast) and keep the files
# Installs PostgreSQL from apt when no server binaries are found. Trust auth on 127.0.0.1 only; fsync off.
set -euo pipefail

command="${1:-}"; dir="${2:-}"
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }

find_bin() {
  for candidate in "$(command -v "$1" 2>/dev/null || true)" /usr/local/bin/"$1" /usr/lib/postgresql/*/bin/"$1"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

as_owner() {
  # initdb and postgres refuse to run as root; use the postgres account when we are root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
  start)
    port="${3:?port}"
    if ! find_bin pg_ctl >/dev/null || ! find_bin initdb >/dev/null; then
      echo "PostgreSQL not found; installing from apt" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home postgres
    fi
    pg_ctl="$(find_bin pg_ctl)"; initdb="$(find_bin initdb)"
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    pg_ctl="$(find_bin pg_ctl)"
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null || true
    ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac
