#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs and starts what the tests need
# (PostgreSQL, Redis, Chromium with CJK fonts, Node for the web front end), then runs the
# .NET and web test suites. Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log_dir=${TEST_LOG_DIR:-$root/artifacts/test-logs}
mkdir -p "$log_dir"

need_install=()
command -v pg_ctlcluster >/dev/null || need_install+=(postgresql)
command -v redis-server >/dev/null || need_install+=(redis-server)
command -v chromium >/dev/null || need_install+=(chromium chromium-driver)
/usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || need_install+=(python3-aiosmtpd)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_install+=(fonts-noto-cjk)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "== installing: ${need_install[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_install[@]}" >"$log_dir/apt.log" 2>&1 || { echo "apt-get install failed; see $log_dir/apt.log"; tail -20 "$log_dir/apt.log"; }
fi

echo "== starting PostgreSQL"
pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_ctlcluster "$pg_version" main start 2>/dev/null || true
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null

echo "== starting Redis"
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done

echo "== starting the SMTP server (aiosmtpd, messages to a Maildir the tests read)"
mail_dir=${TTM_TEST_MAILDIR:-/tmp/ttm-test-mail}
mkdir -p "$mail_dir"/{tmp,new,cur}
if ! (exec 3<>/dev/tcp/127.0.0.1/2525) 2>/dev/null; then
  setsid nohup /usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:2525 -c aiosmtpd.handlers.Mailbox "$mail_dir" >"$log_dir/smtp.log" 2>&1 &
  for _ in $(seq 1 30); do (exec 3<>/dev/tcp/127.0.0.1/2525) 2>/dev/null && break; sleep 0.5; done
fi
export TTM_TEST_SMTP="127.0.0.1:2525" TTM_TEST_MAILDIR="$mail_dir"

export TTM_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"
export TTM_TEST_REDIS="127.0.0.1:6379"
export TTM_CHROMIUM=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

passed=0; failed=0; status=0

echo "== building"
if ! dotnet build TechTransfer.Match.sln -c Release -nologo -v q >"$log_dir/build.log" 2>&1; then
  grep -E "error" "$log_dir/build.log" | sort -u | head -40
  echo "0 passed, 1 failed"
  exit 1
fi

for project in tests/*/; do
  name=$(basename "$project")
  [ -n "$(find "$project" -maxdepth 1 -name '*.csproj' -print -quit)" ] || continue
  grep -q "Microsoft.NET.Test.Sdk" "$project"/*.csproj || continue
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=minimal" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$log_dir" >"$log_dir/$name.log" 2>&1
  rc=$?
  [ $rc -ne 0 ] && status=1
  summary=$(grep -E "^(Passed|Failed)!" "$log_dir/$name.log" | tail -1)
  echo "   ${summary:-no summary (exit $rc); see $log_dir/$name.log}"
  grep -E "^\s+Failed " "$log_dir/$name.log" | head -30
  # Each failure's message and first stack lines: CI keeps only this output, not the logs.
  [ $rc -ne 0 ] && awk '/^[[:space:]]+Failed /{n=14} n>0{print "     " $0; n--}' "$log_dir/$name.log" | grep -vE "^\s*$" | cut -c1-400 | head -80
  p=$(echo "$summary" | sed -nE 's/.*Passed:\s*([0-9]+).*/\1/p'); f=$(echo "$summary" | sed -nE 's/.*Failed:\s*([0-9]+).*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ -z "$summary" ]; then failed=$((failed + 1)); tail -30 "$log_dir/$name.log"; fi
done

if [ -f web/package.json ]; then
  echo "== web (type-check)"
  # The web client is typed from the committed OpenAPI document: a server change that breaks it is a compile error.
  (cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund >"$log_dir/npm-ci.log" 2>&1; } && npx tsc -p tsconfig.json --noEmit >"$log_dir/web-tsc.log" 2>&1)
  rc=$?
  if [ $rc -ne 0 ]; then
    status=1; failed=$((failed + 1))
    echo "   type-check failed (exit $rc); see $log_dir/web-tsc.log"
    grep -E "error TS" "$log_dir/web-tsc.log" | head -30
  else
    echo "   type-check passed"
  fi

  echo "== web (vitest)"
  (cd web && NO_COLOR=1 npx vitest run --reporter=default >"$log_dir/web.log" 2>&1)
  rc=$?
  [ $rc -ne 0 ] && status=1
  line=$(grep -E "^\s+Tests\s+" "$log_dir/web.log" | tail -1)
  echo "   ${line:-no summary (exit $rc); see $log_dir/web.log}"
  p=$(echo "$line" | sed -nE 's/.* ([0-9]+) passed.*/\1/p'); f=$(echo "$line" | sed -nE 's/.* ([0-9]+) failed.*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if [ -z "$line" ]; then failed=$((failed + 1)); tail -30 "$log_dir/web.log"; fi
fi

echo "$passed passed, $failed failed"
exit $status
