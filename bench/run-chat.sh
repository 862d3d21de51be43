#!/usr/bin/env bash
# Chat benchmark (issue 12), on real processes on 127.0.0.1, in one run (a benchmark, not a test):
#   a. persisted chat messages per second through the seed, with 4 member nodes receiving: RECEIVERS
#      `actorstream chat --json --stay` processes (cluster members, role chat) read every event, SENDERS
#      `actorstream chat send - --seed ...` processes each pipe COUNT lines as fast as the pipe takes them.
#      Persisted/s comes from the seed's own timestamps (first to last message of the phase); delivered/s from the
#      first line handed to a sender to the last arrival at the slowest receiver. The seed's per-name rate limit is
#      raised for the run (ACTORSTREAM_CHAT__RATE_LIMIT__BURST / __PER_SECOND).
#   b. time from send to delivery at another node, p50 and p99: the same senders, paced at RATE lines per second
#      each for SECONDS s; each text carries the epoch ms at which its line was written (bench/Chat/chat_bench.py
#      lines), each receiver's JSON line is stamped on arrival by a reader on the same clock (chat_bench.py stamp).
#      Every (message, receiver) pair is one sample. Latencies while saturated (phase a) are reported too: that is
#      queueing, not delivery time.
#   c. recovery of the chat actor with HISTORY messages in history: fill up to HISTORY with the senders (receivers
#      stopped), kill -9 the seed (and its ffmpeg), start it again on the same port and data directory: the seed's
#      own "Chat recovered ..." log line, and the time from process start until `chat history --last 1` answers.
#      RECOVERIES times.
#   d. what a user would otherwise pick to persist chat, on the same disk in the same run: SQLite (sqlite3 CLI, one
#      INSERT per transaction, the journal mode the chat's database uses) and PostgreSQL (a throwaway cluster,
#      pgbench with 4 clients, one INSERT per transaction, fsync and synchronous_commit on). These are persistence
#      alone, no delivery; no chat server (IRC, XMPP, Matrix) is on this machine to compare whole.
# The seed runs its smallest station (testsrc 160x120 5 fps 100 kbit/s, no audio: it always encodes one), no RTSP, no HTTP.
# Before measuring it waits (bounded) until no `dotnet test`/build and no other actorstream process runs.
# Usage: bench/run-chat.sh [--senders 4] [--receivers 4] [--count 5000] [--rate 20] [--seconds 15]
#                          [--history 100000] [--recoveries 3] [--baselines "sqlite postgres"] [--parts "a b c d"]
#                          [--max-wait 600] [--no-wait] [--no-build]
set -uo pipefail
GIVEN_ARGS=$( (($#)) && printf '%q ' "$@") # for the results' Command line (re-runnable as written): the option loop below consumes "$@"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

SENDERS=4 RECEIVERS=4 COUNT=5000 RATE=20 SECONDS_PACED=15 HISTORY=100000 RECOVERIES=3 BASELINES="sqlite postgres"
PARTS="a b c d" MAX_WAIT=600 WAIT_IDLE=1 BUILD=1
PY=python3
HELPER="$BENCH_DIR/Chat/chat_bench.py"

while (($#)); do
  case "$1" in
    --senders) SENDERS=${2:?}; shift 2 ;;
    --receivers) RECEIVERS=${2:?}; shift 2 ;;
    --count) COUNT=${2:?}; shift 2 ;;
    --rate) RATE=${2:?}; shift 2 ;;
    --seconds) SECONDS_PACED=${2:?}; shift 2 ;;
    --history) HISTORY=${2:?}; shift 2 ;;
    --recoveries) RECOVERIES=${2:?}; shift 2 ;;
    --baselines) BASELINES=${2?}; shift 2 ;;
    --parts) PARTS=${2:?}; shift 2 ;;
    *) bench_common_option "$@"; shift "$BENCH_SHIFT" ;; # --max-wait, --no-wait, --no-build, --help
  esac
