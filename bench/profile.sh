#!/usr/bin/env bash
# Where a gateway node spends its CPU: node 1 (Jetty 12.1 through jetty-base, the benchmark's config)
# under wrk for PROFILE_SECONDS (default 20, after a 15 s warm-up), recorded with JDK Flight Recorder's
# method sampling. PROFILE_TARGET=bearer (default): the bearer + rate limit route with a real Keycloak
# token, one node. PROFILE_TARGET=header-limit: a second node joins, and node 1's header limit is asked
# with 1,000 random keys, whose buckets both members own. PROFILE_TARGET=distinct-keys: the same, with a key
# never sent before on every request (a client inventing header values). Prints the hottest methods
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
TARGET=${PROFILE_TARGET:-bearer}
start_nginx
if [ "$TARGET" = bearer ]; then
  start_keycloak
fi
GATEWAY_JAVA_OPTS="-XX:StartFlightRecording=filename=$OUT/profile.jfr,settings=profile,delay=15s,duration=${SECONDS_MEASURED}s" \
  start_gateway node1 node1 "$NODE1_PORT" "$ROOT/bench/gateway-bench.json"
if [ "$TARGET" = bearer ]; then
  URL=http://127.0.0.1:$NODE1_PORT/secure/1k
  LOAD=(-H "Authorization: Bearer $(token)")
else
  NODE2_PORT=18083
  start_gateway node2 node2 "$NODE2_PORT" "$ROOT/bench/gateway-bench.json"
  wait_members 2 "$NODE1_PORT" "$NODE2_PORT"
  URL=http://127.0.0.1:$NODE1_PORT/limited/1k
  LOAD=(-s bench/header-keys.lua -- 1000 key-)
  [ "$TARGET" != distinct-keys ] || LOAD=(-s bench/header-keys.lua -- 0 "new-$(date +%s)-")
fi
echo "warm-up 15 s, then $SECONDS_MEASURED s recorded: $URL"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((15 + SECONDS_MEASURED + 2))s" "$URL" "${LOAD[@]}" | grep -E "Requests/sec|Non-2xx" || true
echo "rate limit decisions that failed on node 1: $(health "$NODE1_PORT" rate_limit_failures)"
for _ in $(seq 50); do [ -s "$OUT/profile.jfr" ] && break; sleep 0.2; done
jfr print --events jdk.ExecutionSample --stack-depth 96 "$OUT/profile.jfr" | python3 bench/jfr-summary.py
