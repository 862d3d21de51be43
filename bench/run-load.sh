#!/usr/bin/env bash
# Does Akka's failure detector hold under load? A seed encoding 1280x720 at 30 fps to 50 UDP destinations (a sink
# that binds 50 ports and never reads them, so it costs no CPU and sends back no ICMP errors) with 4 viewer nodes,
# all on this machine, for --seconds. Meanwhile:
#   - `actorstream nodes` asks the seed every --poll seconds (in the background, one at a time) for its members;
#   - every node's log is searched afterwards for Akka.Cluster's "Marking node(s) as UNREACHABLE" (each node's own
#     failure detector), SBR decisions, downings and viewer restarts;
#   - CPU: the machine's busy share from /proc/stat each second, and each process's utime+stime from /proc/PID/stat.
# Prints a markdown report and writes it to bench/results/load-<date-time>.md. KEEP=1 keeps the logs in /tmp.
# Usage: bench/run-load.sh [--seconds 120] [--viewers 4] [--dests 50] [--poll 1] [--config FILE] [--no-build]
#   --config FILE: HOCON given to every node (e.g. other failure-detector settings to try under load)
set -uo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=120 VIEWERS=4 DESTS=50 POLL=1 BUILD=1
config=() config_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config_file=$(realpath "${2:?}"); config=(--config "$config_file"); shift 2 ;;
    --seconds) SECONDS_TO_RUN=${2:?}; shift 2 ;;
    --viewers) VIEWERS=${2:?}; shift 2 ;;
    --dests) DESTS=${2:?}; shift 2 ;;
    --poll) POLL=${2:?}; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "usage: $0 [--seconds 120] [--viewers 4] [--dests 50] [--poll 1 (0: no polling)] [--config FILE] [--no-build]" >&2; exit 2 ;;
  esac
done

command -v python3 >/dev/null || { echo "needs python3 (the UDP sink)"; exit 1; }
if [ "$BUILD" = 1 ]; then
  bench_dotnet_build src/Nodes || exit 1
