#!/bin/sh
# The version of a build made without .git (a container build from a source archive or with
# .git excluded from the context): the latest release in CHANGELOG.md with "-source" appended, so
# the binary says it is built from that release's line of sources, not from the tag itself.
# A build with git metadata, or with the Dockerfile's VERSION argument, never uses this.
# Usage: deploy/release-version.sh [CHANGELOG.md]
set -eu
release=$(sed -n 's/^## \[\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\)\].*/\1/p' "${1:-CHANGELOG.md}" | head -n 1)
if [ -z "$release" ]; then
  echo "no '## [x.y.z] - date' release heading in ${1:-CHANGELOG.md}" >&2
  exit 1
fi
echo "$release-source"
