# The web app. Build: docker build -t relational-coordination .
# SDK_IMAGE and RUNTIME_IMAGE name other base images (a registry mirror, or local builds).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
FROM ${SDK_IMAGE} AS build
# Marks the build stage, which the legacy builder keeps as an untagged image:
# docker image prune --filter label=org.relationalcoordination.stage=build removes it.
LABEL org.relationalcoordination.stage=build
WORKDIR /src
COPY . .
RUN dotnet publish src/RelationalCoordination.Web -c Release -o /app

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "RelationalCoordination.Web.dll"]
