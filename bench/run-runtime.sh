#!/usr/bin/env bash
# Builds the runtime benchmark in Release and prints its table for Akka.NET, next to the figures of the home-made
# runtime it replaced: in-process ping-pong and 1->N fan-out throughput with bytes allocated per message, and remote
# Tell between two processes over loopback TCP (the bench starts its receiver process itself and kills it by PID).
# Optional argument: seconds per case (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Runtime.Bench -c Release -v quiet -nologo >/dev/null
exec dotnet bench/Runtime.Bench/bin/Release/net10.0/ActorStream.Runtime.Bench.dll "$@"