done
for v in "$SENDERS" "$RECEIVERS" "$COUNT" "$RATE" "$SECONDS_PACED" "$HISTORY" "$RECOVERIES" "$MAX_WAIT"; do
  [[ "$v" =~ ^[0-9]+$ ]] || { echo "--senders, --receivers, --count, --rate, --seconds, --history, --recoveries and --max-wait take whole numbers" >&2; exit 2; }
done
((SENDERS >= 1 && SENDERS <= 50 && RECEIVERS >= 1 && RECEIVERS <= 20 && COUNT >= 1 && RATE >= 1 && SECONDS_PACED >= 1)) \
  || { echo "--senders 1-50, --receivers 1-20, --count, --rate and --seconds at least 1" >&2; exit 2; }
for p in $PARTS; do [[ "$p" =~ ^[abcd]$ ]] || { echo "bad part: $p (a, b, c or d)" >&2; exit 2; }; done
for b in $BASELINES; do [[ "$b" == sqlite || "$b" == postgres ]] || { echo "bad baseline: $b (sqlite or postgres)" >&2; exit 2; }; done
for t in dotnet awk pgrep mkfifo "$PY"; do
  command -v "$t" >/dev/null || { echo "$t is required and not found" >&2; exit 1; }
done
has_part() { [[ " $PARTS " == *" $1 "* ]]; }

bench_start_run chat # STAMP, LOG_DIR, RESULTS_FINAL, RESULTS (.partial until the run completes)
WORK="$LOG_DIR/work"                 # the seed's data directory and the baselines' databases: on the repository's disk
mkdir -p "$WORK"
COMMAND="bench/run-chat.sh $GIVEN_ARGS"

