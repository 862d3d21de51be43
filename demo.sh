#!/usr/bin/env bash
# The main job: builds ActorStream and runs a seed node that streams a live test pattern (with the local
# time drawn on it, and a test tone) to a UDP destination and a TCP listener, while a real ffprobe decodes
# what arrives over UDP. Runs for DURATION seconds (default 20); Ctrl+C stops it early.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

duration=${1:-${DURATION:-20}}
udp_port=${ACTORSTREAM_DEMO_UDP_PORT:-5600}
tcp_port=${ACTORSTREAM_DEMO_TCP_PORT:-5601}

dotnet build src/Nodes -c Release -nologo -clp:ErrorsOnly -v:q
exe=src/Nodes/bin/Release/net10.0/actorstream

echo "== ActorStream demo: seed -> udp://127.0.0.1:$udp_port and tcp-listen://127.0.0.1:$tcp_port for ${duration}s"
echo "   (watch it yourself: ffplay udp://@127.0.0.1:$udp_port   or   ffplay tcp://127.0.0.1:$tcp_port)"

probe_out=$(mktemp)
ffprobe -v error -count_frames -select_streams v:0 \
  -show_entries stream=codec_name,width,height,nb_read_frames -of default=nw=1 \
  -read_intervals "%+$((duration > 6 ? duration - 4 : 2))" \
  -i "udp://127.0.0.1:$udp_port?timeout=$(( (duration + 10) * 1000000 ))" >"$probe_out" 2>&1 &
probe=$!
trap 'kill $probe 2>/dev/null || true; rm -f "$probe_out"' EXIT

"$exe" seed --dest "udp://127.0.0.1:$udp_port" --listen "127.0.0.1:$tcp_port" --duration "$duration"

wait $probe || true
echo "== What a real ffprobe decoded from udp://127.0.0.1:$udp_port:"
sed 's/^/   /' "$probe_out"
grep -q '^nb_read_frames=[1-9]' "$probe_out"
