#!/usr/bin/env bash
# Cluster failure-handling figures, measured on real processes on 127.0.0.1 (a benchmark, not a test):
#   1. kill -9 of a viewer → the seed logs it unreachable, then downed and removed, when the seed drops its
#      destination (from the seed's log clock);
#   2. kill -9 of the seed and a restart on the same port → the first frames a (never restarted) viewer
#      receives again (from the viewer's 200 ms status lines).
# Usage: bench/run-cluster.sh [--runs 3]
set -uo pipefail
cd "$(dirname "$0")/.."
RUNS=3
[ "${1:-}" = "--runs" ] && RUNS=${2:?}

dotnet build src/Nodes -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null || exit 1
exe=src/Nodes/bin/Release/net10.0/actorstream
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; pkill -9 -P "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }
now_ms() { date +%s%3N; }
# Log lines start with HH:MM:SS.fff (UTC here); turn one into epoch ms of today.
log_ms() { local t=$1; date -u -d "$(date -u +%F) $t" +%s%3N; }
wait_for() { # file pattern timeout_s → prints the first matching line
  local deadline=$(( $(date +%s) + $3 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    local line; line=$(grep -m1 -E "$2" "$1" 2>/dev/null) && { echo "$line"; return 0; }
    sleep 0.05
  done
  return 1
}
start_seed() {
  ACTORSTREAM_STATION__AUDIO=none "$exe" seed --size 320x240 --port "$port" --http off >"$work/seed.out" 2>>"$work/seed.err" &
  seed=$!; pids+=("$seed")
}

printf '| run | kill viewer → unreachable (ms) | → downed (ms) | → removed (ms) | seed restart → frames again (ms) |\n|---:|---:|---:|---:|---:|\n'
for run in $(seq 1 "$RUNS"); do
  port=$(free_port); : >"$work/seed.err"
  start_seed
  wait_for "$work/seed.err" "joins itself" 30 >/dev/null || { echo "seed did not start"; cat "$work/seed.err"; exit 1; }
  for v in 1 2; do
    ACTORSTREAM_VIEWER__STATUS_INTERVAL=200ms "$exe" viewer --seed "127.0.0.1:$port" >"$work/v$v.out" 2>"$work/v$v.err" &
    eval "viewer$v=$!"; pids+=("$!")
  done
  wait_for "$work/v1.out" "subscribed  frames [1-9]" 30 >/dev/null && wait_for "$work/v2.out" "subscribed  frames [1-9]" 30 >/dev/null \
    || { echo "viewers did not receive"; exit 1; }
  vport=$(grep -m1 -oE 'Viewer node actorstream://actorstream@127.0.0.1:[0-9]+' "$work/v2.err" | grep -oE '[0-9]+$')

  killed=$(now_ms); kill -9 "$viewer2"
  u=$(wait_for "$work/seed.err" "127.0.0.1:$vport.* is unreachable" 15)
  # The seed's own view (whoever is leader downs and removes): its ViewerNodeWatcher logs both, and the
  # viewer's destination goes at that moment.
  d=$(wait_for "$work/seed.err" "Node actorstream://actorstream@127.0.0.1:$vport downed" 15)
  r=$(wait_for "$work/seed.err" "Node actorstream://actorstream@127.0.0.1:$vport removed" 15)
  unreach=$(( $(log_ms "${u%% *}") - killed )); down=$(( $(log_ms "${d%% *}") - killed )); removed=$(( $(log_ms "${r%% *}") - killed ))

  # Seed restart: frames counted by viewer 1 before, then the first status line with more frames after.
  kill -9 "$seed"; pkill -9 -P "$seed" 2>/dev/null
  sleep 1
  before=$(grep -oE 'frames [0-9]+' "$work/v1.out" | tail -1 | grep -oE '[0-9]+')
  : >"$work/v1.mark"; lines_before=$(wc -l <"$work/v1.out")
  restarted=$(now_ms); start_seed
  again=""
  for _ in $(seq 1 600); do
    latest=$(tail -n +"$((lines_before + 1))" "$work/v1.out" | grep -oE 'frames [0-9]+' | tail -1 | grep -oE '[0-9]+')
    if [ -n "$latest" ] && [ "$latest" -gt "$before" ]; then again=$(( $(now_ms) - restarted )); break; fi
    sleep 0.05
  done
  printf '| %d | %d | %d | %d | %s |\n' "$run" "$unreach" "$down" "$removed" "${again:-not within 30 s}"
  [ -n "${KEEP:-}" ] && cp -r "$work" "/tmp/cluster-run-$run"; cleanup; pids=(); work=$(mktemp -d)
done
