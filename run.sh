#!/usr/bin/env bash
# Starts the gateway on http://localhost:8080 with its bundled default config, in the Jetty 12.1
# distribution through jetty-base/, in front of sample upstream services on 127.0.0.1:9001-9003.
# Needs only Java 17+ and Maven; Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

JETTY_VERSION=$(sed -n "s:.*<jetty.home.version>\(.*\)</jetty.home.version>.*:\1:p" pom.xml)
mvn -q -B package -DskipTests
JETTY_HOME=$(jetty-base/fetch-jetty-home.sh "$JETTY_VERSION")

java demo/DemoUpstream.java user-service:9001 user-service:9002 order-service:9003 &
UPSTREAMS=$!
trap 'kill $UPSTREAMS 2>/dev/null' EXIT

echo "Gateway starting on http://localhost:8080 -- try: curl localhost:8080/api/v1/users/1"
java -jar "$JETTY_HOME/start.jar" jetty.home="$JETTY_HOME" jetty.base="$PWD/jetty-base" "$@"
