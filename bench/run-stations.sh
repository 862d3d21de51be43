#!/usr/bin/env bash
# Stations benchmark (issue 10), on real processes on 127.0.0.1, in one run (a benchmark, not a test):
#   1. a seed with 4 stations (4 test patterns, 640x360 25 fps 1500 kbit/s, no audio) and 20 viewer node processes
#      (5 per station): first multicast (viewers join the stations' groups), then unicast (seed --unicast, viewers
#      --unicast). Per mode over a fixed window once everything is steady: the seed's .NET process CPU, its ffmpeg
#      children (encoders, captures) CPU, datagrams and Mbit/s the seed sent (its metrics' destinations), the viewers'
#      loss (their reports in the seed's metrics), RSS. Beside it the tool a user would otherwise pick: one ffmpeg
#      per pattern (same lavfi pattern, drawtext and libx264 settings) sending with -f tee to 5 unicast ports, then to
#      one multicast group each, received by a python3 sink with the same 20 sockets (reads every datagram, no decoding).
#   2. station switch time: one viewer switching between a 640x360 and a 320x240 station SWITCHES times (keys on its
#      stdin), from the key written to the first decoded frame of the new size (viewer --out udp://127.0.0.1:P, read by
#      ffmpeg -vf showinfo, each line stamped on arrival by python3), per keyframe interval.
# The viewers run under nice (on a LAN they are other machines): 20 .NET processes must not starve the seed of 2 cores.
# Before measuring it waits (bounded) until no `dotnet test` and no other actorstream process runs.
# Usage: bench/run-stations.sh [--window 20] [--warmup 5] [--switches 20] [--keyframes "1s 500ms 2s"]
#                              [--max-wait 600] [--no-wait] [--no-build] [--parts "1 2"]
#                              [--viewer-nice 10]
set -uo pipefail
GIVEN_ARGS=$( (($#)) && printf '%q ' "$@") # for the results' Command line (re-runnable as written): the option loop below consumes "$@"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

WINDOW=20 WARMUP=5 SWITCHES=20 KEYFRAMES="1s 500ms 2s" MAX_WAIT=600 WAIT_IDLE=1 BUILD=1 PARTS="1 2" VIEWER_NICE=10
PATTERNS=(testsrc2 testsrc mandelbrot life)
PER_STATION=5
SIZE=640x360 FPS=25 KBPS=1500 KEYFRAME=1s
SWITCH_BIG=640x360 SWITCH_SMALL=320x240

while (($#)); do
  case "$1" in
    --window) WINDOW=${2:?}; shift 2 ;;
    --warmup) WARMUP=${2:?}; shift 2 ;;
    --switches) SWITCHES=${2:?}; shift 2 ;;
    --keyframes) KEYFRAMES=${2:?}; shift 2 ;;
    --parts) PARTS=${2:?}; shift 2 ;;
    --viewer-nice) VIEWER_NICE=${2:?}; shift 2 ;;
    *) bench_common_option "$@"; shift "$BENCH_SHIFT" ;; # --max-wait, --no-wait, --no-build, --help
  esac
done
for v in "$WINDOW" "$WARMUP" "$SWITCHES" "$MAX_WAIT"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "--window, --warmup, --switches and --max-wait take whole numbers" >&2; exit 2; }
done
((WINDOW >= 1 && SWITCHES >= 1)) || { echo "--window and --switches must be at least 1" >&2; exit 2; }
for k in $KEYFRAMES; do [[ "$k" =~ ^[0-9]+(\.[0-9]+)?(s|ms)$ ]] || { echo "bad keyframe interval: $k (e.g. 1s, 500ms)" >&2; exit 2; }; done
for t in ffmpeg python3 dotnet awk pgrep; do
  command -v "$t" >/dev/null || { echo "$t is required and not found" >&2; exit 1; }
done

trap 'stop_trees "${FANOUT_PIDS[@]}"' EXIT
trap 'exit 130' INT TERM

cd "$REPO_DIR" || exit 1
bench_start_run stations # STAMP, LOG_DIR, RESULTS_FINAL, RESULTS (.partial until the run completes)
COMMAND="bench/run-stations.sh $GIVEN_ARGS"

bench_build_actorstream # sets EXE

# ---------------------------------------------------------------------------------------------------------------
# Small python3 helpers, written into the log directory.

# Stamps each input line with its arrival time (epoch seconds); with --frames only ffmpeg showinfo lines, as
# "TIME WxH n". Flushed per line, so the stamp is the moment the line arrived.
cat >"$LOG_DIR/stamp.py" <<'EOF'
import re, sys, time
frames = "--frames" in sys.argv
pat = re.compile(r"\bn:\s*(\d+)\b.*\bs:(\d+x\d+)")
out = sys.stdout
for line in sys.stdin:
    t = time.time()
    if frames:
        m = pat.search(line)
        if not m:
            continue
        out.write(f"{t:.6f} {m.group(2)} {m.group(1)}\n")
    else:
        out.write(f"{t:.6f} {line}")
    out.flush()
EOF

