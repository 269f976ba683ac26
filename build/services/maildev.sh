#!/usr/bin/env bash
# A throwaway SMTP sink (maildev 2.2.1) on loopback for tests: it accepts every message and shows it over HTTP.
#   build/services/maildev.sh start DIR SMTP_PORT WEB_PORT   install (if needed) and start; prints smtp://127.0.0.1:SMTP_PORT
#                                                            (again, when DIR's sink already runs on those ports)
#   build/services/maildev.sh stop DIR                       stop it and keep DIR (DIR/mail holds the messages)
# Installed with `npm ci` from the committed build/services/maildev/package-lock.json into
# build/services/maildev/node_modules (maildev 3.x does not install here: a dependency is missing from the registry).
# Node.js and npm are installed from apt when missing. Both listeners bind 127.0.0.1 only; no SMTP AUTH, no TLS.
# REST API on WEB_PORT: GET /email (JSON array: subject, from[], to[], text, html, headers), DELETE /email/all.
# Stdout carries only the URL; the server's output goes to DIR/maildev.log, its pid to DIR/maildev.pid.
set -euo pipefail

command="${1:-}"; dir="${2:-}"
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 start DIR SMTP_PORT WEB_PORT | stop DIR" >&2; exit 2; }
package="$(cd "$(dirname "${BASH_SOURCE[0]}")/maildev" && pwd)"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

api_ready() {
  # GET /email answers 200 once the web API is up; plain bash, so curl is not needed.
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /email HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 \
      && IFS= read -r -t 2 status <&3 && [[ "$status" == "HTTP/1."?" 200"* ]]
  ) 2>/dev/null
}

running_pid() {
  # The pid in DIR/maildev.pid, when that process still runs and is maildev (pids get reused).
  local pid
  [ -f "$dir/maildev.pid" ] || return 1
  pid="$(cat "$dir/maildev.pid")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'maildev/bin/maildev' || return 1
  echo "$pid"
}

install() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Node.js not found; installing from apt" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  # npm writes node_modules/.package-lock.json last; reinstall when it is missing or older than the lockfile.
  # flock keeps two concurrent starts from installing over each other (the lock lives outside the repository).
  (
    command -v flock >/dev/null 2>&1 && { exec 9>"${TMPDIR:-/tmp}/objectstack-maildev-install.$(id -u).lock"; flock 9; }
    if [ ! -f "$package/node_modules/.package-lock.json" ] || [ "$package/package-lock.json" -nt "$package/node_modules/.package-lock.json" ] \
      || [ ! -f "$package/node_modules/maildev/bin/maildev" ]; then
      (cd "$package" && npm ci --no-audit --no-fund --loglevel=error </dev/null) >"$dir/install.log" 2>&1 \
        || { cat "$dir/install.log" >&2; exit 1; }
    fi
  )
}

case "$command" in
  start)
    smtp_port="${3:?SMTP port}"; web_port="${4:?web port}"
    mkdir -p "$dir/mail"
    if pid="$(running_pid)"; then
      # Already running from an earlier start: reuse it when it listens on the requested ports.
      [ "$(cat "$dir/maildev.ports" 2>/dev/null)" = "$smtp_port $web_port" ] \
        || { echo "the sink in $dir is already running (pid $pid) on ports $(cat "$dir/maildev.ports" 2>/dev/null)" >&2; exit 1; }
      echo "smtp://127.0.0.1:$smtp_port"
      exit 0
    fi
    for port in "$smtp_port" "$web_port"; do
      listening "$port" && { echo "port $port on 127.0.0.1 is already in use" >&2; exit 1; }
    done
    install
    # Detached from our stdout, so a caller reading the URL with $(...) does not wait for the server to exit.
    node "$package/node_modules/maildev/bin/maildev" --ip 127.0.0.1 --web-ip 127.0.0.1 -s "$smtp_port" -w "$web_port" \
      --mail-directory "$dir/mail" --silent </dev/null >"$dir/maildev.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/maildev.pid"
    echo "$smtp_port $web_port" >"$dir/maildev.ports"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || { cat "$dir/maildev.log" >&2; echo "maildev exited during start" >&2; rm -f "$dir/maildev.pid"; exit 1; }
      if listening "$smtp_port" && api_ready "$web_port"; then
        echo "smtp://127.0.0.1:$smtp_port"
        exit 0
      fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    rm -f "$dir/maildev.pid"
    cat "$dir/maildev.log" >&2
    echo "maildev did not answer on ports $smtp_port/$web_port within 30 s" >&2
    exit 1
    ;;
  stop)
    if pid="$(running_pid)"; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/maildev.pid"
    ;;
  *) echo "unknown command $command" >&2; exit 2 ;;
esac
