#!/usr/bin/env bash
# The outside-in smoke tests (static files as a browser asks for them, the demo leader's sign-in
# and heatmap, a phone respondent in Chromium) against the compose stack built from the
# Dockerfile and docker-compose.yml: PostgreSQL and the app, on free ports. Called by
# scripts/container-stage.sh, after the build, with an engine that answers.
#   RC_CONTAINER_NETWORK=host    adds docker-compose.host.yml (host networking, local base images:
#                                scripts/docker-images.sh builds them); otherwise the official images
# Removes what it made (containers, volume, the app's image), never the base images.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/health.sh

if ! engine=$(docker info --format '{{.ServerVersion}}' 2>&1); then
  echo "docker-smoke: no container engine answers ($(echo "$engine" | tail -1))" >&2
  exit 1
fi
# Compose v2 (the docker plugin) where there is one; Debian's docker-compose 1.29 otherwise.
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi

# Below Linux's ephemeral range (32768 and up), so no outgoing connection holds it; not $1.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    [ "$port" != "${1:-}" ] || continue
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
work=$(mktemp -d)
files=(-f docker-compose.yml)
# Named files replace docker-compose.override.yml (the published port), which host networking refuses.
if [ "${RC_CONTAINER_NETWORK:-}" = host ]; then files+=(-f docker-compose.host.yml); else files+=(-f docker-compose.override.yml); fi
# The demo organisation, for the journey: a third file, so the two real ones stay as documented.
printf 'services:\n  app:\n    command: ["--demo"]\n' >"$work/demo.yml"
files+=(-f "$work/demo.yml")
project="rc-smoke-$$"
dc() { "${compose[@]}" -p "$project" --project-directory . "${files[@]}" "$@"; }

RC_DB_PORT=$(free_port); RC_HTTP_PORT=$(free_port "$RC_DB_PORT")
# Throwaway secrets, passed to compose through the environment (not on a command line: ps).
POSTGRES_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
RC_HASH_KEY=$(head -c 32 /dev/urandom | base64)
export RC_DB_PORT RC_HTTP_PORT POSTGRES_PASSWORD RC_HASH_KEY

cleanup() {
  dc down -v --rmi local --remove-orphans >/dev/null 2>&1 || true
  # The legacy builder keeps the build stage as an untagged image, and a failed build its container.
  docker image prune -f --filter label=org.relationalcoordination.stage=build >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "docker-smoke: building the app's image and starting the compose stack (engine $engine${RC_CONTAINER_NETWORK:+, $RC_CONTAINER_NETWORK network})"
phase=$SECONDS
dc build >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "docker-smoke: the image did not build" >&2; exit 1; }
echo "docker-smoke: image built in $((SECONDS - phase)) s"
phase=$SECONDS
dc up -d >"$work/up.log" 2>&1 || { cat "$work/up.log"; dc logs --no-color | tail -n 50; echo "docker-smoke: the stack did not start" >&2; exit 1; }

# The app starts once PostgreSQL is healthy, then migrates and seeds the demo.
for _ in $(seq 360); do
  app_healthy "$RC_HTTP_PORT" && break
  sleep 0.5
done
if ! app_healthy "$RC_HTTP_PORT"; then
  dc ps; dc logs --no-color | tail -n 80
  echo "docker-smoke: the app did not answer /health on port $RC_HTTP_PORT within 3 minutes" >&2
  exit 1
fi
echo "docker-smoke: /health answers 200, $((SECONDS - phase)) s after compose up; the smoke journey against the stack, at http://127.0.0.1:$RC_HTTP_PORT"
RC_OUTSIDE_IN_URL="http://127.0.0.1:$RC_HTTP_PORT" dotnet test tests/RelationalCoordination.Web.OutsideInTests/RelationalCoordination.Web.OutsideInTests.csproj \
  --no-build -c Release --filter "Stage=Smoke" || { dc logs --no-color app | tail -n 40; exit 1; }
