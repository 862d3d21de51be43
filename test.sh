#!/usr/bin/env bash
# Runs every ActorStream test: installs what is missing, builds, runs each test project in turn,
# and ends with one line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
# As root the end-to-end tests create network namespaces (ip) and drop packets (nft): install those too.
if [ "$(id -u)" = 0 ]; then export ACTORSTREAM_NEED_IP=1; fi
# The web console's tests run Debian's chromium (installed when missing); Playwright must never fetch a browser.
export ACTORSTREAM_NEED_BROWSER=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
source scripts/prerequisites.sh

dotnet build ActorStream.sln -c Release -nologo -clp:ErrorsOnly

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
for proj in tests/*/ActorStream.*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  # Projects run one after another: the end-to-end tests start ffmpeg processes and want the cores.
  if ! dotnet test "$proj" -c Release --no-build -nologo \
       --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=normal"; then
    status=1
  fi
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  total=$(sed -n 's/.*total="\([0-9]*\)".*/\1/p' <<<"$counters")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] || status=1
exit $status