PG_DATA="" PG_PID="" PGBIN=""
# The throwaway PostgreSQL: pg_ctl stops the postmaster of its data directory (the PID it wrote there), then the
# runuser wrapper this script started ends with it; KILL only if that took over 10 s.
pg_stop() {
  [[ -n "$PG_PID" ]] || return 0
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PG_DATA/data" stop -m fast -w -t 10 >/dev/null 2>&1
  kill -0 "$PG_PID" 2>/dev/null && fanout_stop_tree "$PG_PID"
  wait "$PG_PID" 2>/dev/null
  PG_PID=""
}
on_exit() {
  pg_stop
  fanout_stop_all
  rm -rf "$WORK/fifo"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

cd "$REPO_DIR" || exit 1
bench_build_actorstream # sets EXE
NEED_SEED=0; { has_part a || has_part b || has_part c; } && NEED_SEED=1
((NEED_SEED == 0)) || "$EXE" chat --help >/dev/null 2>&1 || { echo "this actorstream has no \`chat\` command (issue 12's st-cli part): merge it first" >&2; exit 1; }

bench_wait_until_idle # sets waited
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------------------
# The seed. Its rate limit is raised so the benchmark measures the room and the journal, not the limit.
PORT=$(free_port)
SEED="127.0.0.1:$PORT"
SEED_PID="" SEED_STARTS=0 SEED_STARTED_MS=0
export ACTORSTREAM_CHAT__RATE_LIMIT__BURST=1000000 ACTORSTREAM_CHAT__RATE_LIMIT__PER_SECOND=1000000
start_seed() {
  SEED_STARTS=$((SEED_STARTS + 1))
  SEED_STARTED_MS=$(now_ms)
  ACTORSTREAM_SEED__DATA_DIRECTORY="$WORK/data" "$EXE" seed --host 127.0.0.1 --port "$PORT" --http off \
    --rtsp off --source testsrc --size 160x120 --fps 5 --bitrate 100 --audio none --unicast --no-overlay \
    >"$LOG_DIR/seed-$SEED_STARTS.out" 2>"$LOG_DIR/seed-$SEED_STARTS.err" &
  SEED_PID=$!
  fanout_track "$SEED_PID"
}
# kill -9 of the seed and of its children (ffmpeg), listed before it dies.
kill9_seed() {
  local kids; kids=$(fanout_descendants "$SEED_PID" | tr '\n' ' ')
  kill -KILL "$SEED_PID" $kids 2>/dev/null
  wait "$SEED_PID" 2>/dev/null
}
# The seed's chat says it recovered (its own log line), or the seed answers `chat history`.
RECOVERED_RE='Chat history recovered: last #[0-9]+'
seed_ready() { # timeout_s
  local deadline=$(( $(date +%s) + $1 ))
  while (( $(date +%s) < deadline )); do
    kill -0 "$SEED_PID" 2>/dev/null || return 1
    grep -qE "$RECOVERED_RE" "$LOG_DIR/seed-$SEED_STARTS.err" "$LOG_DIR/seed-$SEED_STARTS.out" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
history_answers() { timeout 20 "$EXE" chat history --seed "$SEED" --last 1 --json </dev/null >"$LOG_DIR/history.json" 2>"$LOG_DIR/history.err"; }

# ---------------------------------------------------------------------------------------------------------------
# Receivers: `actorstream chat --json --stay` → fifo → chat_bench.py stamp → rxN.jsonl.
mkdir -p "$WORK/fifo"
RX_PIDS=() STAMP_PIDS=()
start_receivers() {
  local k
  for ((k = 1; k <= RECEIVERS; k++)); do
    local fifo="$WORK/fifo/rx$k"
    rm -f "$fifo"; mkfifo "$fifo"
    "$PY" "$HELPER" stamp <"$fifo" >"$LOG_DIR/rx$k.jsonl" &
    fanout_track "$!"; STAMP_PIDS+=("$!")
    "$EXE" chat --seed "$SEED" --name "rx$k" --json --stay </dev/null >"$fifo" 2>"$LOG_DIR/rx$k.err" &
    fanout_track "$!"; RX_PIDS+=("$!")
  done
  for ((k = 1; k <= RECEIVERS; k++)); do
    wait_for "$LOG_DIR/rx$k.jsonl" '"type": ?"connection".*"connected": ?true' 60 >/dev/null \
      || { echo "receiver rx$k did not connect: $(tail -3 "$LOG_DIR/rx$k.err")" >&2; exit 1; }
  done
}
stop_receivers() { local p; for p in "${RX_PIDS[@]}"; do fanout_stop_tree "$p"; done; RX_PIDS=() STAMP_PIDS=(); }

# Where the cores go during a phase: "seed receivers stampers reaped machine_busy machine_total wall_ms", CPU in clock
# ticks. reaped: this script's reaped children (cutime + cstime), i.e. the senders and their line generators, whole
# processes (start-up included); machine: /proc/stat, every process on the box (other helpers' builds included).
cpu_snapshot() {
  local p rx=0 st=0 u s cu cs
  for p in "${RX_PIDS[@]}"; do rx=$((rx + $(ticks "$p"))); done
  for p in "${STAMP_PIDS[@]}"; do st=$((st + $(ticks "$p"))); done
  read -r u s cu cs <<<"$(fanout_stat_times $$)"
  echo "$(ticks "$SEED_PID") $rx $st $(( ${cu:-0} + ${cs:-0} )) $(awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9; exit }' /proc/stat) $(now_ms)"
}
cpu_report() { # snapshot0 snapshot1 → "seed X %, receivers Y %, ..." in % of one core
  awk -v a="$1" -v b="$2" -v hz="$FANOUT_HZ" -v cores="$(nproc)" -v n="$RECEIVERS" 'BEGIN {
    split(a, x, " "); split(b, y, " "); secs = (y[7] - x[7]) / 1000; if (secs <= 0) secs = 1
    printf "seed %.0f %%, %d receivers %.0f %%, their %d stampers %.0f %%, senders and line generators %.0f %% (whole processes), machine busy %.0f %% of %d00 %% (everything on the box) over %.1f s",
      100 * (y[1] - x[1]) / hz / secs, n, 100 * (y[2] - x[2]) / hz / secs, n, 100 * (y[3] - x[3]) / hz / secs,
      100 * (y[4] - x[4]) / hz / secs, (y[6] > x[6]) ? 100 * cores * (y[5] - x[5]) / (y[6] - x[6]) : 0, cores, secs }'
}
foreign() { pgrep -fc 'dotnet (test|build|exec .*testhost)' || true; }

# One phase: SENDERS `chat send -` processes, each fed by chat_bench.py lines TAG k N [--rate R]. Waits until
# every receiver saw every sender's warm-up line (all connected and subscribed), then lets them go. Sets GO_MS,
# SENDERS_DONE_MS, SENDERS_FAILED; leaves the senders' output in $LOG_DIR/TAG-sK.out.
run_senders() { # tag count rate(0 = unpaced) watch_receivers(1/0)
  local tag=$1 n=$2 rate=$3 watch=$4 k go="$WORK/go-$1" pids=() rate_args=()
  ((rate > 0)) && rate_args=(--rate "$rate")
  rm -f "$go"
  for ((k = 1; k <= SENDERS; k++)); do
    local fifo="$WORK/fifo/$tag-s$k"
    rm -f "$fifo"; mkfifo "$fifo"
    "$PY" "$HELPER" lines "$tag" "$k" "$n" "${rate_args[@]}" --go "$go" >"$fifo" &
    fanout_track "$!"
    "$EXE" chat send - --seed "$SEED" --name "s$k" <"$fifo" >"$LOG_DIR/$tag-s$k.out" 2>"$LOG_DIR/$tag-s$k.err" &
    fanout_track "$!"; pids+=("$!")
  done
  # Warm-up lines: at every receiver when watching, else acknowledged... the senders print only at the end, so
  # without receivers the go file comes once each warm-up line is in the seed's history.
  local deadline=$(( $(date +%s) + 90 )) ready=0
  while (( $(date +%s) < deadline )); do
    ready=1
    if ((watch)); then
      for ((k = 1; k <= RECEIVERS; k++)); do
        (( $(count_lines "bench $tag-warm" "$LOG_DIR/rx$k.jsonl") >= SENDERS )) || { ready=0; break; }
      done
    else
      timeout 20 "$EXE" chat history --seed "$SEED" --last $((SENDERS * 2)) --json </dev/null >"$LOG_DIR/$tag-warm.json" 2>/dev/null
      (( $(count_lines "bench $tag-warm" "$LOG_DIR/$tag-warm.json") >= SENDERS )) || ready=0
    fi
    ((ready)) && break
    sleep 0.2
  done
  ((ready)) || echo "$tag: not every warm-up line arrived within 90 s; going anyway" >&2
  CPU_AT_GO=$(cpu_snapshot); FOREIGN_AT_GO=$(foreign)
  GO_MS=$(now_ms); : >"$go"
  SENDERS_FAILED=0
  for k in "${!pids[@]}"; do
    # Bounded: a sender that hangs is stopped (and counted as failed) after 10 minutes.
    local waited_s=0
    while kill -0 "${pids[$k]}" 2>/dev/null && ((waited_s < 6000)); do sleep 0.1; waited_s=$((waited_s + 1)); done
    kill -0 "${pids[$k]}" 2>/dev/null && fanout_stop_tree "${pids[$k]}"
    wait "${pids[$k]}" 2>/dev/null || SENDERS_FAILED=$((SENDERS_FAILED + 1))
  done
  SENDERS_DONE_MS=$(now_ms)
}
# Waits (bounded) until every receiver has the phase's last line from every sender.
wait_delivered() { # tag count timeout_s
  local deadline=$(( $(date +%s) + $3 )) k s all
  while (( $(date +%s) < deadline )); do
    all=1
    for ((k = 1; k <= RECEIVERS && all; k++)); do
      for ((s = 1; s <= SENDERS; s++)); do
        grep -q "bench $1 s=$s i=$(($2 - 1)) " "$LOG_DIR/rx$k.jsonl" 2>/dev/null || { all=0; break; }
      done
    done
    ((all)) && return 0
    sleep 0.2
  done
  return 1
}
declare -A R
analyze() { # tag count → R[tag.key]=value
  local line
  while IFS='=' read -r key value; do R[$1.$key]=$value; done < <("$PY" "$HELPER" analyze "$1" "$SENDERS" "$2" "${RX_FILES[@]}")
}
RX_FILES=()
for ((k = 1; k <= RECEIVERS; k++)); do RX_FILES+=("$LOG_DIR/rx$k.jsonl"); done
sent_summary() { # tag → "sent N messages (#a..#b)" lines, joined
  local k; for ((k = 1; k <= SENDERS; k++)); do tail -1 "$LOG_DIR/$1-s$k.out" 2>/dev/null; done | paste -sd ';' | sed 's/;/; /g'
}

DB=""
if ((NEED_SEED)); then
  echo "starting the seed on $SEED..." >&2
  start_seed
  seed_ready 90 || { echo "the seed's chat did not start (no \"$RECOVERED_RE\" line): see $LOG_DIR/seed-1.err" >&2; exit 1; }
fi
DB=$(find "$WORK/data" -type f \( -name '*.db' -o -name '*.sqlite' -o -name '*.sqlite3' \) 2>/dev/null | head -1)

if has_part a || has_part b; then
  echo "starting $RECEIVERS receivers..." >&2
  start_receivers
fi

# a. Throughput.
if has_part a; then
  echo "a: $SENDERS senders x $COUNT messages, unpaced..." >&2
  run_senders tput "$COUNT" 0 1
  wait_delivered tput "$COUNT" 60 || echo "a: not every message reached every receiver within 60 s of the senders' end" >&2
  cpu_end=$(cpu_snapshot)
  R[tput.failed]=$SENDERS_FAILED
  R[tput.cpu_ms]=$(( ($(cut -d' ' -f1 <<<"$cpu_end") - $(cut -d' ' -f1 <<<"$CPU_AT_GO")) * 1000 / FANOUT_HZ ))
  R[tput.cpu]=$(cpu_report "$CPU_AT_GO" "$cpu_end")
  R[tput.foreign]="$FOREIGN_AT_GO at the start, $(foreign) at the end"
  R[tput.sent]=$(sent_summary tput)
  analyze tput "$COUNT"
fi

# b. Latency at a pace the seed keeps up with.
if has_part b; then
  n=$((RATE * SECONDS_PACED))
  echo "b: $SENDERS senders x $RATE messages/s for $SECONDS_PACED s..." >&2
  run_senders lat "$n" "$RATE" 1
  wait_delivered lat "$n" 60 || echo "b: not every message reached every receiver within 60 s of the senders' end" >&2
  cpu_end=$(cpu_snapshot)
  R[lat.cpu]=$(cpu_report "$CPU_AT_GO" "$cpu_end")
  R[lat.foreign]="$FOREIGN_AT_GO at the start, $(foreign) at the end"
  R[lat.failed]=$SENDERS_FAILED
  R[lat.sent]=$(sent_summary lat)
  analyze lat "$n"
fi
((${#RX_PIDS[@]})) && stop_receivers

# c. Recovery with HISTORY messages in history.
REC_ROWS=()
if has_part c; then
  history_answers || { echo "c: \`chat history\` did not answer: $(tail -3 "$LOG_DIR/history.err")" >&2; exit 1; }
  have=$("$PY" "$HELPER" last-sequence "$LOG_DIR/history.json")
  if ((have < HISTORY)); then
    per=$(( (HISTORY - have + SENDERS - 1) / SENDERS ))
    echo "c: filling the history from $have to $HISTORY ($SENDERS senders x $per)..." >&2
    fill_start=$(now_ms)
    run_senders fill "$per" 0 0
    R[fill.ms]=$(( SENDERS_DONE_MS - GO_MS )); R[fill.count]=$((per * SENDERS)); R[fill.failed]=$SENDERS_FAILED
    R[fill.sent]=$(sent_summary fill)
  fi
  history_answers
  R[c.last]=$("$PY" "$HELPER" last-sequence "$LOG_DIR/history.json")
  [[ -z "$DB" ]] && DB=$(find "$WORK/data" -type f \( -name '*.db' -o -name '*.sqlite' -o -name '*.sqlite3' \) 2>/dev/null | head -1)
  R[c.db]=$( [[ -n "$DB" ]] && du -ch "$DB"* 2>/dev/null | tail -1 | cut -f1 )
  # The last restart finds no snapshot (its rows deleted while the seed is down): it replays the whole journal, what
  # recovery would cost without snapshots.
  for ((r = 1; r <= RECOVERIES + 1; r++)); do
    how="kill -9, restart"
    echo "c: kill -9 and restart $r/$((RECOVERIES + 1))..." >&2
    sleep 2 # let the last snapshot (if any) be written, as a running seed would have
    kill9_seed
    if ((r == RECOVERIES + 1)); then
      if [[ -n "$DB" ]] && command -v sqlite3 >/dev/null && sqlite3 "$DB" 'DELETE FROM snapshot;' 2>>"$LOG_DIR/sqlite.err"; then
        how="kill -9, snapshots deleted, restart"
      else
        break
      fi
    fi
    start_seed
    if seed_ready 180; then
      line=$(grep -m1 -hE "$RECOVERED_RE" "$LOG_DIR/seed-$SEED_STARTS.err" "$LOG_DIR/seed-$SEED_STARTS.out")
      ready_ms=$(( $(now_ms) - SEED_STARTED_MS ))
    else
      line="(no recovery line within 180 s)"; ready_ms="—"
    fi
    # Then the whole way a user sees it: from process start until `chat history` returns the last message.
    answered="—"
    for ((i = 0; i < 100; i++)); do
      if history_answers && grep -q "\"sequence\": \?${R[c.last]}\b" "$LOG_DIR/history.json"; then
        answered=$(( $(now_ms) - SEED_STARTED_MS )); break
      fi
      sleep 0.2
    done
    msg=$(sed -E 's/^.*(Chat history recovered)/\1/' <<<"$line" | tr '|' '/')
    rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SEED_PID/status" 2>/dev/null)
    REC_ROWS+=("| $r | $how | ${R[c.last]} | $msg | $ready_ms | $answered | ${rss:-—} |")
    echo "${REC_ROWS[-1]}" >&2
  done
fi

# d. Baselines: persistence alone, on the same disk.
BASE_ROWS=()
if has_part d; then
  NBASE=$((SENDERS * COUNT))
  if [[ " $BASELINES " == *" sqlite "* ]]; then
    if command -v sqlite3 >/dev/null; then
      mode=$( [[ -n "$DB" ]] && sqlite3 "$DB" 'PRAGMA journal_mode;' 2>/dev/null || echo delete)
      base="$WORK/baseline.sqlite"; rm -f "$base"*
      sqlite3 "$base" "PRAGMA journal_mode=$mode; CREATE TABLE chat(seq INTEGER PRIMARY KEY, name TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL);" >/dev/null
      "$PY" - "$NBASE" "$SENDERS" >"$WORK/baseline.sql" <<'PYEOF'
import sys
n, s = int(sys.argv[1]), int(sys.argv[2])
print("PRAGMA synchronous=FULL;")
for i in range(n):
    print(f"INSERT INTO chat(name, text, at) VALUES ('s{i % s + 1}', 'bench tput s={i % s + 1} i={i // s} t=1764560000000.000', CAST(strftime('%s','now') AS INTEGER) * 1000);")
PYEOF
      echo "d: sqlite3, $NBASE INSERTs, one transaction each (journal_mode $mode)..." >&2
      s0=$(date +%s.%N); sqlite3 "$base" <"$WORK/baseline.sql" >/dev/null 2>"$LOG_DIR/sqlite.err"; s1=$(date +%s.%N)
      rows=$(sqlite3 "$base" 'SELECT count(*) FROM chat;')
      BASE_ROWS+=("$(awk -v n="$rows" -v a="$s0" -v b="$s1" -v m="$mode" -v v="$(sqlite3 --version | cut -d' ' -f1)" 'BEGIN {
        printf "| SQLite %s (sqlite3 CLI) | 1 writer, one INSERT per transaction, journal_mode %s, synchronous FULL | %d rows | %.0f |", v, m, n, n / (b - a) }')")
    else
      BASE_ROWS+=("| SQLite | not on this machine (sqlite3 CLI missing) | — | — |")
    fi
  fi
  if [[ " $BASELINES " == *" postgres "* ]]; then
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [[ -n "$PGBIN" && -x "$PGBIN/postgres" ]] && command -v pgbench >/dev/null && id postgres >/dev/null 2>&1; then
      # PostgreSQL refuses to run as root: its throwaway cluster belongs to the postgres user.
      PG_DATA="$WORK/pg"; PG_PORT=$(free_port)
      mkdir -p "$PG_DATA"; chown postgres "$PG_DATA"; chmod 755 "$WORK" "$LOG_DIR"
      if runuser -u postgres -- "$PGBIN/initdb" -D "$PG_DATA/data" -U postgres -A trust --no-sync >"$LOG_DIR/pg-initdb.log" 2>&1; then
        runuser -u postgres -- "$PGBIN/postgres" -D "$PG_DATA/data" -p "$PG_PORT" -k "$PG_DATA" -c listen_addresses='' \
          >"$LOG_DIR/pg.log" 2>&1 &
        PG_PID=$!
        disown "$PG_PID" 2>/dev/null # no "Killed" job notice
        for ((i = 0; i < 100; i++)); do "$PGBIN/pg_isready" -h "$PG_DATA" -p "$PG_PORT" -q && break; sleep 0.2; done
        psql -h "$PG_DATA" -p "$PG_PORT" -U postgres -qc \
          "CREATE TABLE chat(seq bigserial PRIMARY KEY, name text NOT NULL, text text NOT NULL, at timestamptz NOT NULL DEFAULT now());" >/dev/null
        echo "INSERT INTO chat(name, text) VALUES ('s' || :client_id, 'bench tput s=' || :client_id || ' i=0 t=1764560000000.000');" >"$WORK/pg-insert.sql"
        echo "d: PostgreSQL, pgbench $SENDERS clients, 10 s..." >&2
        pgbench -h "$PG_DATA" -p "$PG_PORT" -U postgres -n -c "$SENDERS" -j 2 -T 10 -f "$WORK/pg-insert.sql" postgres >"$LOG_DIR/pgbench.log" 2>&1
        tps=$(grep -m1 -oE 'tps = [0-9.]+' "$LOG_DIR/pgbench.log" | grep -oE '[0-9.]+')
        lat=$(grep -m1 -oE 'latency average = [0-9.]+ ms' "$LOG_DIR/pgbench.log" | grep -oE '[0-9.]+')
        rows=$(psql -h "$PG_DATA" -p "$PG_PORT" -U postgres -tAc 'SELECT count(*) FROM chat;')
        ver=$("$PGBIN/postgres" --version | awk '{ print $3 }')
        pg_stop
        BASE_ROWS+=("| PostgreSQL $ver (pgbench) | $SENDERS clients, one INSERT per transaction, fsync on, synchronous_commit on; average transaction ${lat:-?} ms | ${rows:-?} rows in 10 s | ${tps%.*} |")
      else
        BASE_ROWS+=("| PostgreSQL | initdb failed: $(tail -1 "$LOG_DIR/pg-initdb.log" | tr '|' '/') | — | — |")
      fi
    else
      BASE_ROWS+=("| PostgreSQL | not on this machine (server binaries, pgbench or the postgres user missing) | — | — |")
    fi
  fi
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------------------------
v() { echo "${R[$1]:-—}"; }
{
  echo "# Chat benchmark, $STAMP"
  echo
  echo "Command: \`$COMMAND\` (from the repository root; logs in \`bench/.cache/logs/chat-$STAMP\`, git-ignored)"
  echo
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r), $(df -T "$WORK" | awk 'NR == 2 { print $2 }') disk; actorstream at $(git rev-parse --short HEAD)"
  echo "- load average at start: $LOAD_START (after waiting $waited s for other dotnet test/build and actorstream processes to end); at the end: $LOAD_END"
  echo "- seed: 127.0.0.1, chat journal ${DB:+\`${DB#"$REPO_DIR"/}\` }(SQLite, Akka.Persistence.Sql), rate limit raised to burst 1000000 / 1000000 per second; one station testsrc 160x120 5 fps 100 kbit/s; $RECEIVERS receivers \`actorstream chat --json --stay\` (cluster members), $SENDERS senders \`actorstream chat send -\` (control clients), all on this machine"
  if has_part a; then
    echo
    echo "## a. Persisted messages per second, $RECEIVERS nodes receiving"
    echo
    echo "$SENDERS senders x $COUNT messages, each sender's lines as fast as it takes them."
    echo
    echo "| persisted/s (seed's timestamps, first → last) | delivered/s (first line sent → last arrival at the slowest receiver) | seed CPU ms per message | latency under saturation p50 / p99 ms | senders |"
    echo "|---:|---:|---:|---:|---|"
    cpu_per=$(awk -v c="${R[tput.cpu_ms]:-0}" -v n=$((SENDERS * COUNT)) 'BEGIN { printf "%.2f", c / n }')
    echo "| $(v tput.persisted_per_s) | $(v tput.delivered_per_s) | $cpu_per | $(v tput.p50) / $(v tput.p99) | $(v tput.failed) failed: $(v tput.sent) |"
    echo
    for ((k = 1; k <= RECEIVERS; k++)); do echo "- rx$k: $(v tput.receiver$k)"; done
    echo "- CPU from go to the last arrival, in % of one core: $(v tput.cpu)"
    echo "- other \`dotnet test\`/build processes on the box: $(v tput.foreign)"
  fi
  if has_part b; then
    echo
    echo "## b. Time from send to delivery at another node"
    echo
    echo "$SENDERS senders at $RATE messages/s each for $SECONDS_PACED s ($((SENDERS * RATE)) messages/s in all); from the moment the sender's input line is written to the moment the receiver's JSON line is read, every message at every one of the $RECEIVERS receivers. Percentiles by nearest rank."
    echo
    echo "| samples | p50 ms | p90 ms | p99 ms | min ms | max ms | senders |"
    echo "|---:|---:|---:|---:|---:|---:|---|"
    echo "| $(v lat.samples) | $(v lat.p50) | $(v lat.p90) | $(v lat.p99) | $(v lat.min) | $(v lat.max) | $(v lat.failed) failed: $(v lat.sent) |"
    echo
    for ((k = 1; k <= RECEIVERS; k++)); do echo "- rx$k: $(v lat.receiver$k)"; done
    echo "- CPU from go to the last arrival, in % of one core: $(v lat.cpu)"
    echo "- other \`dotnet test\`/build processes on the box: $(v lat.foreign)"
  fi
  if has_part c; then
    echo
    echo "## c. Recovery of the chat actor with $(v c.last) events in history"
    echo
    if [[ -n "${R[fill.count]:-}" ]]; then
      echo "Filled with $(v fill.count) messages by $SENDERS senders (no receivers) in $(v fill.ms) ms ($(awk -v n="${R[fill.count]}" -v ms="${R[fill.ms]}" 'BEGIN { printf "%.0f", n * 1000 / ms }')/s); $(v fill.failed) senders failed. Journal on disk: $(v c.db)."
    fi
    echo "Each restart: kill -9 of the seed (and its ffmpeg), then the seed started again on the same port and data directory. The last one finds no snapshot (the snapshot table's rows deleted while the seed was down): it replays the whole journal, which is what snapshots save."
    echo
    echo "| restart | how | last sequence | the seed's own line (its time: room created → recovery completed) | process start → that line (ms) | process start → \`chat history --last 1\` returns the last message (ms) | seed RSS then (MiB) |"
    echo "|---:|---|---:|---|---:|---:|---:|"
    printf '%s\n' "${REC_ROWS[@]}"
  fi
  if has_part d; then
    echo
    echo "## d. What a user would otherwise pick to persist chat (persistence alone, same disk, same run)"
    echo
    echo "No chat server (IRC, XMPP, Matrix, Redis) is installed on this machine, so nothing compares whole (persist + deliver to members); these are the databases a chat would write to, one message per transaction as an acknowledged-after-persist chat needs."
    echo
    echo "| store | how | written | transactions/s |"
    echo "|---|---|---|---:|"
    printf '%s\n' "${BASE_ROWS[@]}"
  fi
} >"$RESULTS"
mv "$RESULTS" "$RESULTS_FINAL"
echo "results: $RESULTS_FINAL" >&2
cat "$RESULTS_FINAL"
