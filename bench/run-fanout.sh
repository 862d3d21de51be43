#!/usr/bin/env bash
# Fan-out benchmark: CPU per destination per stream-second when one 720p30 ~4 Mbit/s MPEG-TS stream
# is sent to N UDP destinations on 127.0.0.1, for ActorStream and, in the same run, for ffmpeg's tee
# muxer and GStreamer's multiudpsink. Delivery to every port is counted by the kernel (see
# FanOut/Sink), never assumed. A benchmark, not a test: it prints and saves a Markdown table.
#
# Usage: bench/run-fanout.sh [--seconds 20] [--n "10 50 200"] [--tools "actorstream ffmpeg gstreamer"]
#                            [--warmup 3] [--actorstream PATH] [--actorstream-args "ARGS"] [--build-actorstream]
# (in ARGS, $tcpport becomes a free TCP port, e.g. --actorstream-args '--port $tcpport')
set -uo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=FanOut/sink-control.sh
source "$BENCH_DIR/FanOut/sink-control.sh"
# shellcheck source=FanOut/senders.sh
source "$BENCH_DIR/FanOut/senders.sh"
# shellcheck source=FanOut/test-file.sh
source "$BENCH_DIR/FanOut/test-file.sh"
# shellcheck source=FanOut/results-table.sh
source "$BENCH_DIR/FanOut/results-table.sh"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

WINDOW=20
NS="10 50 200"
TOOLS="actorstream ffmpeg gstreamer"
WARMUP=3
START_TIMEOUT=30        # seconds a sender gets to reach every port before it is judged
SIZE_SAMPLE_MS=500
ACTORSTREAM_EXE=""
ACTORSTREAM_ARGS=""
BUILD_ACTORSTREAM=0

while (($#)); do
  case "$1" in
    --seconds) WINDOW=${2:?}; shift 2 ;;
    --n) NS=${2:?}; shift 2 ;;
    --tools) TOOLS=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --actorstream) ACTORSTREAM_EXE=${2:?}; shift 2 ;;
    --actorstream-args) ACTORSTREAM_ARGS=${2?}; shift 2 ;;
    --build-actorstream) BUILD_ACTORSTREAM=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$WINDOW" =~ ^[0-9]+$ && WINDOW -ge 1 && "$WARMUP" =~ ^[0-9]+$ ]] || { echo "--seconds and --warmup take whole seconds" >&2; exit 2; }
for n in $NS; do [[ "$n" =~ ^[0-9]+$ && n -ge 1 && n -le 4096 ]] || { echo "bad N: $n" >&2; exit 2; }; done

trap 'fanout_stop_all' EXIT
trap 'exit 130' INT TERM

for t in ffmpeg ffprobe dotnet awk pgrep; do
  command -v "$t" >/dev/null || { echo "$t is required and not found" >&2; exit 1; }
done

CACHE_DIR="$BENCH_DIR/.cache"
bench_start_run fanout # STAMP, LOG_DIR, RESULTS_FINAL, RESULTS (.partial until the run completes)

echo "building the sink..." >&2
fanout_build_sink || { echo "the sink did not build" >&2; exit 1; }

if [[ " $TOOLS " == *" actorstream "* ]]; then
  if ((BUILD_ACTORSTREAM)); then
    echo "building actorstream (Release)..." >&2
    bench_dotnet_build "$REPO_DIR/src/Nodes" "$LOG_DIR/actorstream-build.log" \
      || echo "actorstream did not build: see $LOG_DIR/actorstream-build.log" >&2
  fi
  if [[ -z "$ACTORSTREAM_EXE" ]]; then
    for c in "$REPO_DIR/src/Nodes/bin/Release/net10.0/actorstream" "$REPO_DIR/src/Nodes/bin/Debug/net10.0/actorstream"; do
      [[ -x "$c" ]] && { ACTORSTREAM_EXE=$c; break; }
    done
  fi
fi

FILE=$(fanout_test_file "$CACHE_DIR" $((WARMUP + WINDOW + START_TIMEOUT + 10))) || { echo "could not make the test file" >&2; exit 1; }
FILE_SIZE=$(stat -c %s "$FILE")
FILE_DURATION=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$FILE")
FILE_MBPS=$(awk -v s="$FILE_SIZE" -v d="$FILE_DURATION" 'BEGIN { printf "%.3f", s * 8 / d / 1e6 }')
EXPECTED_PER_PORT=$(awk -v s="$FILE_SIZE" -v d="$FILE_DURATION" -v w="$WINDOW" 'BEGIN { printf "%.0f", s / d * w / 1316 }')

now() { echo "$EPOCHREALTIME"; }

