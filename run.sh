#!/usr/bin/env bash
# For now: scores the reference data with the `rc` command-line scorer and prints where the
# results are. (The web app will take this command over.)
# Usage: ./run.sh [--anonymous] [--min-group-size K]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET SDK (10.0) is missing; install it from https://dot.net and run ./run.sh again" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build src/RelationalCoordination.Cli -c Release -nologo -v quiet
rc=(dotnet src/RelationalCoordination.Cli/bin/Release/net10.0/rc.dll)
data=tests/reference
out=out/reference

"${rc[@]}" score "$data/tiny/responses.csv" --out "$out/tiny" "$@"
"${rc[@]}" score "$data/hospital/wave1.csv" --out "$out/hospital-wave1" "$@"
"${rc[@]}" score "$data/hospital/wave2.csv" --out "$out/hospital-wave2" "$@"
"${rc[@]}" compare "$data/hospital/wave1.csv" "$data/hospital/wave2.csv" --out "$out/hospital-change" "$@"

echo
echo "Results are in $(pwd)/$out:"
for d in "$out"/*/; do echo "  $d$(ls "$d" | tr '\n' ' ')"; done
