#!/usr/bin/env bash
# Builds the base images that the host-network container recipe uses where no registry is
# reachable, each only when it is missing or out of date (its label records what it was built
# from), so a second run costs a few seconds:
#   local/debian:bookworm       debootstrap from Debian's mirror, imported      (~1.5 min)
#   local/postgres:15           PostgreSQL from Debian's packages (docker/postgres), standing in
#                               for the official postgres image
#   local/dotnet-aspnet:10.0    the host's .NET runtimes (docker/dotnet), for RUNTIME_IMAGE
#   local/dotnet-sdk:10.0       the host's .NET SDK, for SDK_IMAGE
# Needs a running engine (DOCKER_HOST) and root for debootstrap. Usage: scripts/docker-images.sh
set -euo pipefail
shopt -s nullglob   # an empty folder of certificate authorities is an empty list
cd "$(dirname "$0")/.."

sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
debian_mirror=${RC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
label=org.relationalcoordination.source

# What an image was built from, as one hash: rebuilt when that changes.
source_of() { { echo "$1"; shift; cat "$@" </dev/null; } | sha256sum | cut -c1-16; }
current() { [ "$(docker image inspect -f "{{index .Config.Labels \"$label\"}}" "$1" 2>/dev/null)" = "$2" ]; }
build_log=$(mktemp); trap 'rm -f "$build_log"' EXIT
quietly() { "$@" >"$build_log" 2>&1 || { cat "$build_log" >&2; return 1; }; }

debian_source=$(source_of "bookworm minbase $debian_mirror")
if ! current local/debian:bookworm "$debian_source"; then
  echo "docker-images: local/debian:bookworm from $debian_mirror (debootstrap, about 1.5 minutes)" >&2
  rootfs=$(mktemp -d "${TMPDIR:-/tmp}/rc-rootfs-XXXXXX")
  quietly $sudo debootstrap --variant=minbase bookworm "$rootfs" "$debian_mirror"
  # Clean apt lists and caches: every image on top runs apt-get update anyway.
  $sudo rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  $sudo tar -C "$rootfs" -c . | docker import --change "LABEL $label=$debian_source" - local/debian:bookworm >/dev/null
  $sudo rm -rf "$rootfs"
fi

postgres_source=$(source_of "$debian_source" docker/postgres/*)
if ! current local/postgres:15 "$postgres_source"; then
  echo "docker-images: local/postgres:15 (PostgreSQL from Debian's packages)" >&2
  quietly docker build --network host --label "$label=$postgres_source" -t local/postgres:15 docker/postgres
fi

# The host's .NET, wherever it is installed (/usr/share/dotnet, /usr/lib/dotnet, ~/.dotnet…).
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
dotnet_versions=$(ls -d "$dotnet_root"/sdk/* "$dotnet_root"/shared/*/* 2>/dev/null | sort | tr '\n' ' ')
# context DOCKERFILE PATHS…: a tar stream of the Dockerfile, the certificate authorities the host
# added itself (ca-certificates/, perhaps empty) and dotnet/PATHS (relative to the .NET root).
cas=$(mktemp -d); trap 'rm -f "$build_log"; rm -rf "$cas"' EXIT
mkdir "$cas/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$cas/ca-certificates/" 2>/dev/null || true
context() {
  local dockerfile=$1; shift
  tar -c -C docker/dotnet "$dockerfile" -C "$cas" ca-certificates \
    -C "$dotnet_root" --transform 's,^\./,dotnet/,' "${@/#/./}"
}

runtime_source=$(source_of "$debian_source $dotnet_versions" docker/dotnet/runtime.Dockerfile)
if ! current local/dotnet-aspnet:10.0 "$runtime_source"; then
  echo "docker-images: local/dotnet-aspnet:10.0 (the host's .NET runtimes from $dotnet_root)" >&2
  parts=(dotnet host shared)
  [ -f "$dotnet_root/LICENSE.txt" ] && parts+=(LICENSE.txt)
  context runtime.Dockerfile "${parts[@]}" | quietly docker build --network host -f runtime.Dockerfile \
    --label "$label=$runtime_source" -t local/dotnet-aspnet:10.0 -
fi

sdk_source=$(source_of "$runtime_source" docker/dotnet/sdk.Dockerfile "$cas"/ca-certificates/*)
if ! current local/dotnet-sdk:10.0 "$sdk_source"; then
  echo "docker-images: local/dotnet-sdk:10.0 (the host's .NET SDK from $dotnet_root)" >&2
  # shellcheck disable=SC2046 # the names in a .NET install have no spaces
  context sdk.Dockerfile $(ls -A "$dotnet_root") | quietly docker build --network host -f sdk.Dockerfile \
    --build-arg "NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-}" \
    --label "$label=$sdk_source" -t local/dotnet-sdk:10.0 -
fi
