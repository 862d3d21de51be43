# Processes the benchmark starts: remembered by PID so that every one of them, and its children,
# is stopped by PID on the way out (the entry script traps EXIT into fanout_stop_all).
# shellcheck shell=bash

FANOUT_PIDS=()

fanout_track() { FANOUT_PIDS+=("$1"); }

# All live descendants of a PID, children first-level then deeper (no /proc/PID/task/*/children here:
# not every kernel has it, pgrep -P works everywhere). Depth-bounded.
fanout_descendants() {
  local pid=$1 depth=${2:-0} child
  (( depth > 8 )) && return 0
  for child in $(pgrep -P "$pid" 2>/dev/null); do
    echo "$child"
    fanout_descendants "$child" $((depth + 1))
  done
}

# Stops one process and its whole tree: TERM, up to 5 s of grace, then KILL. Children are listed first,
# because once the parent is gone they are re-parented and can no longer be found from it.
fanout_stop_tree() {
  local root=$1 pids p i
  kill -0 "$root" 2>/dev/null || { wait "$root" 2>/dev/null || true; return 0; }
  pids="$root $(fanout_descendants "$root" | tr '\n' ' ')"
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for ((i = 0; i < 50; i++)); do
    local alive=0
    for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
    (( alive )) || break
    sleep 0.1
  done
  for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
  wait "$root" 2>/dev/null || true
}

fanout_stop_all() {
  local p
  for p in "${FANOUT_PIDS[@]}"; do fanout_stop_tree "$p"; done
  FANOUT_PIDS=()
}
