#!/usr/bin/env bash
# Web console benchmark (issue 13), on real processes on 127.0.0.1, in one run (a benchmark, not a test):
#   1. browser latency: N headless pages (Debian's chromium, driven by bench/Console/console_pages.cjs under the
#      node and playwright-core that Microsoft.Playwright ships in the EndToEnd tests' build; nothing is downloaded)
#      watch station main of one seed (testsrc 640x360 30 fps 1500 kbit/s H.264 + AAC, keyframe 1 s) on its console
#      for a window: p50/p95 of the capture-to-display samples the pages send the seed (read off their live sockets),
#      with the seed's own p50/p95 for them (/api/metrics, viewers browser-*) and the figure the pages show;
#   2. the seed's CPU (its .NET process: utime + stime of /proc/PID/stat over the window; the ffmpeg encoder is a
#      child, not counted) with 0 pages and with N = 1, 5, 10 pages, and the marginal CPU per page;
#   3. anchors: what a user would otherwise run, measured in the same run where it can be: `actorstream play` reading
#      the same station over RTSP (capture-to-arrival, no decode or display: a floor for any player); and the
#      published figures of go2rtc (MSE), MediaMTX (WebRTC) and Owncast (HLS), marked as not measured here.
# Before measuring it waits (bounded) until no `dotnet test` and no other actorstream process runs.
# Usage: bench/run-console.sh [--seconds 60] [--warmup 10] [--pages "1 5 10"] [--anchor-seconds 30] [--max-wait 600]
#                             [--no-wait] [--no-build]
set -uo pipefail
GIVEN_ARGS=$( (($#)) && printf '%q ' "$@") # for the results' Command line (re-runnable as written): the option loop below consumes "$@"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

SECONDS_WINDOW=60 WARMUP=10 PAGES="1 5 10" ANCHOR_SECONDS=30 MAX_WAIT=600 WAIT_IDLE=1 BUILD=1
SIZE=640x360 FPS=30 KBPS=1500
CHROMIUM=${ACTORSTREAM_CHROMIUM:-/usr/lib/chromium/chromium}

while (($#)); do
  case "$1" in
    --seconds) SECONDS_WINDOW=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --pages) PAGES=${2:?}; shift 2 ;;
    --anchor-seconds) ANCHOR_SECONDS=${2:?}; shift 2 ;;
    *) bench_common_option "$@"; shift "$BENCH_SHIFT" ;; # --max-wait, --no-wait, --no-build, --help
  esac
done
for v in "$SECONDS_WINDOW" "$WARMUP" "$ANCHOR_SECONDS" "$MAX_WAIT"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "--seconds, --warmup, --anchor-seconds and --max-wait take whole numbers" >&2; exit 2; }
done
((SECONDS_WINDOW >= 1)) || { echo "--seconds must be at least 1" >&2; exit 2; }
for n in $PAGES; do [[ "$n" =~ ^[0-9]+$ && n -ge 1 && n -le 50 ]] || { echo "bad page count: $n (1-50)" >&2; exit 2; }; done
for t in ffmpeg dotnet awk pgrep python3; do
  command -v "$t" >/dev/null || { echo "$t is required and not found" >&2; exit 1; }
done
[[ -x "$CHROMIUM" ]] || { echo "Debian's chromium is required: apt-get install -y chromium (or set ACTORSTREAM_CHROMIUM)" >&2; exit 1; }

trap 'fanout_stop_all' EXIT
trap 'exit 130' INT TERM

cd "$REPO_DIR" || exit 1
bench_start_run console # STAMP, LOG_DIR, RESULTS_FINAL, RESULTS (.partial until the run completes)
COMMAND="bench/run-console.sh $GIVEN_ARGS"

# The EndToEnd tests' build holds actorstream (and the console's bundle) and Playwright's driver: node and playwright-core.
if ((BUILD)); then
  echo "building actorstream and the EndToEnd tests (Release)..." >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 bench_dotnet_build "$REPO_DIR/tests/EndToEnd.Tests" "$LOG_DIR/build.log" \
    || { echo "the build failed: see $LOG_DIR/build.log" >&2; exit 1; }
fi
bench_actorstream_exe # sets EXE
PW_DIR="$REPO_DIR/tests/EndToEnd.Tests/bin/Release/net10.0/.playwright"
NODE="$PW_DIR/node/linux-x64/node"
[[ -x "$NODE" && -f "$PW_DIR/package/index.js" ]] || { echo "Playwright's driver not found in $PW_DIR: build tests/EndToEnd.Tests" >&2; exit 1; }
export PLAYWRIGHT_CORE="$PW_DIR/package"

