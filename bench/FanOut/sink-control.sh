# The sink (Sink/ActorStream.Bench.Sink): N unread UDP ports on 127.0.0.1 that count delivery from
# /proc/net/udp. It runs as a bash coprocess: commands go to its stdin, answers come from its stdout.
# shellcheck shell=bash

FANOUT_SINK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/Sink"
FANOUT_SINK_EXE="$FANOUT_SINK_DIR/bin/Release/net10.0/ActorStream.Bench.Sink"
SINK_PROC_PID=""
SINK_PORTS=""
SINK_TCPPORT=""
SINK_RCVBUF=""

fanout_build_sink() {
  dotnet build -c Release "$FANOUT_SINK_DIR/ActorStream.Bench.Sink.csproj" -nologo -v quiet >&2 \
    && [[ -x "$FANOUT_SINK_EXE" ]]
}

# Reads one line from the sink into SINK_LINE, waiting at most $1 seconds.
fanout_sink_read() {
  SINK_LINE=""
  [[ -n "${SINK[0]:-}" ]] || return 1
  IFS= read -r -t "$1" SINK_LINE <&"${SINK[0]}"
}

fanout_sink_send() {
  [[ -n "${SINK[1]:-}" ]] || return 1
  printf '%s\n' "$1" >&"${SINK[1]}"
}

# Starts a sink with $1 ports and waits (bounded) for its PORTS, RCVBUF and TCPPORT lines.
fanout_sink_start() {
  local n=$1 line
  coproc SINK { exec "$FANOUT_SINK_EXE" --count "$n"; }
  # Copied: bash unsets SINK_PID when the coprocess ends.
  SINK_PROC_PID=$SINK_PID
  fanout_track "$SINK_PROC_PID"
  SINK_PORTS=""; SINK_TCPPORT=""; SINK_RCVBUF=""
  for _ in 1 2 3; do
    fanout_sink_read 30 || { echo "sink did not start" >&2; return 1; }
    line=$SINK_LINE
    case "$line" in
      PORTS\ *) SINK_PORTS=${line#PORTS } ;;
      RCVBUF\ *) SINK_RCVBUF=${line#RCVBUF } ;;
      TCPPORT\ *) SINK_TCPPORT=${line#TCPPORT } ;;
    esac
  done
  [[ -n "$SINK_PORTS" && -n "$SINK_TCPPORT" ]]
}

fanout_sink_mark() {
  fanout_sink_send mark
  fanout_sink_read 30 && [[ "$SINK_LINE" == MARKED ]]
}

# Asks for the delivery since the last mark; PORT lines go to file $1, the REPORT line to SINK_REPORT.
fanout_sink_report() {
  local log=$1 i
  SINK_REPORT=""
  fanout_sink_send report
  for ((i = 0; i < 5000; i++)); do
    fanout_sink_read 30 || return 1
    case "$SINK_LINE" in
      REPORT\ *) SINK_REPORT=$SINK_LINE; return 0 ;;
      PORT\ *) [[ -n "$log" ]] && echo "$SINK_LINE" >>"$log" ;;
      *) echo "sink: $SINK_LINE" >&2; return 1 ;;
    esac
  done
  return 1
}

# Reads every datagram for $1 ms (after the measured window) for true sizes and bitrate.
fanout_sink_sizes() {
  SINK_SIZES=""
  fanout_sink_send "sizes $1"
  fanout_sink_read 30 && [[ "$SINK_LINE" == SIZES\ * ]] && SINK_SIZES=$SINK_LINE
}

fanout_sink_stop() {
  [[ -n "$SINK_PROC_PID" ]] || return 0
  fanout_sink_send quit 2>/dev/null || true
  local i
  for ((i = 0; i < 50; i++)); do kill -0 "$SINK_PROC_PID" 2>/dev/null || break; sleep 0.1; done
  fanout_stop_tree "$SINK_PROC_PID"
  SINK_PROC_PID=""
}

# Value of key $2 in a "WORD k=v k=v" line $1.
fanout_kv() {
  local word
  for word in $1; do
    [[ "$word" == "$2="* ]] && { echo "${word#*=}"; return 0; }
  done
  echo ""
}
