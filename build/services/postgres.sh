#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on loopback for tests and benchmarks.
#   build/services/postgres.sh start DIR PORT   initdb (if needed) and start; prints the admin URL (again, when
#                                               DIR's cluster already runs on PORT)
#   build/services/postgres.sh stop DIR         stop it (fast) and keep the files
# Installs PostgreSQL from apt when no server binaries are found. Trust auth on 127.0.0.1 only; fsync off.
# TLS is on (ssl=on) and optional: sslmode=disable/prefer connect as before, require/verify-ca/verify-full use TLS.
# On the first start a throwaway CA and a server certificate it signs (RSA 2048, 30 days, subjectAltName
# IP:127.0.0.1 and DNS:localhost) are written to DIR/tls; clients trust DIR/tls/ca.crt (the file to pass as
# sslrootcert, which build/test.sh exports as OS_TEST_DATABASE_CA). Delete DIR/tls to get fresh ones.
# Stdout carries only the URL; OpenSSL is installed from apt when missing.
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

make_tls() {
  # Written to a scratch folder and renamed into place, so an interrupted run never leaves half a DIR/tls behind.
  local tls="$dir/tls" work="$dir/tls.partial"
  [ -d "$tls" ] && return 0
  if ! command -v openssl >/dev/null 2>&1; then
    echo "OpenSSL not found; installing from apt" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssl >/dev/null
  fi
  rm -rf "$work" && mkdir -p "$work"
  # One && chain: errexit does not apply inside a subshell that is followed by ||.
  (
    cd "$work" && umask 077 \
      && openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -keyout ca.key -out ca.crt \
        -subj "/CN=ObjectStack throwaway test CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      && openssl req -newkey rsa:2048 -nodes -sha256 -keyout server.key -out server.csr -subj "/CN=localhost" \
      && printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >server.ext \
      && openssl x509 -req -sha256 -days 30 -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
        -extfile server.ext -out server.crt \
      && rm -f server.csr server.ext ca.srl \
      && chmod 600 ca.key server.key && chmod 644 ca.crt server.crt
  ) >"$dir/tls.log" 2>&1 || { cat "$dir/tls.log" >&2; rm -rf "$work"; exit 1; }
  [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$work"
  chmod 755 "$work"
  mv "$work" "$tls"
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
    make_tls
    if as_owner "$pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      # Already running from an earlier start: reuse it when it listens on the requested port.
      running_port="$(sed -n 4p "$dir/data/postmaster.pid")"
      [ "$running_port" = "$port" ] || { echo "the cluster in $dir is already running on port $running_port" >&2; exit 1; }
      echo "postgres://postgres@127.0.0.1:$port/postgres"
      exit 0
    fi
    as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c ssl=on -c ssl_cert_file=$dir/tls/server.crt -c ssl_key_file=$dir/tls/server.key" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    pg_ctl="$(find_bin pg_ctl)"
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null || true
    ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac
