#!/usr/bin/env bash
# Starts a local Keycloak (the distribution from Maven Central, cached in ~/.m2) on
# http://127.0.0.1:8180 in dev mode with the demo realm the tests use: users alice, bob and carol
# (password: <name>-password), clients "cli" (public) and "gateway" (secret "gateway-secret").
# The bundled gateway config trusts this realm, so the protected demo route works end to end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version=$(sed -n "s:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p" "$root/pom.xml")
home="$root/target/keycloak-demo/keycloak-$version"
if [ ! -x "$home/bin/kc.sh" ]; then
  mvn -q -B -f "$root/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" \
      -DoutputDirectory="$root/target/keycloak-demo" >&2
fi
mkdir -p "$home/data/import"
cp "$root/src/test/resources/keycloak/demo-realm.json" "$home/data/import/"
export KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}
export KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}
exec "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=8180 --http-management-port=8190 \
     --health-enabled=true --import-realm
