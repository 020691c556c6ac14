#!/usr/bin/env bash
# Times every results page and export of a CLOSED survey of 100 roles (the default role limit)
# with 10 respondents per role, each rating all 100 roles: 1,000 respondents, 100,000
# observations. Runs its own PostgreSQL cluster under bench-data/results-pages/postgres and the
# app in Release on 127.0.0.1:5098; the client is bench/results_pages.py (standard library only).
# Usage: bench/results-pages.sh [runs per page, default 20] [roles, default 100] [respondents per role, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20} roles=${2:-100} per_role=${3:-10}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
. scripts/postgres.sh
pg_ensure_installed

dotnet build src/RelationalCoordination.Web -c Release -nologo -v quiet >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true

pg_dir=$PWD/bench-data/results-pages/postgres port=55498 app=http://127.0.0.1:5098
mkdir -p bench-data/results-pages
pg_start_cluster "$pg_dir" "$port"
export PGPASSWORD; PGPASSWORD=$(pg_password "$pg_dir")
db=rc_pages_$(date +%s)
"$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $db" >/dev/null
token=rc_bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
# The limit is raised only when more roles than the default are asked for (to measure beyond it).
ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=$db;Username=postgres;Password=$PGPASSWORD" \
  Bootstrap__AdminEmail=bench@example.org Bootstrap__AdminPassword=bench-password-1234 Bootstrap__Organisation=Bench \
  Bootstrap__ApiToken="$token" Surveys__MaxRoles="$(( roles > 100 ? roles : 100 ))" ASPNETCORE_ENVIRONMENT=Production \
  bash -c 'cd src/RelationalCoordination.Web/bin/Release/net10.0 && exec dotnet RelationalCoordination.Web.dll --urls "$0"' "$app" >bench-data/results-pages/web.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; pg_stop_cluster "$pg_dir"' EXIT
until curl -sf "$app/health" >/dev/null; do sleep 0.5; done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version) SDK, $(date -u +%Y-%m-%d)"
python3 bench/results_pages.py --app "$app" --token "$token" --email bench@example.org --password bench-password-1234 \
  --runs "$runs" --roles "$roles" --per-role "$per_role"