HZ=$(getconf CLK_TCK)

bench_wait_until_idle # sets waited
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------------------
# The seed: one station, unicast (no multicast group on loopback), its console on a free HTTP port.
CLUSTER_PORT=$(free_port) HTTP_PORT=$(free_port) RTSP_PORT=$(free_port)
"$EXE" seed --host 127.0.0.1 --port "$CLUSTER_PORT" --http "$HTTP_PORT" --rtsp "$RTSP_PORT" --source testsrc --size "$SIZE" \
  --fps "$FPS" --bitrate "$KBPS" --audio sine --unicast --duration 0 >"$LOG_DIR/seed.out" 2>"$LOG_DIR/seed.err" &
SEED_PID=$!
fanout_track "$SEED_PID"
URL="http://127.0.0.1:$HTTP_PORT/"
for ((i = 0; i < 120; i++)); do
  grep -q 'main: frames [1-9]' "$LOG_DIR/seed.out" 2>/dev/null && break
  kill -0 "$SEED_PID" 2>/dev/null || break
  sleep 0.5
done
grep -q 'main: frames [1-9]' "$LOG_DIR/seed.out" || { echo "the seed did not encode: see $LOG_DIR/seed.err" >&2; exit 1; }
python3 - "$URL" <<'PY' || { echo "the seed's console does not answer at $URL: see $LOG_DIR/seed.err" >&2; exit 1; }
import sys, time, urllib.request
for _ in range(60):
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
            if r.status == 200 and r.headers.get_content_type() == "text/html":
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(1)
PY
sleep "$WARMUP"

# 0 pages: the seed's CPU on its own.
echo "seed alone for ${SECONDS_WINDOW} s..." >&2
t0=$(ticks "$SEED_PID"); w0=$(date +%s.%N)
sleep "$SECONDS_WINDOW"
t1=$(ticks "$SEED_PID"); w1=$(date +%s.%N)
BASE=$(awk -v t0="$t0" -v t1="$t1" -v w0="$w0" -v w1="$w1" -v hz="$HZ" 'BEGIN { printf "%.2f", 100 * (t1 - t0) / hz / (w1 - w0) }')
echo "seed alone: $BASE % of a core" >&2

# N pages.
ROWS=() DETAILS=()
for n in $PAGES; do
  echo "$n page(s): ${WARMUP} s warm-up, ${SECONDS_WINDOW} s window..." >&2
  json="$LOG_DIR/pages-$n.json"
  nice -n 0 "$NODE" "$BENCH_DIR/Console/console_pages.cjs" --url "$URL" --pages "$n" --seconds "$SECONDS_WINDOW" --warmup "$WARMUP" \
    --station main --chromium "$CHROMIUM" --seed-pid "$SEED_PID" >"$json" 2>"$LOG_DIR/pages-$n.err" &
  node_pid=$!
  fanout_track "$node_pid"
  wait "$node_pid"; code=$?
  if ((code != 0)) || [[ ! -s "$json" ]]; then
    ROWS+=("| $n | — | — | — | — | — | — | — | — | — | failed: $(tail -1 "$LOG_DIR/pages-$n.err" | tr '|' '/') |")
    echo "${ROWS[-1]}" >&2
    continue
  fi
  IFS=$'\t' read -r row detail < <(python3 - "$json" "$BASE" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); base = float(sys.argv[2]); n = r["pages"]; secs = r["seconds"]
f = lambda v, d=0: "—" if v is None else f"{v:.{d}f}"
seed_pct = None if r["seedCpuSeconds"] is None else 100 * r["seedCpuSeconds"] / secs
marginal = None if seed_pct is None else 10 * (seed_pct - base) / n  # CPU ms per page per stream-second
sv = [v for v in r["seedViewers"] if not v.get("stale")]
seed_p50 = "/".join(f(v["p50"]) for v in sv) if sv else "—"
seed_p95 = "/".join(f(v["p95"]) for v in sv) if sv else "—"
row = (f"| {n} | {f(r['p50'])} | {f(r['p95'])} | {r['samples']} | {f(r['shownP50'])} | {seed_p50} | {seed_p95} | "
       f"{f(seed_pct, 1)} | {f(marginal, 2)} | {f(100 * r['chromiumCpuSeconds'] / secs, 0)} | "
       f"{f(r['fpsMean'], 1)} fps a page, {r['dropped']} dropped, {r['waiting']} stalls ('waiting') |")
