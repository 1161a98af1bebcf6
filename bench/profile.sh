#!/usr/bin/env bash
# Where a gateway node spends its CPU on the bearer + rate limit route: one node (Jetty 12.1 through
# jetty-base, the benchmark's config, a real Keycloak token) under wrk for PROFILE_SECONDS (default 20,
# after a 15 s warm-up), recorded with JDK Flight Recorder's method sampling. Prints the hottest methods
# on top of the stack and the share of samples under each gateway method (inclusive). Loopback only.
# The recording stays in bench/out/profile.jfr for `jfr print` or JDK Mission Control.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
SECONDS_MEASURED=${PROFILE_SECONDS:-20}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
UPSTREAM_PORT=18081
NODE1_PORT=18080
KEYCLOAK_PORT=18180
KEYCLOAK_MANAGEMENT_PORT=18190
HAZELCAST_FIRST_PORT=5951
UPSTREAM_URL=http://127.0.0.1:$UPSTREAM_PORT/1k
CLUSTER_NAME=profile-$(date +%s)-$$
# shellcheck source=bench/lib/processes.sh
source bench/lib/processes.sh
PATH=$PATH:/usr/sbin
trap stop_all EXIT
trap 'exit 130' INT TERM

rm -rf "$OUT"
mkdir -p "$OUT/www" "$OUT/nginx-tmp"
[ -f target/gateway.war ] || mvn -q -B package -DskipTests
JETTY_VERSION=$(sed -n "s:.*<jetty.home.version>\(.*\)</jetty.home.version>.*:\1:p" pom.xml)
JETTY_HOME=$(jetty-base/fetch-jetty-home.sh "$JETTY_VERSION")
head -c 1024 /dev/zero | tr '\0' 'x' >"$OUT/www/1k"
write_hazelcast_config
start_keycloak
start_nginx
GATEWAY_JAVA_OPTS="-XX:StartFlightRecording=filename=$OUT/profile.jfr,settings=profile,delay=15s,duration=${SECONDS_MEASURED}s" \
  start_gateway node1 node1 "$NODE1_PORT" "$ROOT/bench/gateway-bench.json"
TOKEN=$(token)
URL=http://127.0.0.1:$NODE1_PORT/secure/1k
echo "warm-up 15 s, then $SECONDS_MEASURED s recorded: $URL"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((15 + SECONDS_MEASURED + 2))s" -H "Authorization: Bearer $TOKEN" "$URL" | grep -E "Requests/sec|Non-2xx" || true
for _ in $(seq 50); do [ -s "$OUT/profile.jfr" ] && break; sleep 0.2; done
jfr print --events jdk.ExecutionSample --stack-depth 96 "$OUT/profile.jfr" | python3 bench/jfr-summary.py
