#!/usr/bin/env bash
# Times the web app on the large workload of docs/benchmarks.md (40 roles, 20,000 respondents,
# 735,668 observations): the import through the API, the closing (results scored and stored) and
# the heatmap page once its results are stored. Runs its own PostgreSQL cluster under
# bench-data/postgres and the app in Release on 127.0.0.1:5099.
# Usage: bench/web.sh [runs of the cached heatmap, default 20]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The app's hash key (docs/operations.md), one for every instance and the load generator.
Secrets__HashKey=${Secrets__HashKey:-$(head -c 32 /dev/urandom | base64)}
export Secrets__HashKey
. scripts/postgres.sh
pg_ensure_installed

dotnet build src/RelationalCoordination.Web -c Release -nologo -v quiet >/dev/null
dotnet build bench/RelationalCoordination.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true
bench=bench/RelationalCoordination.Benchmarks/bin/Release/net10.0/RelationalCoordination.Benchmarks.dll
mkdir -p bench-data
file=bench-data/responses-20000.csv
[ -f "$file" ] || dotnet "$bench" generate --respondents 20000 --roles 40 --coverage 0.92 --seed 1 --out "$file" >/dev/null

pg_dir=$PWD/bench-data/postgres port=55499 app=http://127.0.0.1:5099
pg_start_cluster "$pg_dir" "$port"
export PGPASSWORD; PGPASSWORD=$(pg_password "$pg_dir")
db=rc_bench_$(date +%s)
"$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $db" >/dev/null
token=rc_bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=$db;Username=postgres;Password=$PGPASSWORD" \
  Bootstrap__AdminEmail=bench@example.org Bootstrap__AdminPassword=bench-password-1234 Bootstrap__Organisation=Bench \
  Bootstrap__ApiToken="$token" ASPNETCORE_ENVIRONMENT=Production \
  bash -c 'cd src/RelationalCoordination.Web/bin/Release/net10.0 && exec dotnet RelationalCoordination.Web.dll --urls "$0"' "$app" >bench-data/web.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; pg_stop_cluster "$pg_dir"' EXIT
until curl -sf "$app/health" >/dev/null; do sleep 0.5; done

roles=$(python3 -c "import csv,json,sys; r=sorted({row['role'] for row in csv.DictReader(open('$file'))} | {row['target_role'] for row in csv.DictReader(open('$file'))}); print(json.dumps([{'name': n} for n in r]))")
auth=(-H "Authorization: Bearer $token")
id=$(curl -sf "${auth[@]}" -H "Content-Type: application/json" "$app/api/v1/surveys" \
  -d "{\"title\":\"Large\",\"workProcess\":\"discharging a patient\",\"roles\":$roles}" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
curl -sf "${auth[@]}" -X POST "$app/api/v1/surveys/$id/open" >/dev/null

seconds() { python3 -c "import sys; print(f'{float(sys.argv[1]):.2f}')" "$1"; }
import=$(curl -sf -o bench-data/import.json -w '%{time_total}' "${auth[@]}" -H "Content-Type: text/csv" --data-binary @"$file" "$app/api/v1/surveys/$id/responses/import")
# Results exist once the survey closes (decision 15): closing stores the answers and scores them once.
first=$(curl -sf -o /dev/null -w '%{time_total}' "${auth[@]}" -X POST "$app/api/v1/surveys/$id/close")

# Sign in as the bootstrap owner, for the heatmap page.
jar=$(mktemp)
form=$(curl -sf -c "$jar" "$app/account/signin")
af=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | sed 's/.*value="//; s/"$//')
curl -sf -b "$jar" -c "$jar" -o /dev/null --data-urlencode "Email=bench@example.org" --data-urlencode "Password=bench-password-1234" \
  --data-urlencode "__RequestVerificationToken=$af" "$app/account/signin"
org=$(curl -sf -b "$jar" "$app/orgs" | grep -o '/orgs/[0-9a-f-]\{36\}' | head -1)
heatmap="$app$org/surveys/$id/results/heatmap"
curl -sf -b "$jar" -o /dev/null "$heatmap"   # warm: the page compiled, the results stored
times=()
for _ in $(seq "$runs"); do times+=("$(curl -sf -b "$jar" -o /dev/null -w '%{time_total}' "$heatmap")"); done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
p95=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; print a[i]}')
size=$(curl -sf -b "$jar" "$heatmap" | wc -c)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version) SDK"
echo "imported: $(cat bench-data/import.json)"
echo
echo "| step | time | target |"
echo "| --- | ---: | ---: |"
echo "| import of $(du -m "$file" | cut -f1) MB through the API (parse, validate, COPY) | $(seconds "$import") s | < 20 s |"
echo "| closing: store the answers, score and store the results | $(seconds "$first") s | < 3 s |"
echo "| heatmap page, results stored (median of $runs; p95) | $(python3 -c "print(f'{float(\"$median\")*1000:.0f}')") ms; $(python3 -c "print(f'{float(\"$p95\")*1000:.0f}')") ms | < 200 ms |"
echo "| heatmap page size | $((size / 1024)) KB | |"
