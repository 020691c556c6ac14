#!/usr/bin/env bash
# Starts the web app on http://127.0.0.1:5000 (or --port N / $PORT).
# Without ConnectionStrings__Default it installs PostgreSQL if missing and runs a local cluster
# under .data/ whose data persists between runs. Migrations are applied at start.
#   ./run.sh [--port N] [--demo]
#   --demo   also seeds a demo organisation and user (printed) with two closed, answered surveys
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
port=${PORT:-5000}
app_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --demo) app_args+=(--demo); shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET SDK (10.0) is missing; install it from https://dot.net and run ./run.sh again" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

app_pid=""
cleanup() {
  # Stop the app first, then the database it uses.
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "${pg_dir:-}" ]; then pg_stop_cluster "$pg_dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${ConnectionStrings__Default:-}" ]; then
  . scripts/postgres.sh
  pg_ensure_installed
  pg_port=${RC_PG_PORT:-55432}
  pg_dir="$root/.data/postgres"
  pg_start_cluster "$pg_dir" "$pg_port"
  export PGPASSWORD; PGPASSWORD=$(pg_password "$pg_dir")
  "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='rc'" | grep -q 1 \
    || "$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE rc" >/dev/null
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=rc;Username=postgres;Password=$PGPASSWORD"
  echo "PostgreSQL: local cluster in .data/postgres on port $pg_port"
fi

dotnet build src/RelationalCoordination.Web -c Release -nologo -v quiet
echo "Relational Coordination: http://127.0.0.1:$port"
# The project folder is the content root: appsettings.json and wwwroot are found there.
cd src/RelationalCoordination.Web
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} \
  dotnet bin/Release/net10.0/RelationalCoordination.Web.dll --urls "http://127.0.0.1:$port" "${app_args[@]}" &
app_pid=$!
wait "$app_pid"
