# Build: docker build --build-arg VERSION=$(git describe --tags | sed 's/^v//') \
#          --build-arg REVISION=$(git rev-parse HEAD) -t vbrick-rev-exporter .
#        (.git is not in the build context: the version and commit come in as arguments. Without
#        them the version is the latest release in CHANGELOG.md plus "-source", and the commit
#        "unknown": vbrick-exporter --version then says which release's sources it was built from.)
# Demo:  docker run -p 9874:9874 -e Demo__Enabled=true vbrick-rev-exporter
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY CHANGELOG.md ./
COPY deploy/release-version.sh deploy/
COPY src/ src/
ARG VERSION=""
ARG REVISION=""
RUN version="${VERSION:-$(sh deploy/release-version.sh CHANGELOG.md)}" \
    && dotnet publish src/Exporter/Exporter.csproj -c Release -o /app \
        -p:MinVerVersionOverride="$version" -p:SourceRevisionId="${REVISION:-unknown}"

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG VERSION=""
ARG REVISION=""
LABEL org.opencontainers.image.title="vbrick-rev-exporter" \
      org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.revision="$REVISION" \
      org.opencontainers.image.description="Prometheus / OpenTelemetry exporter for Vbrick Rev webcasts" \
      org.opencontainers.image.licenses="Apache-2.0"
WORKDIR /app
COPY --from=build /app ./
# The image's built-in non-root user, by number: Kubernetes' runAsNonRoot can only verify a
# numeric user. The app writes nothing to disk, so a read-only root works.
USER $APP_UID
ENV ASPNETCORE_URLS=http://+:9874 \
    DOTNET_gcServer=0
EXPOSE 9874
# No curl in the runtime image: the exporter checks itself, at the scheme and port of
# ASPNETCORE_URLS (override it and the check follows).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["dotnet", "vbrick-exporter.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "vbrick-exporter.dll"]
