#!/usr/bin/env bash
# Cluster failure-handling figures on Akka.Cluster, measured on real processes on 127.0.0.1 (a benchmark, not a test):
#   1. kill -9 of a viewer → the seed's Akka.Cluster marks it UNREACHABLE, then the Split Brain Resolver downs it
#      and the leader removes it (the seed's ViewerNodeWatcher logs both, and drops its destination then), each
#      from the seed's log clock;
#   2. kill -9 of the seed and a restart on the same port (same data directory, so it rejoins the cluster its
#      viewers kept) → the first frames a viewer process that was never restarted receives again (from its 200 ms
#      status lines). The last column says what the viewer's node went through meanwhile: "kept" (it stayed a
#      member of its cluster) or "downed" (SBR downed it and it joined again with a new actor system).
# The load column is the machine's 1-minute load average as the run starts: a busy 2-core box detects later.
# Usage: bench/run-cluster.sh [--runs 3] [--config FILE (HOCON given to every node, e.g. other akka.cluster timings)] [--no-build]
set -uo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"
cd "$(dirname "$0")/.."
RUNS=3 BUILD=1
config=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=${2:?}; shift 2 ;;
    --config) config=(--config "$(realpath "${2:?}")"); shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "usage: $0 [--runs 3] [--config FILE] [--no-build]" >&2; exit 2 ;;
  esac
done

if [ "$BUILD" = 1 ]; then
  bench_dotnet_build src/Nodes || exit 1
fi
exe=src/Nodes/bin/Release/net10.0/actorstream
work=$(mktemp -d)
pids=()
# Only a pid that is still this script's child (a pid once killed may since belong to another process), and its
# children (ffmpeg), looked up before it dies: afterwards they belong to init.
kill_tree() {
  [ "$(ps -o ppid= -p "$1" 2>/dev/null | tr -d ' ')" = "$$" ] || return 0
  local kids; kids=$(pgrep -P "$1"); kill -9 "$1" $kids 2>/dev/null
}
cleanup() { for p in "${pids[@]}"; do kill_tree "$p"; done; rm -rf "$work"; }
trap cleanup EXIT

# Log lines start with HH:MM:SS.fff in local time; turn one into epoch ms of today.
log_ms() { local t=$1; date -d "$(date +%F) $t" +%s%3N; }
start_seed() {
  # The data directory keeps the member list a restarted seed rejoins (and keeps ~/.local/share out of it).
  ACTORSTREAM_SEED__DATA_DIRECTORY="$work/data" \
    "$exe" seed --size 320x240 --audio none --port "$port" --http off "${config[@]}" >"$work/seed.out" 2>>"$work/seed.err" &
  seed=$!; pids+=("$seed"); disown "$seed" # no "Killed" job notices in the table
}

printf '| run | kill viewer → unreachable (ms) | → downed (ms) | → removed (ms) | seed restart → frames again (ms) | viewer node | load |\n|---:|---:|---:|---:|---:|---|---:|\n'
for run in $(seq 1 "$RUNS"); do
  port=$(free_port_or_random); : >"$work/seed.err"; load=$(cut -d' ' -f1 /proc/loadavg)
  start_seed
  wait_for "$work/seed.err" "is JOINING itself" 30 >/dev/null || { echo "seed did not start"; cat "$work/seed.err"; exit 1; }
  for v in 1 2; do
    ACTORSTREAM_VIEWER__STATUS_INTERVAL=200ms "$exe" viewer --seed "127.0.0.1:$port" "${config[@]}" >"$work/v$v.out" 2>"$work/v$v.err" &
    eval "viewer$v=$!"; pids+=("$!"); disown "$!"
  done
  wait_for "$work/v1.out" "subscribed  frames [1-9]" 30 >/dev/null && wait_for "$work/v2.out" "subscribed  frames [1-9]" 30 >/dev/null \
    || { echo "viewers did not receive"; exit 1; }
  vport=$(grep -m1 -oE 'Viewer node akka\.tcp://actorstream@127\.0\.0\.1:[0-9]+' "$work/v2.err" | grep -oE '[0-9]+$')
  # A viewer receives before it is Up (it subscribes by message at once). Killed then, the seed would not yet have
  # had a heartbeat answer from it, and its failure detector starts only after expected-response-after (1 s) of
  # silence: ~1 s more, which is not the figure wanted here. So: Up on the seed, then 2 s of heartbeats.
  # (Whichever node leads moves it to Up, so ask the seed rather than read its log.)
  up=""
  for _ in $(seq 1 30); do
    "$exe" nodes --seed "127.0.0.1:$port" 2>/dev/null | grep -qE "^akka\.tcp://actorstream@127\.0\.0\.1:$vport +viewer +Up +yes" && { up=1; break; }
    sleep 0.5
  done
  [ -n "$up" ] || { echo "viewer 2 never showed Up in \`actorstream nodes\`"; exit 1; }
  sleep 2

  killed=$(now_ms); kill -9 "$viewer2"
  # Akka.Cluster's own line on the seed: "Marking node(s) as UNREACHABLE [Member(address = akka.tcp://...:PORT, ...".
  u=$(wait_for "$work/seed.err" "Marking node\(s\) as UNREACHABLE .*127\.0\.0\.1:$vport[,)]" 15)
  # The seed's own view (whoever is leader downs and removes): its ViewerNodeWatcher logs both, and the
  # viewer's destination goes at that moment.
  d=$(wait_for "$work/seed.err" "Node akka\.tcp://actorstream@127\.0\.0\.1:$vport downed" 15)
  r=$(wait_for "$work/seed.err" "Node akka\.tcp://actorstream@127\.0\.0\.1:$vport removed" 15)
  [ -n "$u" ] && [ -n "$d" ] && [ -n "$r" ] || { echo "the seed did not log the killed viewer unreachable/downed/removed"; tail -40 "$work/seed.err"; exit 1; }
  unreach=$(( $(log_ms "${u%% *}") - killed )); down=$(( $(log_ms "${d%% *}") - killed )); removed=$(( $(log_ms "${r%% *}") - killed ))

  # Seed restart: the frames viewer 1 counted before, then the first status line whose frames rose over the
  # line before it (a viewer node that was downed meanwhile counts from 0 again in its new actor system).
  kill_tree "$seed"
  sleep 1
  before=$(grep -oE 'frames [0-9]+' "$work/v1.out" | tail -1 | grep -oE '[0-9]+')
  lines_before=$(wc -l <"$work/v1.out")
  restarted=$(now_ms); start_seed
  again=""
  for _ in $(seq 1 600); do
    if tail -n +"$((lines_before + 1))" "$work/v1.out" | grep -oE 'frames [0-9]+' | grep -oE '[0-9]+' \
         | awk -v prev="$before" '$1 > prev { found = 1; exit } { prev = $1 } END { exit !found }'; then
      again=$(( $(now_ms) - restarted )); break
    fi
    sleep 0.05
  done
  grep -q "the cluster downed it" "$work/v1.err" && fate=downed || fate=kept
  printf '| %d | %d | %d | %d | %s | %s | %s |\n' "$run" "$unreach" "$down" "$removed" "${again:-not within 30 s}" "$fate" "$load"
  [ -n "${KEEP:-}" ] && cp -r "$work" "/tmp/cluster-run-$run"; cleanup; pids=(); work=$(mktemp -d)
done
