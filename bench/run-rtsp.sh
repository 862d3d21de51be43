#!/usr/bin/env bash
# RTSP benchmark (issue 11), on real processes on 127.0.0.1, in one run (a benchmark, not a test):
#   1. server CPU per RTSP reader per stream-second with N readers (default 10, 50, 200) over UDP and over TCP, for
#      ActorStream's seed and, side by side in the same run, gst-rtsp-server (scripts/gst-rtsp-server.py, a shared
#      media) serving the SAME stream: the seed's station (640x360 25 fps 1500 kbit/s H.264, keyframe 1 s, no audio)
#      is also sent as MPEG-TS to udp://127.0.0.1:P, which gst-rtsp-server's pipeline reads
#      ("udpsrc ! tsdemux ! h264parse ! rtph264pay"), so both packetize the same access units.
#      Readers: bench/Rtsp/rtsp_readers.py, N real RTSP sessions in ONE python3 process (DESCRIBE, SETUP, PLAY, then
#      every RTP packet read, not decoded; GET_PARAMETER keep-alives), under nice: N ffmpeg processes would starve a
#      2-core box. Each server also keeps one "keeper" session open all run (gst-rtsp-server drops a shared media
#      with its last client, and its udpsrc with it), so a row serves N + 1 sessions; the N = 0 row is the keeper
#      alone. Only the server process is measured (utime + stime from /proc/PID/stat over the window): the seed's
#      .NET process (its ffmpeg encoder is a child, not counted) and gst-rtsp-server's python3 process (GStreamer's
#      threads); the readers' CPU is theirs.
#   2. time from PLAY to the first complete keyframe, p50 and p95 over TRIES tries per server, as
#      `actorstream play URL --out null` prints it ("first frame after N ms"), over UDP.
# Before measuring it waits (bounded) until no `dotnet test` and no other actorstream process runs.
# Usage: bench/run-rtsp.sh [--window 15] [--warmup 3] [--n "10 50 200"] [--transports "udp tcp"]
#                          [--servers "actorstream gstreamer"] [--tries 20] [--parts "1 2"] [--max-wait 600]
#                          [--no-wait] [--no-build] [--reader-nice 10]
set -uo pipefail
GIVEN_ARGS=$( (($#)) && printf '%q ' "$@") # for the results' Command line (re-runnable as written): the option loop below consumes "$@"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

WINDOW=15 WARMUP=3 NS="10 50 200" TRANSPORTS="udp tcp" SERVERS="actorstream gstreamer" TRIES=20 PARTS="1 2"
MAX_WAIT=600 WAIT_IDLE=1 BUILD=1 READER_NICE=10
SIZE=640x360 FPS=25 KBPS=1500
PY=/usr/bin/python3 # Debian's: python3-gi (gst-rtsp-server) is not in pyenv's

while (($#)); do
  case "$1" in
    --window) WINDOW=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --n) NS=${2:?}; shift 2 ;;
    --transports) TRANSPORTS=${2:?}; shift 2 ;;
    --servers) SERVERS=${2:?}; shift 2 ;;
    --tries) TRIES=${2:?}; shift 2 ;;
    --parts) PARTS=${2:?}; shift 2 ;;
    --reader-nice) READER_NICE=${2:?}; shift 2 ;;
    *) bench_common_option "$@"; shift "$BENCH_SHIFT" ;; # --max-wait, --no-wait, --no-build, --help
  esac
done
for v in "$WINDOW" "$WARMUP" "$TRIES" "$MAX_WAIT" "$READER_NICE"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "--window, --warmup, --tries, --max-wait and --reader-nice take whole numbers" >&2; exit 2; }
done
((WINDOW >= 1 && TRIES >= 1)) || { echo "--window and --tries must be at least 1" >&2; exit 2; }
for n in $NS; do [[ "$n" =~ ^[0-9]+$ && n -le 1000 ]] || { echo "bad N: $n (0-1000)" >&2; exit 2; }; done
for t in $TRANSPORTS; do [[ "$t" == udp || "$t" == tcp ]] || { echo "bad transport: $t (udp or tcp)" >&2; exit 2; }; done
for s in $SERVERS; do [[ "$s" == actorstream || "$s" == gstreamer ]] || { echo "bad server: $s (actorstream or gstreamer)" >&2; exit 2; }; done
for t in ffmpeg dotnet awk pgrep "$PY"; do
  command -v "$t" >/dev/null || { echo "$t is required and not found" >&2; exit 1; }
