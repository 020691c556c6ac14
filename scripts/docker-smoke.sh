#!/usr/bin/env bash
# The outside-in smoke tests (static files as a browser asks for them, the heatmap and a phone
# respondent in Chromium) against the Docker image built from the Dockerfile, where a container
# engine answers; where none does, it says so and changes nothing. Called by ./test.sh after the
# build.
# Containers use the host's network only (the app and a throwaway PostgreSQL on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1; then
  echo "docker-smoke: NOT RUN: no docker client here, so the smoke journey did not run against the Docker image (only against ./run.sh)."
  exit 0
fi
if ! engine=$(docker info --format '{{.ServerVersion}}' 2>&1); then
  echo "docker-smoke: NOT RUN: no container engine answers here ($(echo "$engine" | tail -1)), so the smoke journey did not run against the Docker image (only against ./run.sh)."
  exit 0
fi

. scripts/postgres.sh
. scripts/health.sh
pg_ensure_installed
# Below Linux's ephemeral range (32768 and up), so no outgoing connection holds it; not $1.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    [ "$port" != "${1:-}" ] || continue
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
work=$(mktemp -d); chmod 755 "$work"
pg_port=$(free_port); app_port=$(free_port "$pg_port")
image="relational-coordination:smoke-$$"
container=""
cleanup() {
  [ -n "$container" ] && docker rm -f "$container" >/dev/null 2>&1
  docker rmi -f "$image" >/dev/null 2>&1 || true
  docker image prune -f --filter label=org.relationalcoordination.stage=build >/dev/null 2>&1 || true
  pg_stop_cluster "$work/postgres"
  rm -rf "$work"
}
trap cleanup EXIT

echo "docker-smoke: building the image (engine $engine)"
# Base images can be replaced (a registry mirror, or images built locally where none is reachable).
build_args=()
[ -n "${RC_DOCKER_SDK_IMAGE:-}" ] && build_args+=(--build-arg "SDK_IMAGE=$RC_DOCKER_SDK_IMAGE")
[ -n "${RC_DOCKER_RUNTIME_IMAGE:-}" ] && build_args+=(--build-arg "RUNTIME_IMAGE=$RC_DOCKER_RUNTIME_IMAGE")
docker build --network host "${build_args[@]}" -t "$image" . >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

pg_start_cluster "$work/postgres" "$pg_port"
# Passed by name from the environment, so the password is not on docker's command line (ps).
export ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=rc;Username=postgres;Password=$(pg_password "$work/postgres")"
Secrets__HashKey=$(head -c 32 /dev/urandom | base64)
export Secrets__HashKey
container=$(docker run -d --network host -e ConnectionStrings__Default -e Secrets__HashKey \
  -e "ASPNETCORE_URLS=http://127.0.0.1:$app_port" \
  "$image" --demo)
unset ConnectionStrings__Default Secrets__HashKey

for _ in $(seq 240); do
  app_healthy "$app_port" && break
  if [ "$(docker inspect -f '{{.State.Running}}' "$container")" != true ]; then
    docker logs "$container"; echo "docker-smoke: the container stopped before it answered" >&2; exit 1
  fi
  sleep 0.5
done
app_healthy "$app_port" || { docker logs "$container"; echo "docker-smoke: the container did not answer /health within 2 minutes" >&2; exit 1; }

echo "docker-smoke: the smoke journey against the image, at http://127.0.0.1:$app_port"
RC_OUTSIDE_IN_URL="http://127.0.0.1:$app_port" dotnet test tests/RelationalCoordination.Web.OutsideInTests/RelationalCoordination.Web.OutsideInTests.csproj \
  --no-build -c Release --filter "Stage=Smoke"
