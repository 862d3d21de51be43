#!/usr/bin/env bash
# Builds the runtime benchmark in Release and prints its table: ping-pong and 1->N fan-out throughput
# and bytes allocated per message. Optional argument: seconds per case (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Runtime.Bench -c Release -v quiet -nologo >/dev/null
exec dotnet bench/Runtime.Bench/bin/Release/net10.0/ActorStream.Runtime.Bench.dll "$@"