# Runs one sender against a fresh sink and prints its table row.
run_case() {
  local n=$1 tool=$2 log="$LOG_DIR/$tool-$n.log" ports_log="$LOG_DIR/$tool-$n.ports" pid rc reached=0 deadline
  if ! fanout_sink_start "$n"; then
    fanout_sink_stop
    fanout_row_none "$n" "$tool" "NOT MEASURED: the sink did not start"
    return
  fi
  if ! fanout_sender_command "$tool" "$FILE" "$SINK_PORTS" "$SINK_TCPPORT"; then
    fanout_sink_stop
    fanout_row_none "$n" "$tool" "NOT MEASURED: $FANOUT_UNAVAILABLE"
    return
  fi
  printf '%q ' "${FANOUT_CMD[@]}" >"$log"; echo >>"$log"
  "${FANOUT_CMD[@]}" </dev/null >>"$log" 2>&1 &
  pid=$!
  fanout_track "$pid"

  # Start-up: wait until every port receives (bounded), then the warm-up, which is not measured.
  fanout_sink_mark
  deadline=$(( ${EPOCHSECONDS} + START_TIMEOUT ))
  while (( EPOCHSECONDS < deadline )) && kill -0 "$pid" 2>/dev/null; do
    sleep 0.5
    fanout_sink_report "" || break
    reached=$(fanout_kv "$SINK_REPORT" reached)
    (( reached >= n )) && break
  done
  if (( ${reached:-0} > 0 )) && kill -0 "$pid" 2>/dev/null; then sleep "$WARMUP"; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null; rc=$?
    fanout_sink_stop
    fanout_row_none "$n" "$tool" "NOT MEASURED: $tool exited (code $rc) before the window; log: ${log#"$REPO_DIR"/}"
    return
  fi
  if (( ${reached:-0} == 0 )); then
    fanout_stop_tree "$pid"
    fanout_sink_stop
    fanout_row_none "$n" "$tool" "NOT MEASURED: nothing delivered in ${START_TIMEOUT} s; log: ${log#"$REPO_DIR"/}"
    return
  fi

  # The measured window.
  local c0 c1 m0 m1 t0 t1 i died="" win
  fanout_sink_mark
  m0=$(fanout_machine_snapshot); c0=$(fanout_cpu_snapshot "$pid"); t0=$(now)
  for ((i = 0; i < WINDOW; i++)); do
    sleep 1
    kill -0 "$pid" 2>/dev/null || { died="EXITED DURING THE WINDOW"; break; }
  done
  c1=$(fanout_cpu_snapshot "$pid"); t1=$(now); m1=$(fanout_machine_snapshot)
  fanout_sink_report "$ports_log" || SINK_REPORT=""
  SINK_SIZES=""
  [[ -z "$died" ]] && fanout_sink_sizes "$SIZE_SAMPLE_MS"
  fanout_stop_tree "$pid"
  fanout_sink_stop
  win=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  {
    echo "window ${win}s cpu0=[$c0] cpu1=[$c1] machine0=[$m0] machine1=[$m1]"
    echo "$SINK_REPORT"
    echo "$SINK_SIZES"
  } >>"$ports_log"
  if [[ -z "$SINK_REPORT" ]]; then
    fanout_row_none "$n" "$tool" "NOT MEASURED: the sink gave no report"
    return
  fi
  fanout_row "$n" "$tool" "$win" "$c0" "$c1" "$m0" "$m1" "$SINK_REPORT" "$SINK_SIZES" "$FILE_MBPS" "$died"
}

{
  echo "# Fan-out benchmark, $STAMP"
  echo
  echo "One 720p30 H.264 MPEG-TS stream to N UDP destinations on 127.0.0.1; CPU per destination per stream-second."
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), Linux $(uname -r)"
  echo "- ffmpeg: $(ffmpeg -version | head -1 | cut -d' ' -f3); GStreamer: $(gst-launch-1.0 --version 2>/dev/null | sed -n 2p | cut -d' ' -f2 || echo none)"
  echo "- actorstream: $(if [[ -n "$ACTORSTREAM_EXE" ]]; then echo "${ACTORSTREAM_EXE#"$REPO_DIR"/}"; else echo "not found"; fi)"
  echo "- file: ${FILE#"$REPO_DIR"/}, $FILE_DURATION s, $FILE_MBPS Mbit/s (≈ $EXPECTED_PER_PORT datagrams of 1316 bytes per port per window)"
  echo "- window: $WINDOW s measured after the sender reached every port and a $WARMUP s warm-up; clock tick $FANOUT_HZ Hz"
  echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "$FANOUT_TABLE_HEADER"
} | tee "$RESULTS"

for n in $NS; do
  for tool in $TOOLS; do
    echo "running $tool to $n destinations..." >&2
    # Not in a pipeline: run_case must run in this shell, so that the processes it starts are the
    # ones the EXIT trap stops.
    run_case "$n" "$tool" >"$LOG_DIR/row"
    tee -a "$RESULTS" <"$LOG_DIR/row"
  done
done

cat <<EOF | tee -a "$RESULTS"

- load average after: $(cut -d' ' -f1-3 /proc/loadavg)
- CPU = utime+stime from /proc/PID/stat over the window, divided by N and by the window's seconds (the
  senders pace in real time, so a wall second is a stream second; the Mbit/s column checks it). "process" is
  the sender alone (all threads); "tree" adds its child processes (actorstream's ffmpeg reader).
- Delivery is counted by the kernel: the sink never reads during the window; each port's datagrams are its
  /proc/net/udp drops plus what was still queued. Datagram sizes and Mbit/s come from reading every datagram
  for ${SIZE_SAMPLE_MS} ms after the window. Because the sink never reads, the kernel drops at the full
  receive queue and never wakes a reader: the sender pays the whole send path but no wake-ups, the same for
  every tool, so a reading receiver would cost each sender somewhat more.
- "other load" is the rest of the machine's CPU during the window (a busy box skews every figure); "softirq"
  is the machine's softirq time, where part of the loopback receive path may be charged instead of the sender.
- Target for ActorStream: 0.5 ms/dest/stream-s or less. Logs: ${LOG_DIR#"$REPO_DIR"/}
EOF
mv "$RESULTS" "$RESULTS_FINAL"
echo "results: ${RESULTS_FINAL#"$REPO_DIR"/}" >&2
