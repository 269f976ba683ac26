#!/usr/bin/env bash
# Builds everything and runs every test project. The last line is "N passed, N failed[, N skipped]";
# the exit code is non-zero on any failure. Used as-is by .ci/run.
#
# Servers: a throwaway PostgreSQL cluster on a free 5xxxx loopback port (build/services/postgres.sh; installed from
# apt when absent), exported as OS_TEST_DATABASE_URL, and a maildev SMTP sink (build/services/maildev.sh; npm ci from
# its committed lockfile), exported as OS_TEST_SMTP_PORT and OS_TEST_SMTP_WEB_PORT; both stopped on exit. The client conformance step
# (tests/client-conformance, Node + npm) starts `os serve` itself on a free 5xxxx port and stops it by PID.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
configuration="${CONFIGURATION:-Release}"
results="$root/artifacts/test-results"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n==> %s\n' "$*"; }
die() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

free_port() {
  local port
  for port in $(seq "$1" "$2"); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

step "start PostgreSQL for the tests"
pg_dir="$(mktemp -d /tmp/os-test-pg.XXXXXX)"
mail_dir="$(mktemp -d /tmp/os-test-mail.XXXXXX)"
cleanup() {
  build/services/postgres.sh stop "$pg_dir" || true; rm -rf "$pg_dir"
  build/services/maildev.sh stop "$mail_dir" || true; rm -rf "$mail_dir"
}
trap cleanup EXIT
pg_port="$(free_port 55432 55499)" || die "no free port for PostgreSQL in 55432-55499"
OS_TEST_DATABASE_URL="$(build/services/postgres.sh start "$pg_dir" "$pg_port")" || die "PostgreSQL did not start"
export OS_TEST_DATABASE_URL
export OS_TEST_DATABASE_CA="$pg_dir/tls/ca.crt"
echo "PostgreSQL at $OS_TEST_DATABASE_URL"

step "start the SMTP sink for the tests"
smtp_port="$(free_port 51025 51079)" || die "no free port for the SMTP sink in 51025-51079"
smtp_web_port="$(free_port 51080 51139)" || die "no free port for the SMTP sink's API in 51080-51139"
build/services/maildev.sh start "$mail_dir" "$smtp_port" "$smtp_web_port" || die "the SMTP sink did not start"
export OS_TEST_SMTP_PORT="$smtp_port" OS_TEST_SMTP_WEB_PORT="$smtp_web_port"

step "build ($configuration)"
dotnet build Plugins.sln -c "$configuration" -nologo -clp:ErrorsOnly || die "build failed"

step "pack ObjectStack.Abstractions and build the third-party sample plugin against the package"
dotnet pack abstractions/ObjectStack.Abstractions -c "$configuration" --no-build -nologo >/dev/null || die "pack failed"
rm -rf samples/hello-plugin/obj samples/hello-plugin/bin artifacts/samples/Acme.Hello
dotnet build samples/hello-plugin -c "$configuration" -nologo -clp:ErrorsOnly -o artifacts/samples/Acme.Hello \
  || die "samples/hello-plugin failed to build"

step "test"
rm -rf "$results" && mkdir -p "$results"
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "nunit;LogFilePath=$results/$name.xml" --logger "console;verbosity=minimal" || status=1
  [ -f "$results/$name.xml" ] || { echo "$name produced no results (crashed?)"; status=1; echo 'total="1" passed="0" failed="1" skipped="0"' > "$results/$name.crashed"; }
done

step "client conformance: the official @objectstack/client against os serve (tests/client-conformance)"
# The test identity plugin in a plugin-folder layout. Copied from the Plugins.sln build output, which holds no
# ObjectStack.Abstractions.dll (a `dotnet build -o` of the project would copy it in, and the host refuses a plugin
# that ships its own Abstractions).
config_dir="$(printf '%s' "$configuration" | tr '[:upper:]' '[:lower:]')"
conformance="tests/client-conformance"
rm -rf artifacts/test-plugins/Fixture.TestIdentityPlugin && mkdir -p artifacts/test-plugins
if cp -r "artifacts/bin/Fixture.TestIdentityPlugin/$config_dir" artifacts/test-plugins/Fixture.TestIdentityPlugin \
  && (cd "$conformance" && npm ci --no-audit --no-fund --loglevel=error </dev/null >/dev/null); then
  OS_HOST_DLL="artifacts/bin/ObjectStack.Host/$config_dir/os.dll" OS_TEST_PLUGINS=artifacts/test-plugins \
    OS_RESULTS_FILE="$results/client-conformance.summary" node "$conformance/run.mjs" </dev/null || status=1
else
  echo "client-conformance: could not lay out the test plugin or install the npm packages"
fi
[ -f "$results/client-conformance.summary" ] || { echo "client-conformance produced no results (crashed?)"; status=1; echo 'total="1" passed="0" failed="1" skipped="0"' > "$results/client-conformance.crashed"; }

passed=0 failed=0 skipped=0
for file in "$results"/*; do
  run="$(grep -o '<test-run [^>]*>' "$file" 2>/dev/null || cat "$file")"
  attr() { printf '%s' "$run" | grep -o " $1=\"[0-9]*\"" | head -n1 | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed)))
  skipped=$((skipped + $(attr skipped) + $(attr inconclusive)))
done

[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && { echo "no test ran"; status=1; }
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$status"
