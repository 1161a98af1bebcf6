#!/usr/bin/env bash
# Unpacks the Jetty distribution (jetty-home) of the given version from Maven Central, cached in the
# local Maven repository, into target/, and prints its path.
set -euo pipefail
version=${1:?usage: fetch-jetty-home.sh VERSION}
root="$(cd "$(dirname "$0")/.." && pwd)"
home="$root/target/jetty-home-$version"
if [ ! -f "$home/start.jar" ]; then
  mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="org.eclipse.jetty:jetty-home:$version:tar.gz" \
      -DoutputDirectory="$root/target" -Dmdep.stripVersion=false >&2
  tar xzf "$root/target/jetty-home-$version.tar.gz" -C "$root/target"
fi
echo "$home"
