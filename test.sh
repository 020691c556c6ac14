#!/usr/bin/env bash
# Builds and runs every test. On a fresh machine it first checks for what is missing.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (10.0) is missing; install it from https://dot.net and run ./test.sh again" >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore RelationalCoordination.sln
dotnet build RelationalCoordination.sln --no-restore -c Release
dotnet test RelationalCoordination.sln --no-build -c Release "$@"