done
"$PY" -c 'import gi; gi.require_version("GstRtspServer", "1.0")' 2>/dev/null \
  || { echo "gst-rtsp-server for python is required: apt-get install -y gir1.2-gst-rtsp-server-1.0 python3-gi" >&2; exit 1; }

trap 'fanout_stop_all' EXIT
trap 'exit 130' INT TERM

cd "$REPO_DIR" || exit 1
bench_start_run rtsp # STAMP, LOG_DIR, RESULTS_FINAL, RESULTS (.partial until the run completes)
COMMAND="bench/run-rtsp.sh $GIVEN_ARGS"

bench_build_actorstream # sets EXE

bench_wait_until_idle # sets waited
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------------------
# The two servers, serving the same stream.
CLUSTER_PORT=$(free_port)
RTSP_PORT=$(free_port)
GST_PORT=$(free_port)
TS_PORT=$(free_port udp)
# Sessions of killed readers are torn down by the readers; the shorter timeout is a backstop only.
ACTORSTREAM_RTSP__SESSION_TIMEOUT=20s "$EXE" seed --host 127.0.0.1 --port "$CLUSTER_PORT" --http off --rtsp "$RTSP_PORT" \
  --source testsrc --size "$SIZE" --fps "$FPS" --bitrate "$KBPS" --audio none --unicast \
  --dest "udp://127.0.0.1:$TS_PORT" --duration 0 >"$LOG_DIR/seed.out" 2>"$LOG_DIR/seed.err" &
SEED_PID=$!
fanout_track "$SEED_PID"
"$PY" "$REPO_DIR/scripts/gst-rtsp-server.py" "$GST_PORT" /main \
  "( udpsrc port=$TS_PORT buffer-size=4194304 caps=\"video/mpegts,systemstream=(boolean)true,packetsize=(int)188\" ! tsdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )" \
  >"$LOG_DIR/gst-rtsp-server.out" 2>"$LOG_DIR/gst-rtsp-server.err" &
GST_PID=$!
fanout_track "$GST_PID"
declare -A URL=([actorstream]="rtsp://127.0.0.1:$RTSP_PORT/main" [gstreamer]="rtsp://127.0.0.1:$GST_PORT/main")
declare -A PID=([actorstream]=$SEED_PID [gstreamer]=$GST_PID)

for ((i = 0; i < 120; i++)); do
  grep -q 'main: frames [1-9]' "$LOG_DIR/seed.out" 2>/dev/null && grep -q ready "$LOG_DIR/gst-rtsp-server.out" 2>/dev/null && break
  sleep 0.5
done
grep -q 'main: frames [1-9]' "$LOG_DIR/seed.out" || { echo "the seed did not encode: see $LOG_DIR/seed.err" >&2; exit 1; }
grep -q ready "$LOG_DIR/gst-rtsp-server.out" || { echo "gst-rtsp-server did not start: see $LOG_DIR/gst-rtsp-server.err" >&2; exit 1; }

# Starts N readers of one server over one transport, sets READERS_PID, and returns once every session plays (or
# the readers failed). Not run in $(...): the PID must be tracked by this shell, so that the EXIT trap stops it.
READERS_PID=""
start_readers() { # server transport n logfile
  nice -n "$READER_NICE" "$PY" "$BENCH_DIR/Rtsp/rtsp_readers.py" "$3" "${URL[$1]}" "$2" 5 >"$4" 2>"$4.err" &
  READERS_PID=$!
  fanout_track "$READERS_PID"
  local i
  for ((i = 0; i < 240; i++)); do
    grep -qs '^ready' "$4" && break
    kill -0 "$READERS_PID" 2>/dev/null || break
    sleep 0.5
  done
}
stop_readers() { kill -TERM "$1" 2>/dev/null; for ((i = 0; i < 50; i++)); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done; fanout_stop_tree "$1"; }

