#!/usr/bin/env bash
# Starts the web app on http://127.0.0.1:5000 (or --port N / $PORT) and prints its address once it answers.
# Without ConnectionStrings__Default it installs PostgreSQL if missing and runs a local cluster
# under .data/ (or $RC_DATA_DIR) whose data persists between runs. Migrations are applied at start.
#   ./run.sh [--port N] [--demo]
#   --demo   also seeds a demo organisation and user (printed) with two closed, answered surveys
# Environment: PORT, RC_DATA_DIR, RC_PG_PORT, PG_BIN, ConnectionStrings__Default, Secrets__HashKey,
# ASPNETCORE_ENVIRONMENT (see README.md).
set -euo pipefail
caller=$(pwd)
cd "$(dirname "$0")"
root=$(pwd)
port=${PORT:-5000}
data_dir=${RC_DATA_DIR:-$root/.data}
case "$data_dir" in /*) ;; *) data_dir="$caller/$data_dir" ;; esac
app_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --demo) app_args+=(--demo); shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET SDK (10.0) is missing; install it from https://dot.net and run ./run.sh again" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
# One ./run.sh per data folder: a second would republish the first one's app under it and stop
# its PostgreSQL on exit.
exec 9>"$data_dir/.run.lock"
if ! flock -n 9; then
  echo "run.sh: another ./run.sh is using $data_dir; stop it first, or give this one its own RC_DATA_DIR" >&2
  exit 1
fi

# Before anything starts: a second ./run.sh, or another program, on the port would make the app
# fail to bind after a minute of building.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "run.sh: port $port on 127.0.0.1 is already in use (is the app already running?); choose another with --port N" >&2
  exit 1
fi

app_pid=""
build_pid=""
cleanup() {
  # Stop the build or the app first, then the database it uses.
  if [ -n "$build_pid" ]; then kill "$build_pid" 2>/dev/null || true; wait "$build_pid" 2>/dev/null || true; fi
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "${pg_dir:-}" ]; then pg_stop_cluster "$pg_dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${ConnectionStrings__Default:-}" ]; then
  . scripts/postgres.sh
  pg_ensure_installed
  pg_port=${RC_PG_PORT:-55432}
  pg_dir="$data_dir/postgres"
  pg_start_cluster "$pg_dir" "$pg_port" 9>&-
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=rc;Username=postgres;Password=$(pg_password "$pg_dir")"
  echo "PostgreSQL: local cluster in $pg_dir on port $pg_port"
fi

# The key of the keyed hashes of invitation codes and API retries (docs/operations.md): made once,
# kept with the data it protects, readable by this user only. Losing it makes every unused
# invitation code stop working.
if [ -z "${Secrets__HashKey:-}" ]; then
  if [ ! -s "$data_dir/hash-key" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 > "$data_dir/hash-key")
  fi
  Secrets__HashKey=$(cat "$data_dir/hash-key")
  export Secrets__HashKey
fi

# The published output, as a deployment (and the Dockerfile) runs it: only there do the static
# files' compressed variants and their endpoint manifest sit beside the app, so a browser asking
# for gzip or br gets the file (decision 12). Published afresh each time: nothing stale is served.
app_dir="$data_dir/app"
if [ -e "$app_dir" ] && [ ! -f "$app_dir/.published-by-run-sh" ]; then
  echo "run.sh: $app_dir exists and was not published by run.sh; move it, or choose another RC_DATA_DIR" >&2
  exit 1
fi
rm -rf "$app_dir"
echo "Building the app into $app_dir (the first time, restoring packages takes a few minutes)…"
# In the background and waited for, so that Ctrl+C or a SIGTERM stops the build at once (bash
# runs a trap only after a foreground command ends) and the cleanup still stops PostgreSQL.
dotnet publish src/RelationalCoordination.Web -c Release -o "$app_dir" -nologo -v quiet -clp:ErrorsOnly 9>&- &
build_pid=$!
wait "$build_pid"
build_pid=""
touch "$app_dir/.published-by-run-sh"

# The publish folder is the content root: appsettings.json and wwwroot are found there.
cd "$app_dir"
ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} \
  dotnet RelationalCoordination.Web.dll --urls "http://127.0.0.1:$port" "${app_args[@]}" 9>&- &
app_pid=$!

# The address is printed once the app answers, so whoever reads it can open it at once.
. "$root/scripts/health.sh"
until app_healthy "$port"; do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    wait "$app_pid" && status=0 || status=$?
    app_pid=""
    echo "run.sh: the app stopped before it answered (exit code $status); its reason is above." >&2
    exit "$status"
  fi
  sleep 0.5
done
echo "Relational Coordination is running: http://127.0.0.1:$port (Ctrl+C stops it)"
wait "$app_pid"
