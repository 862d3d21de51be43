#!/usr/bin/env bash
# The main command: installs what is missing (ffmpeg), builds ActorStream, and runs `actorstream demo`: a seed
# streaming a live test pattern and two viewer nodes (separate processes, loopback), with the live metrics table
# (frames, fps, bitrate, loss, jitter, latency p50/p95/p99, frame gaps, queues, drops). Runs until Ctrl+C, then
# prints a summary per viewer and station and stops everything it started.
# Arguments go to `actorstream demo`: --viewers N, --duration SECONDS (e.g. ./demo.sh --duration 30).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

dotnet build src/Nodes -c Release -nologo -clp:ErrorsOnly -v:q
exec src/Nodes/bin/Release/net10.0/actorstream demo "$@"