declare -A KEEPER BASE
for s in $SERVERS; do
  start_readers "$s" tcp 1 "$LOG_DIR/keeper-$s.log"
  KEEPER[$s]=$READERS_PID
  grep -q '^ready' "$LOG_DIR/keeper-$s.log" || { echo "$s: the keeper session did not play: $(tail -3 "$LOG_DIR/keeper-$s.log.err")" >&2; exit 1; }
done
sleep 2

HZ=$(getconf CLK_TCK)
ROWS=()
if [[ " $PARTS " == *" 1 "* ]]; then
  for transport in $TRANSPORTS; do
    for n in 0 $NS; do
      for s in $SERVERS; do
        log="$LOG_DIR/readers-$s-$transport-$n.log"
        rpid=""
        if ((n > 0)); then
          echo "$s: $n readers over $transport..." >&2
          start_readers "$s" "$transport" "$n" "$log"
          rpid=$READERS_PID
          if ! grep -q '^ready' "$log"; then
            ROWS+=("| $s | $transport | $n | — | — | — | — | — | — | not all sessions played: $(tail -1 "$log.err" | tr '|' '/') |")
            echo "${ROWS[-1]}" >&2
            stop_readers "$rpid"; continue
          fi
        fi
        sleep "$WARMUP"
        t0=$(ticks "${PID[$s]}"); w0=$(date +%s.%N); l0=$(tail -1 "$log" 2>/dev/null)
        sleep "$WINDOW"
        t1=$(ticks "${PID[$s]}"); w1=$(date +%s.%N); l1=$(tail -1 "$log" 2>/dev/null)
        rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/${PID[$s]}/status")
        busy=$(fanout_machine_snapshot | cut -d' ' -f1)
        ((n == 0)) && BASE[$s$transport]=$(awk -v t0="$t0" -v t1="$t1" -v w0="$w0" -v w1="$w1" -v hz="$HZ" 'BEGIN { print 100 * (t1 - t0) / hz / (w1 - w0) }')
        early=$(awk '/^ready/ { print $4 }' "$log" 2>/dev/null)
        row=$(awk -v t0="$t0" -v t1="$t1" -v w0="$w0" -v w1="$w1" -v hz="$HZ" -v n="$n" -v l0="$l0" -v l1="$l1" -v rss="$rss" \
          -v s="$s" -v tr="$transport" -v base="${BASE[$s$transport]:-}" -v early="${early:-0}" 'BEGIN {
            secs = w1 - w0; cpu = (t1 - t0) / hz; sessions = n + 1
            split(l0, a, " "); split(l1, b, " ")
            pps = (n > 0 && b[1] > a[1]) ? (b[2] - a[2]) / (b[1] - a[1]) : 0
            mbps = (n > 0 && b[1] > a[1]) ? (b[3] - a[3]) * 8 / (b[1] - a[1]) / 1e6 : 0
            active = (n > 0) ? b[4] "/" n : "—"; closed = (n > 0) ? b[5] + 0 : 0
            marginal = (n > 0 && base != "") ? sprintf("%.3f", 10 * (100 * cpu / secs - base) / n) : "—"
            printf "| %s | %s | %d | %.1f | %.3f | %s | %.0f | %.2f | %s | %d closed by the server; %d RTP frames before the PLAY answer; RSS %s MiB |",
              s, tr, n, 100 * cpu / secs, 1000 * cpu / (sessions * secs), marginal, pps, mbps, active, closed, early, rss }')
        ROWS+=("$row")
        echo "$row" >&2
        [[ -n "$rpid" ]] && stop_readers "$rpid"
        sleep 2
      done
    done
  done
fi

