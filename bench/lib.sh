# Shared preamble of the bench/run-*.sh scripts: the results file and log directory, the wait for a quiet machine,
# the Release build of actorstream, and the small helpers every run uses (free ports, waiting for a log line, clocks).
# Sourced by the entry scripts after they set BENCH_DIR (this directory) and, for the build steps, REPO_DIR; it brings
# FanOut's process tracking (fanout_track, fanout_stop_all, ...) and /proc CPU readings (fanout_stat_times, ...) with it.
# shellcheck shell=bash

# shellcheck source=FanOut/processes.sh
source "$BENCH_DIR/FanOut/processes.sh"
# shellcheck source=FanOut/proc-cpu.sh
source "$BENCH_DIR/FanOut/proc-cpu.sh"

# --help: the script's header comment (its lines after the #! line, up to the first line that is not a comment).
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

# The options the measuring scripts share, for the last branch of their own `case "$1"`: --max-wait N (MAX_WAIT),
# --no-wait (WAIT_IDLE=0), --no-build (BUILD=0), -h/--help (usage, exit 0); anything else is an unknown option
# (usage on stderr, exit 2). Sets BENCH_SHIFT to the number of arguments taken, for the caller's `shift`.
bench_common_option() { # "$@" of the caller's loop
  case "$1" in
    --max-wait) MAX_WAIT=${2:?}; BENCH_SHIFT=2 ;;
    --no-wait) WAIT_IDLE=0; BENCH_SHIFT=1 ;;
    --no-build) BUILD=0; BENCH_SHIFT=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
}

# Names this run's files after NAME and the start time: sets STAMP, LOG_DIR (bench/.cache/logs/NAME-STAMP,
# git-ignored), RESULTS_FINAL (bench/results/NAME-STAMP.md) and RESULTS, the name it is written under until the run
# completes (RESULTS_FINAL.partial, renamed by the script at the end, so an interrupted run never looks complete);
# creates the log and results directories.
bench_start_run() { # NAME
  STAMP=$(date +%Y-%m-%d-%H%M%S)
  LOG_DIR="$BENCH_DIR/.cache/logs/$1-$STAMP"
  RESULTS_FINAL="$BENCH_DIR/results/$1-$STAMP.md"
  RESULTS="$RESULTS_FINAL.partial"
  mkdir -p "$LOG_DIR" "$BENCH_DIR/results"
}

# Waits (bounded by MAX_WAIT seconds, polling every 5 s) until no `dotnet test`/build, test host and no other
# actorstream process runs: another helper's build or test run on a 2-core box would be measured as our slowness.
# Sets `waited` to the seconds waited (the results report it); with WAIT_IDLE=0 (--no-wait) it does not wait.
bench_wait_until_idle() {
  waited=0
  ((WAIT_IDLE)) || return 0
  while pgrep -f 'dotnet (test|build|exec .*testhost)|actorstream(\.dll)? ' >/dev/null && ((waited < MAX_WAIT)); do
    sleep 5; waited=$((waited + 5))
  done
}

# Builds a .NET project in Release, quietly (errors only); returns dotnet's status. With LOG, all its output goes
# there (the scripts then name the log in their error message); without, its output is dropped and what dotnet
# writes to stderr stays on the terminal.
bench_dotnet_build() { # PROJECT [LOG]
  if [[ -n "${2:-}" ]]; then
    dotnet build "$1" -c Release -nologo -v:q -clp:ErrorsOnly >"$2" 2>&1
  else
    dotnet build "$1" -c Release -nologo -v:q -clp:ErrorsOnly >/dev/null
  fi
}

# The Release actorstream the benchmarks run: sets EXE, exits 1 when it is not there.
bench_actorstream_exe() {
  EXE="$REPO_DIR/src/Nodes/bin/Release/net10.0/actorstream"
  [[ -x "$EXE" ]] || { echo "$EXE not found: build it, or run without --no-build" >&2; exit 1; }
}

# Builds src/Nodes in Release into LOG_DIR/build.log unless --no-build (BUILD=0), exits 1 naming the log when it
# fails; then sets EXE as bench_actorstream_exe does.
bench_build_actorstream() {
  if ((BUILD)); then
    echo "building actorstream (Release)..." >&2
    bench_dotnet_build "$REPO_DIR/src/Nodes" "$LOG_DIR/build.log" \
      || { echo "actorstream did not build: see $LOG_DIR/build.log" >&2; exit 1; }
  fi
  bench_actorstream_exe
}

# A port free on 127.0.0.1 now: python3 binds port 0 and prints what the kernel gave, then releases it (another
# process could take it before ours binds it, which on a quiet box does not happen). TCP by default, `udp` for a
# datagram port. Runs ${PY:-python3}: a script that needs one python (e.g. Debian's for GStreamer) sets PY.
free_port() { # [tcp|udp]
  local type=SOCK_STREAM
  [[ "${1:-tcp}" == udp ]] && type=SOCK_DGRAM
  "${PY:-python3}" -c "import socket; s = socket.socket(socket.AF_INET, socket.$type); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}
# As free_port, but never fails: without python3 a random port in 20000-39999 (run-cluster.sh's fallback).
free_port_or_random() { # [tcp|udp]
  free_port "$@" 2>/dev/null || echo $((20000 + RANDOM % 20000))
}

# Waits until a line of FILE matches the extended REGEX (the file may not exist yet), at most TIMEOUT_S seconds,
# checking every POLL seconds (0.05 unless --poll): prints the first matching line and returns 0, or returns 1.
# --quiet prints nothing (for callers whose stdout is the results table).
wait_for() { # [--quiet] [--poll S] FILE REGEX TIMEOUT_S
  local quiet=0 poll=0.05 line deadline
  while [[ "${1:-}" == --* ]]; do
    case "$1" in
      --quiet) quiet=1; shift ;;
      --poll) poll=$2; shift 2 ;;
      *) echo "wait_for: unknown option $1" >&2; return 2 ;;
    esac
  done
  deadline=$((EPOCHSECONDS + $3))
  while ((EPOCHSECONDS < deadline)); do
    if ((quiet)); then
      grep -qE "$2" "$1" 2>/dev/null && return 0
    else
      line=$(grep -m1 -E "$2" "$1" 2>/dev/null) && { echo "$line"; return 0; }
    fi
    sleep "$poll"
  done
  return 1
}

# Wall clock in epoch milliseconds (for intervals between this script's own events).
now_ms() { date +%s%3N; }

# Lines of FILE that contain PATTERN (basic regex): 0 when none or when the file does not exist yet.
count_lines() { # PATTERN FILE
  local c; c=$(grep -c -- "$1" "$2" 2>/dev/null); echo "${c:-0}"
}

# CPU time of PID (utime + stime) in clock ticks, 0 once it is gone (FanOut/proc-cpu.sh's fanout_stat_times).
ticks() { # PID
  local t; t=$(fanout_stat_times "$1"); set -- $t; echo $(( ${1:-0} + ${2:-0} ))
}
