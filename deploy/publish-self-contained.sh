#!/usr/bin/env bash
# Publishes the exporter self-contained (no .NET on the target, as for the systemd unit) and runs
# the binary the way the container does: demo mode and listen address from the environment, a
# read-only working directory, then the HEALTHCHECK command against it. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)/vbrick-exporter}"
rid="${RID:-linux-x64}"
dotnet publish src/Exporter/Exporter.csproj -c Release -r "$rid" --self-contained -o "$out" >/dev/null
chmod -R a-w "$out"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
( cd "$out" && Demo__Enabled=true ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_gcServer=0 exec ./vbrick-exporter >"$out.log" 2>&1 ) &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if "$out/vbrick-exporter" --healthcheck "http://127.0.0.1:$port/healthz"; then
    curl -fsS "http://127.0.0.1:$port/metrics" | grep -q '^vbrick_exporter_build_info' \
      && echo "self-contained build at $out is healthy on port $port" && exit 0
  fi
  sleep 0.3
done
echo "self-contained build never became healthy; log: $out.log" >&2
exit 1