fi
exe=src/Nodes/bin/Release/net10.0/actorstream
[ -x "$exe" ] || { echo "$exe not built"; exit 1; }
work=$(mktemp -d)
pids=()
# Only a pid that is still this script's child (a pid once killed may since belong to another process), and its
# children (ffmpeg), looked up before it dies: afterwards they belong to init.
kill_tree() {
  [ "$(ps -o ppid= -p "$1" 2>/dev/null | tr -d ' ')" = "$$" ] || return 0
  local kids; kids=$(pgrep -P "$1"); kill -9 "$1" $kids 2>/dev/null
}
cleanup() {
  for p in "${pids[@]}"; do kill_tree "$p"; done
  [ -n "${KEEP:-}" ] && echo "logs kept in $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
start() { # name command... : runs in the background with stdout/stderr in $work/name.{out,err}
  local name=$1; shift
  "$@" >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$!; pids+=("$pid"); disown "$pid"; eval "pid_$name=$pid"
}
ticks() { # utime+stime of PID in clock ticks (0 once it is gone); its own, from /proc (no FanOut/proc-cpu.sh here)
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
machine() { awk '/^cpu / { print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6 }' /proc/stat; } # total idle(+iowait) jiffies
hz=$(getconf CLK_TCK)
# CPU seconds of this script's reaped children: the `nodes` polls (and the odd awk/date) once they have ended.
# (`times` must run in this shell, not in a $(...) subshell, whose children are its own.)
children_cpu() { # → sets cpu_s
  times >"$work/times.txt"
  cpu_s=$(tail -1 "$work/times.txt" | awk '{ n = 0; for (f = 1; f <= 2; f++) { split($f, p, /[ms]/); n += p[1] * 60 + p[2] } printf "%.2f", n }')
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The sink: DESTS sockets on 127.0.0.1 with the smallest receive buffer, never read (the kernel drops what does not fit).
start sink python3 -c '
import socket, sys, time
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks), flush=True)
while True:
    time.sleep(3600)
' "$DESTS"
wait_for --quiet --poll 0.2 "$work/sink.out" '[0-9]' 10 || { echo "the sink did not start"; exit 1; }
dest_args=()
for p in $(head -1 "$work/sink.out"); do dest_args+=(--dest "udp://127.0.0.1:$p"); done

port=$(free_port)
start seed env ACTORSTREAM_SEED__DATA_DIRECTORY="$work/data" "$exe" seed --port "$port" --http off --size 1280x720 --fps 30 "${dest_args[@]}" "${config[@]}"
wait_for --quiet --poll 0.2 "$work/seed.out" 'frames [1-9]' 60 || { echo "the seed did not encode"; tail -20 "$work/seed.err"; exit 1; }
for v in $(seq 1 "$VIEWERS"); do start "viewer$v" "$exe" viewer --seed "127.0.0.1:$port" "${config[@]}"; done
for v in $(seq 1 "$VIEWERS"); do
  wait_for --quiet --poll 0.2 "$work/viewer$v.out" 'subscribed  frames [1-9]' 60 || { echo "viewer $v did not receive"; tail -20 "$work/viewer$v.err"; exit 1; }
done
members_expected=$((VIEWERS + 1))

# The window.
seed_children=$(pgrep -P "$pid_seed" | tr '\n' ' ')
declare -A t0
for p in "$pid_seed" $seed_children; do t0[$p]=$(ticks "$p"); done
for v in $(seq 1 "$VIEWERS"); do eval "p=\$pid_viewer$v"; t0[$p]=$(ticks "$p"); done
read -r m_total0 m_idle0 < <(machine)
children_cpu; polls_cpu0=$cpu_s
frames0=$(grep -oE 'frames [0-9]+' "$work/seed.out" | tail -1 | grep -oE '[0-9]+')
start_ms=$(date +%s%3N); start_clock=$(date +%T.%3N) # the logs' clock: local time
started_utc=$(date -u +%F\ %T)
busiest=0 polls=0 poll_skipped=0 poll=""
: >"$work/busy.txt"
read -r prev_total prev_idle < <(machine)
for s in $(seq 1 "$SECONDS_TO_RUN"); do
  # Each second on the second of the window, not one second after the last poll.
  next=$(( start_ms + s * 1000 )); now=$(date +%s%3N)
  [ "$next" -gt "$now" ] && sleep "$(awk -v ms=$(( next - now )) 'BEGIN { printf "%.3f", ms / 1000 }')"
  read -r total idle < <(machine)
  busy=$(awk -v t=$(( total - prev_total )) -v i=$(( idle - prev_idle )) 'BEGIN { printf "%.0f", (t > 0) ? 100 * (t - i) / t : 0 }')
  echo "$busy" >>"$work/busy.txt"; prev_total=$total; prev_idle=$idle
  if [ "$POLL" != 0 ] && [ $(( s % POLL )) -eq 0 ]; then
    if [ -n "$poll" ] && kill -0 "$poll" 2>/dev/null; then
      poll_skipped=$((poll_skipped + 1)) # the last one still runs: one at a time
    else
      polls=$((polls + 1))
      ( echo "# $(date +%T.%3N)"; timeout 20 "$exe" nodes --seed "127.0.0.1:$port" 2>&1; echo "# exit $?" ) >"$work/poll-$polls.txt" &
      poll=$!; disown "$poll"
    fi
  fi
done
end_clock=$(date +%T.%3N)
read -r m_total1 m_idle1 < <(machine)
elapsed_s=$(awk -v ms=$(( $(date +%s%3N) - start_ms )) 'BEGIN { printf "%.1f", ms / 1000 }')
frames1=$(grep -oE 'frames [0-9]+' "$work/seed.out" | tail -1 | grep -oE '[0-9]+')
cpu_pct() { # pid → % of one core over the window
  local t1; t1=$(ticks "$1")
  awk -v d=$(( t1 - ${t0[$1]:-0} )) -v hz="$hz" -v s="$elapsed_s" 'BEGIN { printf "%.0f", 100 * d / hz / s }'
}
seed_cpu=$(cpu_pct "$pid_seed")
ffmpeg_cpu=""
for c in $seed_children; do
  grep -q libx264 "/proc/$c/cmdline" 2>/dev/null && what=encoder || what=capture
  ffmpeg_cpu+="$(cpu_pct "$c")% ($what) "
done
viewer_cpu=""; for v in $(seq 1 "$VIEWERS"); do eval "p=\$pid_viewer$v"; viewer_cpu+="$(cpu_pct "$p")% "; done
machine_busy=$(awk -v t=$(( m_total1 - m_total0 )) -v i=$(( m_idle1 - m_idle0 )) 'BEGIN { printf "%.0f", 100 * (t - i) / t }')
busy_max=$(sort -n "$work/busy.txt" | tail -1); busy_p95=$(sort -n "$work/busy.txt" | awk '{ a[NR] = $1 } END { i = int(NR * 0.95); print a[(i > 0) ? i : 1] }')
seconds_saturated=$(awk '$1 >= 95' "$work/busy.txt" | wc -l)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
sleep 2 # the last poll's answer
children_cpu
polls_cpu=$(awk -v a="$polls_cpu0" -v b="$cpu_s" -v s="$elapsed_s" 'BEGIN { printf "%.0f", 100 * (b - a) / s }')
seed_status=$(tail -1 "$work/seed.out")

# What the cluster said, from every node's log (only lines inside the window count).
in_window() { awk -v a="$start_clock" -v b="$end_clock" '{ t = substr($0, 1, 12) } t >= a && t <= b'; }
logs=("$work/seed.err"); for v in $(seq 1 "$VIEWERS"); do logs+=("$work/viewer$v.err"); done
unreachable_lines=$(cat "${logs[@]}" | in_window | grep -c 'Marking node(s) as UNREACHABLE')
reachable_lines=$(cat "${logs[@]}" | in_window | grep -c 'Marking node(s) as REACHABLE')
sbr_lines=$(cat "${logs[@]}" | in_window | grep -c 'SBR took decision')
downed_viewers=$(cat "${logs[@]}" | in_window | grep -c 'the cluster downed it')
poll_ok=0 poll_failed=0 poll_unreachable=0 poll_short=0
for f in "$work"/poll-*.txt; do
  [ -e "$f" ] || continue
  if grep -q '^# exit 0' "$f" && grep -q 'member(s), seen from' "$f"; then
    poll_ok=$((poll_ok + 1))
    rows=$(grep -cE '^akka(\.ssl)?\.tcp://' "$f")
    grep -qE '^akka(\.ssl)?\.tcp://\S+\s+\S+\s+\S+\s+NO' "$f" && poll_unreachable=$((poll_unreachable + 1))
    [ "$rows" -ne "$members_expected" ] || grep -qE '^akka(\.ssl)?\.tcp://\S+\s+\S+\s+(Joining|WeaklyUp|Leaving|Exiting|Down|Removed)\s' "$f" \
      && poll_short=$((poll_short + 1))
  else
    poll_failed=$((poll_failed + 1))
  fi
done

fd=$(sed -n '/failure-detector {/,/}/p' hocon/reference.conf | grep -E '^\s+[a-z-]+ = ' | sed -E 's/^\s+//' | paste -sd ';' | sed 's/;/; /g')
[ -n "$config_file" ] && fd+="; over it, --config $(basename "$config_file"): $(grep -vE '^\s*(#|$)' "$config_file" | tr -s ' \n' ' ')"
report=$(cat <<EOF
# Load run $started_utc UTC

Seed 1280x720 30 fps (libx264, default audio) to $DESTS UDP destinations (an unread sink) and $VIEWERS viewer nodes,
all on this machine ($(nproc) cores), ${elapsed_s} s. Failure detector (hocon/reference.conf): $fd.

| figure | value |
|---|---|
| members marked UNREACHABLE (log lines "Marking node(s) as UNREACHABLE", all $members_expected nodes) | $unreachable_lines |
| ... and REACHABLE again | $reachable_lines |
| SBR decisions / viewer nodes downed | $sbr_lines / $downed_viewers |
| \`nodes\` polls: answered / failed / skipped (previous still running) | $poll_ok / $poll_failed / $poll_skipped |
| polls showing a member unreachable / not $members_expected members Up | $poll_unreachable / $poll_short |
| machine CPU busy: mean / p95 / max per second / seconds >= 95% | ${machine_busy}% / ${busy_p95}% / ${busy_max}% / $seconds_saturated |
| load average before / after | $load_before / $load_after |
| seed process CPU (% of one core) | ${seed_cpu}% |
| its ffmpeg children | ${ffmpeg_cpu:-none} |
| viewer processes | $viewer_cpu |
| the \`nodes\` polls (and this script's other short commands) | ${polls_cpu}% |
| frames encoded in the window (expected ~$(awk -v s="$elapsed_s" 'BEGIN { printf "%.0f", s * 30 }')) | $(( ${frames1:-0} - ${frames0:-0} )) |
| seed's last status line | \`$seed_status\` |
EOF
)
echo "$report"
if [ "$unreachable_lines" -gt 0 ]; then
  echo; echo "UNREACHABLE / REACHABLE lines:"
  for f in "${logs[@]}"; do in_window <"$f" | grep -E 'Marking node\(s\) as (UNREACHABLE|REACHABLE)' | sed "s|^|$(basename "$f" .err): |" | cut -c1-220; done
fi
mkdir -p bench/results
result="bench/results/load-$(date -u +%F-%H%M%S).md"
echo "$report" >"$result"
echo; echo "written to $result"
