#!/usr/bin/env bash
# `rc score` as the build output runs it (dotnet rc.dll, JIT): generates the workloads
# deterministically, then times it end to end (wall clock and peak memory, /usr/bin/time) and stage
# by stage. The native executable against R is bench/versus-r.sh.
# Usage: bench/run.sh [runs per size, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/RelationalCoordination.Cli -c Release -nologo -v quiet >/dev/null
dotnet build bench/RelationalCoordination.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true   # idle build servers would share the 2 cores

rc=src/RelationalCoordination.Cli/bin/Release/net10.0/rc.dll
bench=bench/RelationalCoordination.Benchmarks/bin/Release/net10.0/RelationalCoordination.Benchmarks.dll
mkdir -p bench-data

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version) SDK"
echo
echo "| respondents | observations | CSV size | dotnet rc.dll score end to end (median of $runs) | peak memory | read | parse | score | write |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for respondents in 200 2000 20000; do
  file=bench-data/responses-$respondents.csv
  [ -f "$file" ] || dotnet "$bench" generate --respondents "$respondents" --roles 40 --coverage 0.92 --seed 1 --out "$file" >/dev/null
  times=(); peak=0
  for _ in $(seq "$runs"); do
    read -r seconds kb < <( { /usr/bin/time -f "%e %M" dotnet "$rc" score "$file" --out bench-data/out >/dev/null; } 2>&1 | tail -1)
    times+=("$seconds"); (( kb > peak )) && peak=$kb
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  IFS=$'\t' read -r observations loaded parse score write < <(dotnet "$bench" stages "$file" --iterations "$runs")
  size=$(du -m "$file" | cut -f1)
  printf '| %s | %s | %s MB | %s s | %s MB | %s ms | %s ms | %s ms | %s ms |\n' \
    "$respondents" "$observations" "$size" "$median" "$((peak / 1024))" "$loaded" "$parse" "$score" "$write"
done
