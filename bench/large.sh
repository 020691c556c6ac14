#!/usr/bin/env bash
# The web app on the large workload of docs/benchmarks.md (40 roles, 20,000 respondents, 735,668
# observations, 36 MB) and at 4× and 16× it: API import against a bare COPY of the same rows into
# the same tables, closing (score and store the results), and every results page of the largest
# survey (p50/p95). Runs its own PostgreSQL cluster under bench-data/large/postgres and the app in
# Release on 127.0.0.1:5097; the client is bench/large.py (standard library only).
# Usage: bench/large.sh [runs per multiple, default 3] [multiples, default 1,4,16] [requests per page, default 20] [shared_buffers]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3} multiples=${2:-1,4,16} page_runs=${3:-20}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
Secrets__HashKey=${Secrets__HashKey:-$(head -c 32 /dev/urandom | base64)}
export Secrets__HashKey
. scripts/postgres.sh
pg_ensure_installed

dotnet build src/RelationalCoordination.Web -c Release -nologo -v quiet >/dev/null
dotnet build bench/RelationalCoordination.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true
bench=bench/RelationalCoordination.Benchmarks/bin/Release/net10.0/RelationalCoordination.Benchmarks.dll
mkdir -p bench-data/large
file=bench-data/responses-20000.csv
[ -f "$file" ] || dotnet "$bench" generate --respondents 20000 --roles 40 --coverage 0.92 --seed 1 --out "$file" >/dev/null

pg_dir=$PWD/bench-data/large/postgres port=55497 app=http://127.0.0.1:5097
rm -rf "$pg_dir"
pg_start_cluster "$pg_dir" "$port"
export PGPASSWORD; PGPASSWORD=$(pg_password "$pg_dir")
# PostgreSQL's defaults (shared_buffers 128 MB) unless a size is given, e.g. 4GB as a server of
# this size would be tuned: bench/large.sh 1 1,16 20 4GB
if [ -n "${4:-}" ]; then
  "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "ALTER SYSTEM SET shared_buffers = '$4'" -c "ALTER SYSTEM SET max_wal_size = '8GB'" >/dev/null
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m fast -w restart >/dev/null
fi
db=rc_large
"$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $db" >/dev/null
token=rc_bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=$db;Username=postgres;Password=$PGPASSWORD;Command Timeout=600" \
  Bootstrap__AdminEmail=bench@example.org Bootstrap__AdminPassword=bench-password-1234 Bootstrap__Organisation=Bench \
  Bootstrap__ApiToken="$token" ASPNETCORE_ENVIRONMENT=Production \
  bash -c 'cd src/RelationalCoordination.Web/bin/Release/net10.0 && exec dotnet RelationalCoordination.Web.dll --urls "$0"' "$app" >bench-data/large/web.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; pg_stop_cluster "$pg_dir"' EXIT
until curl -sf "$app/health" >/dev/null; do sleep 0.5; done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version) SDK, PostgreSQL $("$(pg_bin)/postgres" --version | awk '{print $3}'), $(date -u +%Y-%m-%d)"
echo "server settings: $("$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$db" -Atc "SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes','shared_buffers','max_wal_size')")"
python3 bench/large.py --app "$app" --token "$token" --email bench@example.org --password bench-password-1234 \
  --file "$file" --psql "$(pg_bin)/psql -h 127.0.0.1 -p $port -U postgres -d $db" --data "$PWD/bench-data/large" \
  --runs "$runs" --multiples "$multiples" --page-runs "$page_runs"
grep -E "Imported|ERR" bench-data/large/web.log | tail -5 || true