# UDP sink for the ffmpeg rows: "unicast N" binds N sockets on 127.0.0.1 and prints their ports; "multicast K
# GROUP:PORT..." opens K sockets per group, joined on 127.0.0.1 (IP_MULTICAST_ALL off). Reads every datagram; every
# 0.5 s writes one line to REPORT: time, datagrams and bytes received, and the kernel's drops of its sockets.
cat >"$LOG_DIR/sink.py" <<'EOF'
import os, selectors, socket, sys, time
mode, report = sys.argv[1], sys.argv[2]
socks = []
if mode == "unicast":
    for _ in range(int(sys.argv[3])):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    print(" ".join(str(s.getsockname()[1]) for s in socks), flush=True)
else:
    k = int(sys.argv[3])
    for g in sys.argv[4:]:
        addr, port = g.rsplit(":", 1)
        for _ in range(k):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            s.setsockopt(socket.IPPROTO_IP, 49, 0)  # IP_MULTICAST_ALL off: only the group joined
            s.bind((addr, int(port)))
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(addr) + socket.inet_aton("127.0.0.1"))
            socks.append(s)
    print("ready", flush=True)
inodes = {str(os.fstat(s.fileno()).st_ino) for s in socks}
def drops():
    n = 0
    with open("/proc/net/udp") as f:
        next(f)
        for line in f:
            p = line.split()
            if p[9] in inodes:
                n += int(p[12])
    return n
sel = selectors.DefaultSelector()
for s in socks:
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
counts = [0] * len(socks)
nbytes = 0
index = {s.fileno(): i for i, s in enumerate(socks)}
next_report = time.time()
with open(report, "a") as rep:
    while True:
        for key, _ in sel.select(0.1):
            s = key.fileobj
            try:
                while True:
                    d = s.recv(65536)
                    counts[index[s.fileno()]] += 1
                    nbytes += len(d)
            except BlockingIOError:
                pass
        now = time.time()
        if now >= next_report:
            rep.write(f"{now:.3f} {sum(counts)} {nbytes} {drops()} {min(counts)}\n")
            rep.flush()
            next_report = now + 0.5
EOF

# Two scrapes of the seed's /metrics (Prometheus text, "# at EPOCH" first) → figures over the time between them.
cat >"$LOG_DIR/metrics_delta.py" <<'EOF'
import re, sys
line = re.compile(r'^(\w+)\{(.*)\} (\S+)$')
label = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')
def load(p):
    at, series = None, {}
    for l in open(p):
        if l.startswith("# at "):
            at = float(l.split()[2])
        m = line.match(l.strip())
        if m:
            series[(m.group(1), tuple(sorted(label.findall(m.group(2)))))] = float(m.group(3))
    return at, series
(ta, a), (tb, b) = load(sys.argv[1]), load(sys.argv[2])
dt = tb - ta
def delta(name):
    return {l: v - a[(n, l)] for (n, l), v in b.items() if n == name and (n, l) in a}
dg = sum(delta("actorstream_destination_datagrams_total").values())
by = sum(delta("actorstream_destination_bytes_total").values())
kinds = {}
for (n, l) in b:
    if n == "actorstream_destination_datagrams_total":
        k = dict(l)["kind"]; kinds[k] = kinds.get(k, 0) + 1
subscribed = {l for (n, l), v in b.items() if n == "actorstream_viewer_subscribed" and v == 1}
stale = {l for (n, l), v in b.items() if n == "actorstream_viewer_stale" and v == 1}
ok = subscribed - stale
recv = sum(v for l, v in delta("actorstream_viewer_packets_total").items() if l in ok)
lost = sum(v for l, v in delta("actorstream_viewer_lost_packets_total").items() if l in ok)
per = {}
for l in ok:
    st = dict(l)["station"]; per[st] = per.get(st, 0) + 1
loss = 100.0 * lost / (recv + lost) if recv + lost else float("nan")
print(f"dt={dt:.3f} dgps={dg/dt:.1f} mbps={by*8/dt/1e6:.3f} dests={'+'.join(f'{n}_{k}' for k, n in sorted(kinds.items()))} "
      f"viewers={len(ok)} per_station={'/'.join(str(n) for _, n in sorted(per.items()))} "
      f"tspackets={recv:.0f} lost={lost:.0f} loss={loss:.3f}")
EOF

# Switch times from the key log ("TIME TARGET_SIZE" per key), the frame log and the viewer's stamped stdout.
cat >"$LOG_DIR/switch_stats.py" <<'EOF'
import math, sys
keys = [(float(t), s) for t, s in (l.split()[:2] for l in open(sys.argv[1]) if l.strip())]
frames = [(float(t), s) for t, s, *_ in (l.split() for l in open(sys.argv[2]) if l.strip())]
acks = [float(l.split()[0]) for l in open(sys.argv[3]) if " watching " in l]
lat, ack = [], []
for i, (tk, size) in enumerate(keys):
    end = keys[i + 1][0] if i + 1 < len(keys) else float("inf")
    f = next((t for t, s in frames if tk < t < end and s == size), None)
    if f is not None:
        lat.append((f - tk) * 1000)
    a = next((t for t in acks if tk < t < end), None)
    if a is not None:
        ack.append((a - tk) * 1000)