# ---------------------------------------------------------------------------------------------------------------
# 2. Time from PLAY to the first complete keyframe.
declare -A TTFF_P50 TTFF_P95 TTFF_MIN TTFF_MAX TTFF_N
if [[ " $PARTS " == *" 2 "* ]]; then
  for s in $SERVERS; do
    : >"$LOG_DIR/ttff-$s.txt"
    for ((k = 0; k < TRIES; k++)); do
      timeout 30 "$EXE" play "${URL[$s]}" --transport udp --out null --duration 2.5 >"$LOG_DIR/play-$s-$k.out" 2>"$LOG_DIR/play-$s-$k.err" </dev/null
      grep -o 'first frame after [0-9]* ms' "$LOG_DIR/play-$s-$k.out" | head -1 | awk '{ print $4 }' >>"$LOG_DIR/ttff-$s.txt"
      # Start the next try at another point of the 1 s GOP.
      sleep "0.$((RANDOM % 10))"
    done
    read -r TTFF_N[$s] TTFF_P50[$s] TTFF_P95[$s] TTFF_MIN[$s] TTFF_MAX[$s] < <(sort -n "$LOG_DIR/ttff-$s.txt" | awk '
      { v[NR] = $1 } END {
        if (NR == 0) { print "0 — — — —"; exit }
        p50 = v[int(0.5 * NR + 0.999999)]; p95 = v[int(0.95 * NR + 0.999999)]
        print NR, p50, p95, v[1], v[NR] }')
    echo "$s: first frame p50 ${TTFF_P50[$s]} ms, p95 ${TTFF_P95[$s]} ms over ${TTFF_N[$s]} tries" >&2
  done
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------------------
{
  echo "# RTSP benchmark, $STAMP"
  echo
  echo "Command: \`$COMMAND\` (from the repository root; logs in \`bench/.cache/logs/rtsp-$STAMP\`, git-ignored)"
  echo
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r); ffmpeg $(ffmpeg -version | awk 'NR == 1 { print $3 }'); GStreamer $(gst-launch-1.0 --version | awk 'NR == 2 { print $2 }'); actorstream at $(git rev-parse --short HEAD)"
  echo "- load average at start: $LOAD_START (after waiting $waited s for other dotnet test/build and actorstream processes to end); at the end: $LOAD_END"
  echo "- stream: the seed's station main, testsrc $SIZE $FPS fps $KBPS kbit/s H.264 (libx264), keyframe interval 1 s, no audio; gst-rtsp-server reads the same MPEG-TS from udp://127.0.0.1:$TS_PORT (seed --dest) and packetizes it itself"
  echo
  if [[ " $PARTS " == *" 1 "* ]]; then
    echo "## 1. Server CPU per RTSP reader"
    echo
    echo "Each row: N readers (+1 keeper session) playing for a ${WINDOW} s window after a ${WARMUP} s warm-up. CPU of the server process alone, in % of one core; per reader: CPU ms per session per stream-second (CPU over the window ÷ (N + 1) ÷ window). Packets/s and Mbit/s as the readers received them (RTP, all sessions); active: sessions that received RTP in the last second of the window."
    echo
    echo "| server | transport | readers N | server CPU % | CPU ms per reader per stream-s | marginal CPU ms per reader per stream-s | RTP packets/s received | Mbit/s received | active | notes |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "- marginal: (server CPU at N − at 0) ÷ N, in CPU ms per stream-second: the cost of one more reader without the server's fixed cost (for the seed: its whole station, fan-out and cluster besides RTSP; for gst-rtsp-server: demuxing and packetizing once), which the per-reader column spreads over the readers."
  fi
  if [[ " $PARTS " == *" 2 "* ]]; then
    echo
    echo "## 2. Time from PLAY to the first frame"
    echo
    echo "\`actorstream play URL --transport udp --out null --duration 2.5\`, $TRIES tries per server, a random 0-0.9 s apart (so PLAY falls anywhere in the 1 s GOP): its \"first frame after N ms\", from PLAY sent to the first complete keyframe received. Percentiles by nearest rank."
    echo
    echo "| server | tries measured | p50 ms | p95 ms | min ms | max ms |"
    echo "|---|---:|---:|---:|---:|---:|"
    for s in $SERVERS; do
      echo "| $s | ${TTFF_N[$s]}/$TRIES | ${TTFF_P50[$s]} | ${TTFF_P95[$s]} | ${TTFF_MIN[$s]} | ${TTFF_MAX[$s]} |"
    done
  fi
} >"$RESULTS"
mv "$RESULTS" "$RESULTS_FINAL"
echo "results: $RESULTS_FINAL" >&2
cat "$RESULTS_FINAL"
