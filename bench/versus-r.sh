#!/usr/bin/env bash
# `rc score` against an experienced R user's data.table pipeline (bench/score.R), side by side on
# the large workload of docs/benchmarks.md and at 4× and 16× its size (the growth table), with
# rc's own stages and the floor of a bare pass over the bytes.
# Usage: bench/versus-r.sh [runs, default 11] [largest multiple: 1, 4 or 16, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
largest=${2:-16}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# R from Debian (r-base-core, r-cran-data.table, r-cran-igraph), installed when missing.
if ! Rscript -e 'library(data.table); library(igraph)' >/dev/null 2>&1; then
  apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends r-base-core r-cran-data.table r-cran-igraph >/dev/null
fi

# rc as a researcher installs it for large data: the native executable (docs/cli.md).
dotnet publish src/RelationalCoordination.Cli -c Release -r linux-x64 -p:PublishAot=true -o bench-data/rc-native -nologo -v quiet >/dev/null
dotnet publish bench/RelationalCoordination.Benchmarks -c Release -r linux-x64 -p:PublishAot=true -o bench-data/bench-native -nologo -v quiet >/dev/null
dotnet build-server shutdown >/dev/null 2>&1 || true   # idle build servers would share the 2 cores
bench=bench-data/bench-native/RelationalCoordination.Benchmarks

files=()
for multiple in 1 4 16; do
  (( multiple > largest )) && break
  respondents=$((20000 * multiple))
  file=bench-data/responses-$respondents.csv
  [ -f "$file" ] || "$bench" generate --respondents "$respondents" --roles 40 --coverage 0.92 --seed 1 --out "$file" >/dev/null
  files+=("$file")
done

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(dotnet --version) SDK, $(R --version | head -1)"
echo
python3 bench/versus_r.py bench-data/rc-native/rc "$runs" "${files[@]}"
echo
echo "rc's stages in-process (median of $runs, warm): observations, read, parse, score, write (ms)"
for file in "${files[@]}"; do echo "$(basename "$file"): $("$bench" stages "$file" --iterations "$runs")"; done
echo
# The same clear error on bad input: one score of 7 on line 400,000 of the large workload.
bad=bench-data/responses-20000-bad.csv
awk -F, -v OFS=, 'NR == 400000 { $6 = 7 } { print }' bench-data/responses-20000.csv > "$bad"
start=$(date +%s.%N)
set +e; message=$(bench-data/rc-native/rc score "$bad" --out bench-data/bad-out 2>&1); code=$?; set -e
echo "bad input: exit $code in $(python3 -c "print(f'{$(date +%s.%N) - $start:.2f}')") s: $message"