def pct(v, p):  # nearest rank
    v = sorted(v)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)] if v else float("nan")
fmt = lambda x: f"{x:.0f}"
print(len(keys), len(lat), fmt(pct(lat, 50)), fmt(pct(lat, 95)), fmt(min(lat) if lat else float("nan")),
      fmt(max(lat) if lat else float("nan")), fmt(pct(ack, 50)), fmt(pct(ack, 95)))
print("all:", " ".join(f"{x:.0f}" for x in lat))
EOF

# ---------------------------------------------------------------------------------------------------------------
# Processes started by this script: tracked by PID (FANOUT_PIDS) and found again as descendants of this shell.
own_pids() { { echo $$; fanout_descendants $$; } | sort -u; }
# Other people's dotnet test / actorstream processes (the machine must be quiet to measure CPU).
others_running() {
  local mine; mine=$(own_pids)
  { pgrep -f 'dotnet test'; pgrep -f 'actorstream'; } 2>/dev/null | sort -u | grep -vxF "$mine" | tr '\n' ' '
}
wait_idle() {
  local deadline=$((EPOCHSECONDS + MAX_WAIT)) busy
  while :; do
    busy=$(others_running)
    [[ -z "${busy// /}" ]] && { IDLE_NOTE="no other dotnet test or actorstream process when the measurements started"; return; }
    if ((EPOCHSECONDS >= deadline)); then
      IDLE_NOTE="still running after waiting ${MAX_WAIT} s (measured anyway): $(for p in $busy; do ps -o args= -p "$p" 2>/dev/null | cut -c1-80; done | sort | uniq -c | sed 's/^ *//' | paste -sd ';' -)"
      return
    fi
    echo "waiting for other dotnet test / actorstream processes to end: $busy" >&2
    sleep 10
  done
}

say() { echo "[$(date +%T)] $*" >&2; }
# True once the last 3 status lines of every station of the seed's log show FPS ± 2 (bounded by TIMEOUT_S).
wait_steady() { # SEED_OUT TIMEOUT_S
  local deadline=$((EPOCHSECONDS + $2))
  while ((EPOCHSECONDS < deadline)); do
    grep -E '^\[[0-9:]+\] [A-Za-z0-9_-]+: frames ' "$1" | awk -v fps="$FPS" '
      { name = $2; n[name]++; f = $6; last[name, n[name]] = (f >= fps - 2 && f <= fps + 2) }
      END { if (length(n) == 0) exit 1
            for (s in n) { if (n[s] < 3) exit 1; for (i = n[s] - 2; i <= n[s]; i++) if (!last[s, i]) exit 1 } }' && return 0
    sleep 1
  done
  return 1
}
# Stops many process trees at once (fanout_stop_tree one after the other gives each up to 5 s: 20 viewers leaving the
# cluster gracefully would take minutes): TERM to the roots (a seed then stops its own ffmpeg children), up to 10 s
# for them, then KILL to whatever is left of the trees (listed before, as orphans cannot be found from their parent).
stop_trees() {
  local all=() roots=() p i alive
  for p in "$@"; do kill -0 "$p" 2>/dev/null && { roots+=("$p"); all+=("$p" $(fanout_descendants "$p")); }; done
  ((${#roots[@]})) || return 0
  kill -TERM "${roots[@]}" 2>/dev/null
  for ((i = 0; i < 100; i++)); do
    alive=0; for p in "${roots[@]}"; do kill -0 "$p" 2>/dev/null && { alive=1; break; }; done
    ((alive)) || break
    sleep 0.1
  done
  kill -KILL "${all[@]}" 2>/dev/null
  for p in "${roots[@]}"; do wait "$p" 2>/dev/null; done
  return 0
}
rss_mib() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }
pct_core() { awk -v t="$1" -v hz="$FANOUT_HZ" -v w="$2" 'BEGIN { printf "%.1f", t / hz / w * 100 }'; }
# The seed's ffmpeg children by kind, as "encoder PID" / "capture PID" lines.
seed_children() {
  local p; for p in $(pgrep -P "$1"); do
    if grep -qa libx264 "/proc/$p/cmdline" 2>/dev/null; then echo "encoder $p"; elif grep -qa lavfi "/proc/$p/cmdline" 2>/dev/null; then echo "capture $p"; else echo "other $p"; fi
  done
}
sum_ticks() { local s=0 p; for p in "$@"; do s=$((s + $(ticks "$p"))); done; echo "$s"; }
machine_busy() { awk '/^cpu /{ print $2+$3+$4+$7+$8+$9; exit }' /proc/stat; }

# Encoder settings the seed's encoder uses (src/Media/Ffmpeg/EncoderArguments.cs), for the ffmpeg rows.
lavfi_input() { # PATTERN SIZE FPS (as src/Media/Ffmpeg/CaptureArguments.cs)
  case "$1" in
    life) echo "life=s=$2:r=$3:mold=10:ratio=0.1:death_color=#202020:life_color=#40c040" ;;
    mandelbrot) echo "mandelbrot=s=$2:r=$3" ;;
    *) echo "$1=size=$2:rate=$3" ;;
  esac
}
ffmpeg_sender() { # PATTERN OUTPUT_ARGS... (run in the background: it becomes the ffmpeg process)
  local pattern=$1 gop=$((${KEYFRAME%s} * FPS)); shift
  exec ffmpeg -hide_banner -nostats -loglevel warning -re -f lavfi -i "$(lavfi_input "$pattern" "$SIZE" "$FPS")" -map 0:v:0 \
    -vf "drawtext=text='%{localtime\:%T}':fontsize=20:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4:x=8:y=8" \
    -c:v libx264 -preset ultrafast -tune zerolatency -x264-params "keyint=$gop:min-keyint=$gop:scenecut=0:repeat-headers=1" \
    -g "$gop" -keyint_min "$gop" -sc_threshold 0 -b:v "${KBPS}k" -maxrate "${KBPS}k" -bufsize "${KBPS}k" -pix_fmt yuv420p \
    -flush_packets 1 -muxdelay 0 -muxpreload 0 "$@"
}

