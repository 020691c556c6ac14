# A stand-in for mcr.microsoft.com/dotnet/sdk:10.0 where no registry is reachable: the host's
# whole .NET SDK on the local runtime image. scripts/docker-images.sh streams the context: this
# file and the host's dotnet/ folder.
ARG RUNTIME_IMAGE=local/dotnet-aspnet:10.0
FROM ${RUNTIME_IMAGE}
COPY dotnet /usr/share/dotnet
# Certificate authorities the host added itself (/usr/local/share/ca-certificates; the folder may be
# empty) travel with its SDK: behind a TLS-inspecting proxy, as on the machines this was built on,
# NuGet restore inside the build fails with UntrustedRoot without them.
COPY ca-certificates/ /usr/local/share/ca-certificates/
RUN update-ca-certificates >/dev/null 2>&1
# The host's NuGet quirk travels with its SDK too (on these machines certificate revocation cannot be
# checked online); empty where the host has none.
ARG NUGET_CERT_REVOCATION_MODE=""
ENV NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE} \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