pages = "; ".join(f"page {p['index'] + 1}: {p['samples']} samples p50 {f(p['p50'])} p95 {f(p['p95'])} ms, {p['fps']:.1f} fps, {p['size']}" for p in r["perPage"])
print(row.replace("\n", " ") + "\t" + f"- {n} page(s): {pages}".replace("\n", " "))
PY
  ) 2>/dev/null
  ROWS+=("$row"); DETAILS+=("$detail")
  echo "$row" >&2
  sleep 3
done

# Anchor measured here: `actorstream play` over RTSP (UDP), capture-to-arrival per second as its status lines print it.
ANCHOR="not run"
if ((ANCHOR_SECONDS > 0)); then
  echo "anchor: actorstream play over RTSP for ${ANCHOR_SECONDS} s..." >&2
  timeout $((ANCHOR_SECONDS + 30)) "$EXE" play "rtsp://127.0.0.1:$RTSP_PORT/main" --transport udp --out null --duration "$ANCHOR_SECONDS" \
    >"$LOG_DIR/play.out" 2>"$LOG_DIR/play.err" </dev/null
  ANCHOR=$(grep -o 'latency [0-9.]* ms' "$LOG_DIR/play.out" | grep -v summary | awk '{ print $2 }' | sort -n | awk '
    { v[NR] = $1 } END {
      if (NR == 0) { print "no latency figures (see the log)"; exit }
      printf "p50 %s ms, p95 %s ms over %d per-second figures", v[int(0.5 * NR + 0.999999)], v[int(0.95 * NR + 0.999999)], NR }')
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------------------
{
  echo "# Web console benchmark, $STAMP"
  echo
  echo "Command: \`$COMMAND\` (from the repository root; logs in \`bench/.cache/logs/console-$STAMP\`, git-ignored)"
  echo
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r); ffmpeg $(ffmpeg -version | awk 'NR == 1 { print $3 }'); $("$CHROMIUM" --version 2>/dev/null | head -1) headless; actorstream at $(git rev-parse --short HEAD)"
  echo "- load average at start: $LOAD_START (after waiting $waited s for other dotnet test/build and actorstream processes to end); at the end: $LOAD_END"
  echo "- stream: the seed's station main, testsrc $SIZE $FPS fps $KBPS kbit/s H.264 (libx264) + AAC sine, keyframe interval 1 s; pages play it from /ws/stream/main with mpegts.js (MSE)"
  echo "- each page is a browser context of its own in ONE headless chromium on the same 2-core machine as the seed and its encoder: chromium's decoding competes with the seed for the cores, as it would not on a separate viewing machine"
  echo
  echo "## 1. Browser latency and seed CPU per page"
  echo
  echo "Each row: N pages playing for a ${SECONDS_WINDOW} s window after a ${WARMUP} s warm-up. Latency: capture (the seed's stream clock) to the frame shown (requestVideoFrameCallback), on the page's clock corrected by its measured offset; p50/p95 by nearest rank over every sample the pages sent in the window; \"shown\": median of the figure on the page (data-latency-ms, read every 0.5 s); \"seed's\": each browser viewer's p50/p95 as /api/metrics reports it at the end of the window (its latency window), joined by '/'. Seed CPU: the seed's .NET process in % of one core (${BASE} % with no page); marginal: (seed CPU − with no page) ÷ N in CPU ms per page per stream-second. Chromium CPU: every chromium process, % of one core."
  echo
  echo "| pages N | latency p50 ms | latency p95 ms | samples | shown p50 ms | seed's p50 ms | seed's p95 ms | seed CPU % | marginal CPU ms per page per stream-s | chromium CPU % | playback |"
  echo "|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  printf '%s\n' "${DETAILS[@]}"
  echo
  echo "## 2. Anchors"
  echo
  echo "| what | latency | how |"
  echo "|---|---|---|"
  echo "| \`actorstream play rtsp://…/main --transport udp --out null\` (measured here, same seed, no page open) | $ANCHOR | capture to arrival of each frame (no decoding, no display): the floor any player of the same stream starts from |"
  echo "| go2rtc, MSE in a browser | under 1 s | published figure, **not measured here** |"
  echo "| MediaMTX, WebRTC in a browser | 100-200 ms | published figure, **not measured here** |"
  echo "| Owncast, HLS in a browser | several seconds | published figure, **not measured here** |"
  echo
  echo "Target (issue 13): browser p50 under 500 ms in Chromium on loopback."
} >"$RESULTS"
mv "$RESULTS" "$RESULTS_FINAL"
echo "results: $RESULTS_FINAL" >&2
cat "$RESULTS_FINAL"