# Multicast groups of this run: a /24 of 239.255/16 picked at random and a free port, so that no other seed on this
# machine (whose groups default to 239.255.0.x:5004) sends into this run's groups on loopback.
NET=$((20 + RANDOM % 200))
MC_RANGE="239.255.$NET.0/24"
MC_PORT=$(free_port udp)
FF_GROUPS=()
for i in 1 2 3 4; do FF_GROUPS+=("239.255.$((NET + 1)).$i:$MC_PORT"); done

start_seed() { # NAME ARGS... → SEED_PID, SEED_PORT, logs in $LOG_DIR/NAME.{out,err}
  local name=$1; shift
  SEED_PORT=$(free_port) SEED_HTTP=$(free_port)
  ACTORSTREAM_SEED__DATA_DIRECTORY="$LOG_DIR/data-$name" ACTORSTREAM_MULTICAST__IP_RANGE="$MC_RANGE" \
    ACTORSTREAM_MULTICAST__PORT="$MC_PORT" \
    "$EXE" seed --http "$SEED_HTTP" --port "$SEED_PORT" "$@" </dev/null >"$LOG_DIR/$name.out" 2>"$LOG_DIR/$name.err" &
  SEED_PID=$!; fanout_track "$SEED_PID"
}
# The seed's metrics over HTTP (cheap, unlike a control command that starts an actor system on a loaded box).
metrics_snapshot() {
  python3 - "$SEED_HTTP" "$1" <<'EOF'
import sys, time, urllib.request
t = time.time()
body = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=10).read().decode()
open(sys.argv[2], "w").write(f"# at {t:.3f}\n" + body)
EOF
}
kv() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

