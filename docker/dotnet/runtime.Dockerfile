# A stand-in for mcr.microsoft.com/dotnet/aspnet:10.0 where no registry is reachable: the host's
# own .NET runtimes on a base image built from Debian's mirror. scripts/docker-images.sh streams
# the context: this file and a dotnet/ folder holding only the host, the muxer and shared/.
ARG BASE_IMAGE=local/debian:bookworm
FROM ${BASE_IMAGE}
# What the official image carries: certificates, ICU (the app formats Danish dates), time zones,
# and the non-root "app" user whose id the project's Dockerfile reads from APP_UID.
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      ca-certificates libicu72 libssl3 tzdata zlib1g >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --create-home app
ENV APP_UID=1654 \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_ROOT=/usr/share/dotnet \
    ASPNETCORE_HTTP_PORTS=8080
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
