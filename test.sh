#!/usr/bin/env bash
# Installs what is missing (PostgreSQL and Chromium from Debian's packages), builds, and runs
# every test: unit, CLI, web integration tests on a throwaway PostgreSQL cluster, browser tests in
# headless Chromium, then the outside-in tests: the app exactly as ./run.sh starts it (and, where a
# container engine answers or can be started, as the compose stack runs it), met over HTTP and in
# Chromium only; and a slice of the web tests on a PostgreSQL in a container (scripts/container-stage.sh).
# Usage: ./test.sh [extra dotnet test arguments]
# RC_TEST_POSTGRES_MODE=container runs the web tests' PostgreSQL in Docker (no PostgreSQL install
# needed); hostcontainer, on the host's network; cluster (the default), a local throwaway cluster.
# RC_TEST_POSTGRES=<connection string> runs the web tests against an existing server instead.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (10.0) is missing; install it from https://dot.net and run ./test.sh again" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

apt_install() {
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "test.sh: installing $* from Debian's packages…" >&2
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$@" >&2
}

. scripts/postgres.sh
# Only the local cluster needs PostgreSQL on this machine; the container modes bring their own.
case "${RC_TEST_POSTGRES_MODE:-cluster}" in
  container|hostcontainer) local_postgres=no ;;
  *) local_postgres=yes ;;
esac
if [ -z "${RC_TEST_POSTGRES:-}" ] && [ "$local_postgres" = yes ]; then
  pg_ensure_installed
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    apt_install chromium
  else
    echo "test.sh: no Chromium at ${CHROMIUM:-/usr/bin/chromium}: set CHROMIUM to a Chromium or Chrome binary for the browser tests" >&2
  fi
fi
# The interop tests open exported files with the tools change teams use (R igraph, R's read.csv,
# Python networkx and openpyxl), so those come from Debian's packages too.
if ! { command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(igraph)' >/dev/null 2>&1 \
    && /usr/bin/python3 -c 'import networkx, openpyxl' >/dev/null 2>&1; }; then
  if command -v apt-get >/dev/null 2>&1; then
    apt_install r-base-core r-cran-igraph python3-networkx python3-openpyxl
  else
    echo "test.sh: the interop tests need R with igraph and Debian's python3 with networkx and openpyxl" >&2
  fi
fi

# The API guide's examples, which an outside-in test runs as a reader would, use curl and python3.
for tool in curl python3; do
  if ! command -v "$tool" >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    apt_install "$tool"
  fi
done

dotnet restore RelationalCoordination.sln
# The build is a gate: warnings are errors, with the recommended analysers and the .editorconfig
# style rules (Directory.Build.props). Formatting is the other: the code as `dotnet format` leaves it.
dotnet build RelationalCoordination.sln --no-restore -c Release
if ! dotnet format RelationalCoordination.sln --verify-no-changes --no-restore; then
  echo "test.sh: the code is not formatted as .editorconfig says: run 'dotnet format RelationalCoordination.sln' and commit the result" >&2
  exit 1
fi

# One test project at a time: the browser tests share two cores with nothing else, and each
# project's result is reported on its own. Every project runs even when an earlier one fails.
status=0
for project in tests/*/*.Tests.csproj tests/*/*.BrowserTests.csproj; do
  dotnet test "$project" --no-build -c Release "$@" || status=1
done

# Outside-in: ./run.sh --demo on a fresh data folder and free ports, as a newcomer starts it. The
# tests above start the app in-process; a defect only the real start shows (static files served
# empty to browsers, once) is caught here.
echo "test.sh: outside-in tests on the app as ./run.sh starts it"
# A run killed before its cleanup (a cancelled CI job) leaves its cluster running: stopped here.
for cluster in "${TMPDIR:-/tmp}"/rc-outside-in-*/postgres; do
  [ -d "$cluster/data" ] || continue
  pg_stop_cluster "$cluster"; rm -rf "$(dirname "$cluster")"
done
if [ "$local_postgres" = yes ] || [ -n "$(pg_bin)" ]; then
  dotnet test tests/RelationalCoordination.Web.OutsideInTests/RelationalCoordination.Web.OutsideInTests.csproj --no-build -c Release "$@" || status=1
else
  # run.sh runs PostgreSQL from Debian's packages; in a container mode nothing installed them.
  echo "test.sh: NOT RUN: the outside-in tests of ./run.sh (no local PostgreSQL; RC_TEST_POSTGRES_MODE=$RC_TEST_POSTGRES_MODE)" >&2
  [ -z "${CI:-}" ] || status=1
fi

# Containers: a slice of the web tests on a PostgreSQL that Testcontainers starts, then the image
# and the compose stack with the smoke journey. Where no engine answers, it installs and starts a
# private one (Debian, root) with host networking; where none can be had, it says so (and fails
# under CI).
scripts/container-stage.sh || status=1
exit $status
