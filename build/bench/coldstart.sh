#!/usr/bin/env bash
# Cold start of `os serve` with every first-party plugin present and enabled: wall time from process start to
# the first 200 from /api/v1/ready (median of RUNS), then the resident memory after IDLE seconds of idling.
# Usage: build/bench/coldstart.sh [RUNS] [PORT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-10}" port="${2:-53300}" idle="${IDLE:-5}"
cd "$root"
dotnet build host/ObjectStack.Host -c Release -nologo -clp:ErrorsOnly >/dev/null
os="$root/artifacts/bin/ObjectStack.Host/release/os"
config="$(mktemp -d)/objectstack.json"
cat > "$config" <<'JSON'
{ "plugins": ["objectstack.driver.sqlite", "objectstack.driver.postgres", "objectstack.auth", "objectstack.security",
              "objectstack.audit", "objectstack.storage", "objectstack.ai"] }
JSON

times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  OS_LOG_LEVEL=Warning "$os" serve --config "$config" --port "$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "os exited early"; exit 1; }
    sleep 0.005
  done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
  if [ "$i" -eq "$runs" ]; then
    sleep "$idle"
    rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  fi
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( runs / 2 ))]}
[ $(( runs % 2 )) -eq 0 ] && median=$(( (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2 ))
echo "cold start to ready (ms): ${times[*]}"
echo "median: ${median} ms   min: ${sorted[0]} ms   max: ${sorted[$((runs - 1))]} ms"
echo "idle RSS after ${idle}s: $(( rss_kib / 1024 )) MiB"
