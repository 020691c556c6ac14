#!/usr/bin/env bash
# The container stage of ./test.sh: proves that the project runs in containers, not only on the
# machine's own PostgreSQL.
#   1. an engine: the one that answers, or else (Debian, root) a private dockerd it installs and
#      starts with host networking only, keeping its images in .data/docker for the next run;
#   2. with that private engine, the local base images (scripts/docker-images.sh; built once);
#   3. a slice of the web integration tests (the API and the PostgreSQL restart/outage tests) on a
#      PostgreSQL that Testcontainers starts (RC_TEST_POSTGRES_MODE=container or hostcontainer);
#   4. the compose stack built from the Dockerfile, with the smoke journey against it
#      (scripts/docker-smoke.sh).
# Where no engine can be had it says so loudly, and fails when CI is set. It removes the
# containers and images it made (not the base images) and stops the dockerd it started.
# Needs the Release build (./test.sh builds first). Usage: scripts/container-stage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/docker-engine.sh

started=$SECONDS
not_run() {
  echo "" >&2
  echo "################################################################################" >&2
  echo "## containers: NOT RUN: $1" >&2
  echo "## The web tests did not run on a containerised PostgreSQL, and the Docker image" >&2
  echo "## and compose stack were neither built nor tried." >&2
  echo "################################################################################" >&2
  if [ -n "${CI:-}" ]; then
    echo "containers: CI is set, so this fails the run." >&2
    exit 1
  fi
  exit 0
}

trap 'engine_down' EXIT
# A cancelled run still stops its engine: bash runs the EXIT trap on these only through exit.
trap 'exit 130' INT
trap 'exit 143' TERM
engine_up "$PWD/.data/docker" || not_run "$ENGINE_WHY"

# The recipe: host networking and local images on the private engine (or when asked for with
# RC_TEST_POSTGRES_MODE=hostcontainer); the official images on an engine that was already there.
case "${RC_TEST_POSTGRES_MODE:-}" in
  hostcontainer) network=host ;;
  container) network=bridge ;;
  *) if [ "$ENGINE_PRIVATE" = 1 ]; then network=host; else network=bridge; fi ;;
esac
echo "containers: engine $(docker info --format '{{.ServerVersion}}')$([ "$ENGINE_PRIVATE" = 1 ] && echo " (private, data in .data/docker)"), $network networking"

if [ "$network" = host ]; then
  if [ "$ENGINE_PRIVATE" = 1 ]; then
    # Only this stage uses the private engine: whatever a killed run left in it goes.
    leftovers=$(docker ps -aq)
    [ -z "$leftovers" ] || docker rm -f $leftovers >/dev/null
    docker volume prune -f >/dev/null
  fi
  images_started=$SECONDS
  scripts/docker-images.sh
  echo "containers: base images ready in $((SECONDS - images_started)) s"
  fixture_mode=hostcontainer
  # Testcontainers without its reaper image (no registry), on the engine's socket.
  export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
  export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41}
else
  fixture_mode=container
fi

status=0
slice_started=$SECONDS
echo "containers: web tests (API, PostgreSQL restarts and outages) with RC_TEST_POSTGRES_MODE=$fixture_mode"
env -u RC_TEST_POSTGRES RC_TEST_POSTGRES_MODE=$fixture_mode \
  dotnet test tests/RelationalCoordination.Web.Tests/RelationalCoordination.Web.Tests.csproj --no-build -c Release \
  --filter "FullyQualifiedName~.Api.Api|FullyQualifiedName~.Pages.PersistenceTests" || status=1
echo "containers: web tests on a container took $((SECONDS - slice_started)) s"

smoke_started=$SECONDS
RC_CONTAINER_NETWORK=$([ "$network" = host ] && echo host || true) scripts/docker-smoke.sh || status=1
echo "containers: image, compose stack and smoke journey took $((SECONDS - smoke_started)) s"

if [ "$ENGINE_PRIVATE" = 1 ]; then
  # A failed build leaves its container; the base images stay for the next run.
  docker container prune -f >/dev/null
fi
echo "containers: stage $([ $status = 0 ] && echo passed || echo FAILED) in $((SECONDS - started)) s"
exit $status