# ---------------------------------------------------------------------------------------------------------------
# Part 1: ActorStream, one mode. Prints a table row.
actorstream_mode() { # multicast|unicast
  local mode=$1 flags=() vflags=() i s stations=() vp=()
  [[ $mode == unicast ]] && { flags=(--unicast); vflags=(--unicast); }
  for i in 1 2 3 4; do flags+=(--station "s$i=testsrc:${PATTERNS[i - 1]}"); stations+=("s$i"); done
  say "actorstream $mode: seed with 4 stations"
  start_seed "seed-$mode" "${flags[@]}" --size "$SIZE" --fps "$FPS" --bitrate "$KBPS" --keyframe-interval "$KEYFRAME" --audio none
  for s in "${stations[@]}"; do
    wait_for --quiet --poll 0.2 "$LOG_DIR/seed-$mode.out" "\] $s: frames [1-9].*state running" 60 \
      || { echo "| ActorStream | $mode | NOT MEASURED: station $s did not run (see ${LOG_DIR#"$REPO_DIR"/}/seed-$mode.err) |"; fanout_stop_tree "$SEED_PID"; return; }
  done
  say "actorstream $mode: $((PER_STATION * 4)) viewers"
  for s in "${stations[@]}"; do
    for i in $(seq 1 "$PER_STATION"); do
      nice -n "$VIEWER_NICE" "$EXE" viewer --seed "127.0.0.1:$SEED_PORT" --station "$s" "${vflags[@]}" </dev/null \
        >"$LOG_DIR/viewer-$mode-$s-$i.out" 2>"$LOG_DIR/viewer-$mode-$s-$i.err" &
      vp+=("$!"); fanout_track "$!"
    done
  done
  local f ok=1
  for f in "$LOG_DIR"/viewer-"$mode"-*.out; do
    wait_for --quiet --poll 0.2 "$f" "subscribed  frames [1-9]" 120 || { ok=0; echo "viewer never received: $f" >&2; }
  done
  ((ok)) || { echo "| ActorStream | $mode | NOT MEASURED: not every viewer received within 120 s |"; stop_trees "${vp[@]}" "$SEED_PID"; return; }
  # Starting 20 .NET processes saturates 2 cores; the encoders fall behind and then catch up faster than real time.
  # Measure only once every station has run at its frame rate for 3 status lines in a row (bounded).
  say "actorstream $mode: every viewer receives; waiting for the stations to run steadily"
  local steady_note=""
  wait_steady "$LOG_DIR/seed-$mode.out" 120 || steady_note="; the stations were not steady at $FPS fps within 120 s"
  sleep "$WARMUP"

  # The window: CPU ticks of the seed, its ffmpeg children and the viewers; the seed's metrics just before and after.
  metrics_snapshot "$LOG_DIR/metrics-$mode-0.prom"
  local kids enc=() cap=() k p s0 s1 e0 e1 c0 c1 v0 v1 m0 m1 t0 t1 w
  kids=$(seed_children "$SEED_PID")
  while read -r k p; do [[ $k == encoder ]] && enc+=("$p"); [[ $k == capture ]] && cap+=("$p"); done <<<"$kids"
  local u0 u1; u0=$(grep -c 'Marking node(s) as UNREACHABLE' "$LOG_DIR/seed-$mode.err")
  t0=$EPOCHREALTIME; m0=$(machine_busy)
  s0=$(ticks "$SEED_PID"); e0=$(sum_ticks "${enc[@]}"); c0=$(sum_ticks "${cap[@]}"); v0=$(sum_ticks "${vp[@]}")
  sleep "$WINDOW"
  s1=$(ticks "$SEED_PID"); e1=$(sum_ticks "${enc[@]}"); c1=$(sum_ticks "${cap[@]}"); v1=$(sum_ticks "${vp[@]}")
  t1=$EPOCHREALTIME; m1=$(machine_busy)
  u1=$(grep -c 'Marking node(s) as UNREACHABLE' "$LOG_DIR/seed-$mode.err")
  local rss vrss=0 kids_after
  rss=$(rss_mib "$SEED_PID")
  for p in "${vp[@]}"; do vrss=$((vrss + $(rss_mib "$p" || echo 0))); done
  kids_after=$(seed_children "$SEED_PID")
  metrics_snapshot "$LOG_DIR/metrics-$mode-1.prom"
  w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  local md; md=$(python3 "$LOG_DIR/metrics_delta.py" "$LOG_DIR/metrics-$mode-0.prom" "$LOG_DIR/metrics-$mode-1.prom" 2>>"$LOG_DIR/metrics-$mode.err")
  echo "$mode window=$w seed=$s0..$s1 enc=$e0..$e1 cap=$c0..$c1 viewers=$v0..$v1 machine=$m0..$m1 kids0=[$kids] kids1=[$kids_after] $md" >>"$LOG_DIR/raw.txt"
  local note=""
  [[ "$kids" == "$kids_after" ]] || note="; an ffmpeg child was restarted during the window"
  [[ ${#enc[@]} -eq 4 && ${#cap[@]} -eq 4 ]] || note="$note; expected 4 encoders and 4 captures, found ${#enc[@]} and ${#cap[@]}"
  printf '| ActorStream seed | %s | %s | %s | %s | %s | %s | %s | %s | %s%% | %s | %s (%s MiB) | %s |\n' \
    "$mode" "$(pct_core $((s1 - s0)) "$w")" "$(pct_core $((e1 - e0)) "$w")" "$(pct_core $((c1 - c0)) "$w")" \
    "$(pct_core $((s1 - s0 + e1 - e0 + c1 - c0)) "$w")" "$(kv "$md" dests)" "$(kv "$md" dgps)" "$(kv "$md" mbps)" \
    "$(kv "$md" loss)" "$rss" "$(pct_core $((v1 - v0)) "$w")" "$vrss" \
    "$(pct_core $((m1 - m0)) "$w")$note$steady_note"
  [[ "$(kv "$md" viewers)" == "$((PER_STATION * 4))" ]] \
    || echo "$mode: the seed's metrics listed $(kv "$md" viewers) subscribed viewers (per station $(kv "$md" per_station))" >>"$LOG_DIR/notes.txt"
  stop_trees "${vp[@]}" "$SEED_PID"
  # Akka's failure detector (200 ms heartbeats, 600 ms acceptable pause) on a box this busy: how often the seed lost
  # sight of a viewer node, in the window and in the whole phase (start-up and shutdown included), and downings.
  echo "ActorStream $mode: the seed marked a viewer node unreachable $((u1 - u0)) times in the window, $(grep -c 'Marking node(s) as UNREACHABLE' "$LOG_DIR/seed-$mode.err") times in the whole phase (viewer start-up and shutdown included); viewer nodes downed: $(grep -c 'Node akka.* downed' "$LOG_DIR/seed-$mode.err")" >>"$LOG_DIR/notes.txt"
  say "actorstream $mode: done"
}

# Part 1, the ffmpeg rows: 4 ffmpeg processes (one per pattern) and the sink.
ffmpeg_mode() { # tee-unicast|multicast
  local mode=$1 sink ports=() fp=() i j outs r0 r1 c0 c1 m0 m1 t0 t1 w
  local rep="$LOG_DIR/sink-$mode.txt"
  say "ffmpeg $mode"
  coproc SINK { if [[ $mode == tee-unicast ]]; then exec python3 "$LOG_DIR/sink.py" unicast "$rep" $((PER_STATION * 4)); \
                else exec python3 "$LOG_DIR/sink.py" multicast "$rep" "$PER_STATION" "${FF_GROUPS[@]}"; fi; }
  sink=$SINK_PID; fanout_track "$sink"
  local first; read -r -t 10 first <&"${SINK[0]}" || { echo "| ffmpeg | $mode | NOT MEASURED: the sink did not start |"; fanout_stop_tree "$sink"; return; }
  [[ $mode == tee-unicast ]] && read -r -a ports <<<"$first"
  for i in 0 1 2 3; do
    if [[ $mode == tee-unicast ]]; then
      outs=""
      for j in $(seq 0 $((PER_STATION - 1))); do
        outs+="${outs:+|}[f=mpegts:onfail=ignore]udp://127.0.0.1:${ports[i * PER_STATION + j]}?pkt_size=1316"
      done
      ffmpeg_sender "${PATTERNS[i]}" -f tee "$outs" </dev/null >"$LOG_DIR/ffmpeg-$mode-$i.log" 2>&1 &
    else
      ffmpeg_sender "${PATTERNS[i]}" -f mpegts "udp://${FF_GROUPS[i]}?pkt_size=1316&ttl=1&localaddr=127.0.0.1" \
        </dev/null >"$LOG_DIR/ffmpeg-$mode-$i.log" 2>&1 &
    fi
    fp+=("$!"); fanout_track "$!"
  done
  # Every socket receives, then the warm-up.
  local deadline=$((EPOCHSECONDS + 30)) got=0
  while ((EPOCHSECONDS < deadline)); do
    sleep 0.5; [[ -s $rep ]] && (( $(tail -1 "$rep" | cut -d' ' -f5) > 0 )) && { got=1; break; }
  done
  ((got)) || { echo "| ffmpeg | $mode | NOT MEASURED: not every sink socket received within 30 s (see ${LOG_DIR#"$REPO_DIR"/}/ffmpeg-$mode-*.log) |"; stop_trees "${fp[@]}" "$sink"; return; }
  sleep "$WARMUP"
  sleep 0.6; r0=$(tail -1 "$rep")
  t0=$EPOCHREALTIME; m0=$(machine_busy); c0=$(sum_ticks "${fp[@]}"); local k0; k0=$(ticks "$sink")
  sleep "$WINDOW"
  c1=$(sum_ticks "${fp[@]}"); t1=$EPOCHREALTIME; m1=$(machine_busy); local k1; k1=$(ticks "$sink")
  local rss=0 p; for p in "${fp[@]}"; do rss=$((rss + $(rss_mib "$p" || echo 0))); done
  sleep 0.6; r1=$(tail -1 "$rep")
  w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  echo "ffmpeg $mode window=$w ffmpeg=$c0..$c1 sink=$k0..$k1 machine=$m0..$m1 sink0=[$r0] sink1=[$r1]" >>"$LOG_DIR/raw.txt"
  # Sent = (received + dropped) / receivers per copy: 1 for tee (one datagram per port), 5 for a group.
  local copies=1; [[ $mode == multicast ]] && copies=$PER_STATION
  local figs; figs=$(awk -v a="$r0" -v b="$r1" -v c="$copies" 'BEGIN { split(a, x, " "); split(b, y, " "); dt = y[1] - x[1];
      n = y[2] - x[2]; d = y[4] - x[4]; printf "%.1f %.3f %.3f", (n + d) / c / dt, (y[3] - x[3]) * 8 / c / dt / 1e6, (n + d) ? 100 * d / (n + d) : 0 }')
  local dests="4 multicast"; [[ $mode == tee-unicast ]] && dests="$((PER_STATION * 4)) unicast"
  printf '| ffmpeg (4 processes) | %s | %s | — | — | %s | %s | %s | %s | %s%% | %s | %s (sink) | %s |\n' \
    "$mode" "$(pct_core $((c1 - c0)) "$w")" "$(pct_core $((c1 - c0)) "$w")" "$dests" \
    "$(cut -d' ' -f1 <<<"$figs")" "$(cut -d' ' -f2 <<<"$figs")" "$(cut -d' ' -f3 <<<"$figs")" "$rss" \
    "$(pct_core $((k1 - k0)) "$w")" "$(pct_core $((m1 - m0)) "$w")"
  stop_trees "${fp[@]}" "$sink"
}

# ---------------------------------------------------------------------------------------------------------------
# Part 2: switch time at one keyframe interval. Prints a table row.
switch_run() { # KEYFRAME_INTERVAL
  local kf=$1 tag kf_s; tag=$(tr -c 'a-z0-9\n' '_' <<<"$kf")
  kf_s=$(awk -v k="$kf" 'BEGIN { if (k ~ /ms$/) print k / 1000; else print k + 0 }')
  local conf="$LOG_DIR/switch-$tag.conf" fifo="$LOG_DIR/keys-$tag.fifo" port out="$LOG_DIR/switch-$tag"
  say "switch time, keyframe interval $kf"
  # Two stations of different sizes (big sorts before small: numbers 1 and 2 in the viewer's list).
  cat >"$conf" <<EOF
actorstream.station.run = off
actorstream.stations {
  big { source = "testsrc:testsrc2", width = ${SWITCH_BIG%x*}, height = ${SWITCH_BIG#*x}, fps = $FPS, bitrate-kbps = $KBPS, keyframe-interval = $kf, audio = none }
  small { source = "testsrc:testsrc2", width = ${SWITCH_SMALL%x*}, height = ${SWITCH_SMALL#*x}, fps = $FPS, bitrate-kbps = $KBPS, keyframe-interval = $kf, audio = none }
}
EOF
  start_seed "switch-seed-$tag" --config "$conf"
  wait_for --quiet --poll 0.2 "$LOG_DIR/switch-seed-$tag.out" "\] small: frames [1-9]" 60 \
    && wait_for --quiet --poll 0.2 "$LOG_DIR/switch-seed-$tag.out" "\] big: frames [1-9]" 60 \
    || { echo "| $kf | NOT MEASURED: the seed's stations did not run (see ${LOG_DIR#"$REPO_DIR"/}/switch-seed-$tag.err) |"; fanout_stop_tree "$SEED_PID"; return; }
  port=$(free_port udp)
  # The decoder: one thread (frame threads would hold frames back), no input buffering; showinfo prints every
  # decoded frame with its size, before any scaling.
  ( exec ffmpeg -hide_banner -nostats -loglevel info -threads 1 -fflags nobuffer -flags low_delay -probesize 32 -analyzeduration 0 \
      -f mpegts -i "udp://127.0.0.1:$port?overrun_nonfatal=1&fifo_size=100000" -vf showinfo -f null - 2>&1 </dev/null \
      | python3 -u "$LOG_DIR/stamp.py" --frames >"$out.frames" ) &
  local dec=$!; fanout_track "$dec"
  rm -f "$fifo"; mkfifo "$fifo"
  ( exec "$EXE" viewer --seed "127.0.0.1:$SEED_PORT" --station big --out "udp://127.0.0.1:$port" <"$fifo" 2>"$out.viewer.err" \
      | python3 -u "$LOG_DIR/stamp.py" >"$out.viewer.out" ) &
  local vw=$!; fanout_track "$vw"
  local kfd; exec {kfd}>"$fifo"
  if ! wait_for --quiet --poll 0.2 "$out.frames" " $SWITCH_BIG " 60; then
    echo "| $kf | NOT MEASURED: no frame of station big decoded within 60 s (see ${out#"$REPO_DIR"/}.*) |"
    exec {kfd}>&-; fanout_stop_tree "$vw"; fanout_stop_tree "$dec"; fanout_stop_tree "$SEED_PID"; return
  fi
  sleep 2
  : >"$out.keys"
  local n cur=big target size key deadline
  for ((n = 0; n < SWITCHES; n++)); do
    if [[ $cur == big ]]; then target=small key=2 size=$SWITCH_SMALL; else target=big key=1 size=$SWITCH_BIG; fi
    local t=$EPOCHREALTIME
    echo "$key" >&"$kfd"
    echo "$t $size" >>"$out.keys"
    # Until the new size is decoded (bounded), then 0.3 s plus a random part of one keyframe interval: both stations'
    # GOPs start together, so a fixed pause would make every key land at the same point of the other's GOP.
    deadline=$((EPOCHSECONDS + 10))
    while ((EPOCHSECONDS < deadline)); do
      awk -v t="$t" -v s="$size" '$1 > t && $2 == s { f = 1; exit } END { exit !f }' "$out.frames" && break
      sleep 0.05
    done
    cur=$target
    sleep "$(awk -v r="$RANDOM" -v k="$kf_s" 'BEGIN { printf "%.3f", 0.3 + k * r / 32767 }')"
  done
  echo q >&"$kfd"; exec {kfd}>&-
  local stats; stats=$(python3 "$LOG_DIR/switch_stats.py" "$out.keys" "$out.frames" "$out.viewer.out")
  echo "switch $kf: $stats" >>"$LOG_DIR/raw.txt"
  read -r nk nf p50 p95 mn mx a50 a95 <<<"$(head -1 <<<"$stats")"
  printf '| %s | %s/%s | %s | %s | %s | %s | %s / %s |\n' "$kf" "$nf" "$nk" "$p50" "$p95" "$mn" "$mx" "$a50" "$a95"
  sleep 1
  stop_trees "$vw" "$dec" "$SEED_PID"
}

# ---------------------------------------------------------------------------------------------------------------
IDLE_NOTE="not waited for (--no-wait)"
WAIT_START=$EPOCHSECONDS
((WAIT_IDLE)) && wait_idle
WAITED=$((EPOCHSECONDS - WAIT_START))
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
RUN_START=$EPOCHSECONDS

{
  echo "# Stations benchmark, $STAMP"
  echo
  echo "Command: \`$COMMAND\` (from the repository root; logs in \`${LOG_DIR#"$REPO_DIR"/}\`, git-ignored)"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r); ffmpeg $(ffmpeg -version | head -1 | cut -d' ' -f3); actorstream at $(git -C "$REPO_DIR" rev-parse --short HEAD)"
  echo "- load average at start: $LOAD_START (after waiting ${WAITED} s: $IDLE_NOTE)"
  echo "- multicast on loopback: groups of $MC_RANGE port $MC_PORT (ActorStream) and 239.255.$((NET + 1)).1-4:$MC_PORT (ffmpeg), sent with IP_MULTICAST_IF / bound source 127.0.0.1"
} | tee "$RESULTS"

if [[ " $PARTS " == *" 1 "* ]]; then
{
  echo
  echo "## 1. Four stations, $((PER_STATION * 4)) viewers ($PER_STATION per station): multicast against unicast"
  echo
  echo "Stations: testsrc patterns ${PATTERNS[*]}, $SIZE, $FPS fps, $KBPS kbit/s H.264 (libx264 ultrafast, zerolatency), keyframe interval $KEYFRAME, no audio, time overlay."
  echo "CPU in % of one core over a ${WINDOW} s window taken after every receiver got frames and a ${WARMUP} s warm-up."
  echo
  echo "| sender | mode | sender process CPU % | encoders (4 ffmpeg) % | captures (4 ffmpeg) % | sender side total % | destinations | datagrams sent/s | Mbit/s sent | receivers' loss | sender RSS MiB | receivers' CPU % (RSS) | machine busy % |"
  echo "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|"
} | tee -a "$RESULTS"

# Not in a pipeline: each part must run in this shell, so that the processes it starts are the ones the EXIT trap stops.
for m in multicast unicast; do actorstream_mode "$m" >"$LOG_DIR/row"; tee -a "$RESULTS" <"$LOG_DIR/row"; done
for m in tee-unicast multicast; do ffmpeg_mode "$m" >"$LOG_DIR/row"; tee -a "$RESULTS" <"$LOG_DIR/row"; done
[[ -s "$LOG_DIR/notes.txt" ]] && { echo; sed 's/^/- /' "$LOG_DIR/notes.txt"; } | tee -a "$RESULTS"
fi

if [[ " $PARTS " == *" 2 "* ]]; then
{
  echo
  echo "## 2. Station switch time"
  echo
  echo "One viewer node (multicast) switching $SWITCHES times between station big ($SWITCH_BIG) and station small ($SWITCH_SMALL), both testsrc2, $FPS fps, $KBPS kbit/s; a key (1 or 2) written to its stdin; once the new size is decoded, 0.3 s plus a random fraction of the keyframe interval, then the next (so keys fall at every point of the GOP)."
  echo "Time from the key written to the first decoded frame of the new station's size (viewer \`--out udp://127.0.0.1:P\` → \`ffmpeg -threads 1 -fflags nobuffer -vf showinfo -f null -\`, each line stamped on arrival by python3); percentiles by nearest rank."
  echo
  echo "| keyframe interval | switches measured | p50 ms | p95 ms | min ms | max ms | key → \"watching\" printed, p50 / p95 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} | tee -a "$RESULTS"
for k in $KEYFRAMES; do switch_run "$k" >"$LOG_DIR/row"; tee -a "$RESULTS" <"$LOG_DIR/row"; done
fi

cat <<EOF | tee -a "$RESULTS"

- whole run: $((EPOCHSECONDS - RUN_START)) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)
- CPU: utime+stime from /proc/PID/stat over the window ÷ window, in % of one core. "sender process" is the seed's .NET
  process alone (capture and encoding run in its ffmpeg children, counted in the next two columns); for ffmpeg it is
  the 4 ffmpeg processes, each generating, encoding, muxing and sending (so only its total compares with the seed's).
- ActorStream unicast: the seed runs with --unicast (no station has a group) and the viewers with --unicast, so each
  station sends 5 unicast copies; multicast: one send per station to its group, which the 5 viewers join.
- Datagrams and Mbit/s sent: ActorStream from its metrics' destinations (the seed's HTTP \`/metrics\` scraped just
  before and after the window, rates over the time between the scrapes); ffmpeg from the sink: (received + kernel drops) ÷
  copies per send. Receivers' loss: ActorStream from the viewers' MPEG-TS continuity counters as reported to the seed's
  metrics; ffmpeg from the kernel's drops on the sink's sockets.
- The 20 viewer nodes run under \`nice -n $VIEWER_NICE\`: on a LAN they would be other machines, and here they must not
  starve the seed and its encoders of the 2 cores (their CPU is shown, not charged to the sender).
- ffmpeg receivers: one python3 process with the same 20 sockets (5 per port or group), reading every datagram, no
  decoding; "receivers' CPU" for ActorStream is the 20 viewer node processes (each a .NET Akka cluster node).
- Machine busy: the whole machine's CPU over the window (2 cores = 200 %).
EOF
mv "$RESULTS" "$RESULTS_FINAL"
echo "results: ${RESULTS_FINAL#"$REPO_DIR"/}" >&2
