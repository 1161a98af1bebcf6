#!/usr/bin/env bash
# Throughput, tail latency and rate limiter behaviour of the gateway against nginx, on loopback only.
# Not a test, not run in CI. Temp files, logs and raw wrk output go to bench/out/.
#
# 1. One node, against nginx: the gateway (target/gateway.war in Jetty 12.1 through jetty-base) routes
#    /bench/* (public, no limit) and /secure/* (auth bearer with a real Keycloak token, plus a per-user
#    rate limit that never refuses) to nginx serving a 1 KiB file; nginx as reverse proxy does the same.
#    BENCH_ROUNDS rounds of nginx-proxy, public, bearer one after the other (a fresh token each round);
#    medians, ratios to nginx-proxy. The same gateway deployed in the Tomcat 11 distribution (as README's
#    "Tomcat 11" says, a cluster of its own) is measured in the same rounds (BENCH_TOMCAT=0 skips it).
# 2. Two nodes (a second gateway joins the first one's Hazelcast cluster): node 1's /limited/* (limit
#    with source header, a random one of 1,000 X-Bench-Key values per request, never refusing) against
#    its /bench/* with the same headers; medians of BENCH_ROUNDS rounds, ratios.
# 2b. A client inventing keys: a new X-Bench-Key on every request to node 1's header limit for a minute
#    (hundreds of thousands of buckets): node 1 still answers, and its heap after a full GC.
# 3. Exactness: a bucket of burst 200 refilled at 1 a minute; 400 requests in 4 parallel streams, two
#    to each node: how many passed (200) and how many were refused (429).
# 4. A frozen member: kill -STOP node 2, then single requests with new keys on node 1 (latency, status
#    by owner of the bucket) and wrk with a new key every request (limited / unlimited); kill -CONT, then
#    a burst-5 bucket on each node must refuse after 5. With rate_limit_failure "open", then again on a
#    fresh cluster with "closed" (BENCH_FREEZE_CLOSED=0 skips that).
# Prints one table, the ratios and the limiter targets (met / MISSED). Absolute numbers depend on the
# machine and whatever else runs on it; compare ratios between runs.
#
# Environment knobs (durations in seconds, "10" or "10s"): BENCH_DURATION (each measured run, 10),
# BENCH_ROUNDS (3), BENCH_WARMUP (nginx warm-up, 5), BENCH_GATEWAY_WARMUP (warm-up of each gateway
# target on one node, 20), BENCH_LIMITER_WARMUP (each two-node target, 15), BENCH_FREEZE_DURATION (each
# wrk run around the freeze, 3; keep the freeze under the 8 s after which Hazelcast drops node 2),
# BENCH_FREEZE_CLOSED (1), BENCH_TOMCAT (1), BENCH_DISTINCT_KEYS_DURATION (2b, 60), BENCH_CONNECTIONS (50), BENCH_THREADS (2),
# GATEWAY_JAVA_OPTS (extra JVM options for the gateway nodes). BENCH_SMOKE=1 makes every default short: a check that the script
# works end to end in about 2 minutes (plus Keycloak's first start), not a measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out

if [ "${BENCH_SMOKE:-0}" = 1 ]; then defaults=(2 1 2 4 3 2 5); else defaults=(10 3 5 20 15 3 60); fi
DURATION=${BENCH_DURATION:-${defaults[0]}}
ROUNDS=${BENCH_ROUNDS:-${defaults[1]}}
WARMUP=${BENCH_WARMUP:-${defaults[2]}}
GATEWAY_WARMUP=${BENCH_GATEWAY_WARMUP:-${defaults[3]}}
LIMITER_WARMUP=${BENCH_LIMITER_WARMUP:-${defaults[4]}}
FREEZE_DURATION=${BENCH_FREEZE_DURATION:-${defaults[5]}}
FREEZE_CLOSED=${BENCH_FREEZE_CLOSED:-1}
TOMCAT=${BENCH_TOMCAT:-1}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=${BENCH_THREADS:-2}
FREEZE_KEYS=20
DISTINCT_KEYS_DURATION=${BENCH_DISTINCT_KEYS_DURATION:-${defaults[6]}}
for d in "$DURATION" "$WARMUP" "$GATEWAY_WARMUP" "$LIMITER_WARMUP" "$FREEZE_DURATION"; do
  [[ $d =~ ^[0-9]+s?$ ]] || { echo "durations are whole seconds (10 or 10s), not '$d'" >&2; exit 2; }
done

UPSTREAM_PORT=18081
PROXY_PORT=18082
NODE1_PORT=18080
NODE2_PORT=18083
TOMCAT_PORT=18084
KEYCLOAK_PORT=18180
KEYCLOAK_MANAGEMENT_PORT=18190
HAZELCAST_FIRST_PORT=5951
UPSTREAM_URL=http://127.0.0.1:$UPSTREAM_PORT/1k
PROXY_URL=http://127.0.0.1:$PROXY_PORT/bench/1k
PUBLIC_URL=http://127.0.0.1:$NODE1_PORT/bench/1k
SECURE_URL=http://127.0.0.1:$NODE1_PORT/secure/1k
LIMITED_URL=http://127.0.0.1:$NODE1_PORT/limited/1k
TOMCAT_PUBLIC_URL=http://127.0.0.1:$TOMCAT_PORT/bench/1k
TOMCAT_SECURE_URL=http://127.0.0.1:$TOMCAT_PORT/secure/1k
RUN_ID=$(date +%s)-$$
CLUSTER_NAME=bench-$RUN_ID
KEYS=(-s bench/header-keys.lua -- 1000 key-)

# shellcheck source=bench/lib/processes.sh
source bench/lib/processes.sh
# shellcheck source=bench/lib/measure.sh
source bench/lib/measure.sh
# shellcheck source=bench/lib/limiter.sh
source bench/lib/limiter.sh

# --- Tools, ports, build ------------------------------------------------------------------------------
# Debian/Ubuntu install nginx to /usr/sbin, which is not on a normal user's PATH.
PATH=$PATH:/usr/sbin
missing=()
for tool in nginx wrk curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  $sudo apt-get install -y -q "${missing[@]}"
fi

trap stop_all EXIT
trap 'exit 130' INT TERM   # run the EXIT trap on Ctrl-C too

for port in $UPSTREAM_PORT $PROXY_PORT $NODE1_PORT $NODE2_PORT $TOMCAT_PORT $KEYCLOAK_PORT $KEYCLOAK_MANAGEMENT_PORT; do
  port_free "$port" || { echo "Port $port on 127.0.0.1 is in use; stop what listens there first." >&2; exit 1; }
done

rm -rf "$OUT"
mkdir -p "$OUT/www" "$OUT/nginx-tmp"
: >"$OUT/table.tsv"; : >"$OUT/findings.txt"; : >"$OUT/targets.txt"
started_at=$SECONDS

if [ ! -f target/gateway.war ]; then
  echo "Building target/gateway.war ..."
  mvn -q -B package -DskipTests
fi
JETTY_VERSION=$(sed -n "s:.*<jetty.home.version>\(.*\)</jetty.home.version>.*:\1:p" pom.xml)
JETTY_HOME=$(jetty-base/fetch-jetty-home.sh "$JETTY_VERSION")
head -c 1024 /dev/zero | tr '\0' 'x' >"$OUT/www/1k"
write_hazelcast_config
OPEN_CONFIG=$ROOT/bench/gateway-bench.json
CLOSED_CONFIG=$OUT/gateway-bench-closed.json
sed 's/"rate_limit_failure": "open"/"rate_limit_failure": "closed"/' "$OPEN_CONFIG" >"$CLOSED_CONFIG"
grep -q '"rate_limit_failure": "closed"' "$CLOSED_CONFIG" || { echo "no rate_limit_failure in $OPEN_CONFIG" >&2; exit 1; }

echo "Machine: $(nproc) cores; $(java -version 2>&1 | head -n 1); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "wrk: $THREADS threads, $CONNECTIONS keep-alive connections, 1 KiB responses; measured runs ${DURATION%s}s," \
     "$ROUNDS round(s); raw output in bench/out/"

# --- 1. One node against nginx ------------------------------------------------------------------------
echo "== 1. one node: public route and bearer + rate limit, against nginx"
echo "  starting Keycloak on :$KEYCLOAK_PORT ..."
keycloak_started=$SECONDS
start_keycloak
echo "  Keycloak ready after $((SECONDS - keycloak_started)) s"
start_nginx
check "$UPSTREAM_URL" upstream
check "$PROXY_URL" nginx-proxy
wrk_run upstream-warmup "$WARMUP" "$UPSTREAM_URL"
wrk_run upstream "$DURATION" "$UPSTREAM_URL"
wrk_run nginx-proxy-warmup "$WARMUP" "$PROXY_URL"

start_gateway node1 node1 "$NODE1_PORT" "$OPEN_CONFIG"
access_token=$(token)
check "$PUBLIC_URL" gateway-public
check "$SECURE_URL" gateway-bearer -H "Authorization: Bearer $access_token"
[ "$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$SECURE_URL")" = 401 ] \
  || { echo "gateway-bearer: $SECURE_URL answers without a token" >&2; exit 1; }
[ "$(rate_limit_header "$SECURE_URL" -H "Authorization: Bearer $access_token")" = 1000000000 ] \
  || { echo "gateway-bearer: expected 'RateLimit-Limit: 1000000000' from $SECURE_URL" >&2; exit 1; }
[ -z "$(rate_limit_header "$PUBLIC_URL")" ] || { echo "gateway-public: $PUBLIC_URL has a rate limit" >&2; exit 1; }
wrk_run public-warmup "$GATEWAY_WARMUP" "$PUBLIC_URL"
wrk_run bearer-warmup "$GATEWAY_WARMUP" "$SECURE_URL" -H "Authorization: Bearer $access_token"
if [ "$TOMCAT" = 1 ]; then
  # a cluster of its own: joining node 1's would put half of its buckets on another member
  write_hazelcast_config "$OUT/hazelcast-tomcat.xml" "$CLUSTER_NAME-tomcat" $((HAZELCAST_FIRST_PORT + 20))
  start_tomcat tomcat tomcat "$TOMCAT_PORT" "$OPEN_CONFIG" "$OUT/hazelcast-tomcat.xml"
  check "$TOMCAT_PUBLIC_URL" tomcat-public
  check "$TOMCAT_SECURE_URL" tomcat-bearer -H "Authorization: Bearer $access_token"
  wrk_run tomcat-public-warmup "$GATEWAY_WARMUP" "$TOMCAT_PUBLIC_URL"
  wrk_run tomcat-bearer-warmup "$GATEWAY_WARMUP" "$TOMCAT_SECURE_URL" -H "Authorization: Bearer $access_token"
fi
for round in $(seq "$ROUNDS"); do
  access_token=$(token)   # tokens live 5 minutes
  wrk_run "nginx-proxy-$round" "$DURATION" "$PROXY_URL"
  wrk_run "public-$round" "$DURATION" "$PUBLIC_URL"
  wrk_run "bearer-$round" "$DURATION" "$SECURE_URL" -H "Authorization: Bearer $access_token"
  if [ "$TOMCAT" = 1 ]; then
    wrk_run "tomcat-public-$round" "$DURATION" "$TOMCAT_PUBLIC_URL"
    wrk_run "tomcat-bearer-$round" "$DURATION" "$TOMCAT_SECURE_URL" -H "Authorization: Bearer $access_token"
  fi
done
stop tomcat
stop keycloak   # its keys are cached by now; nothing later needs it
row upstream "upstream (nginx, static 1 KiB)" upstream
# shellcheck disable=SC2046 # one wrk run name a word
row nginx-proxy "nginx reverse proxy" $(rounds nginx-proxy)
# shellcheck disable=SC2046
row public "gateway, 1 node, public route" $(rounds public)
# shellcheck disable=SC2046
row bearer "gateway, 1 node, bearer + rate limit" $(rounds bearer)
ratio "1 node: bearer + rate limit / nginx-proxy" bearer nginx-proxy "(median of $ROUNDS)"
ratio "1 node: public / nginx-proxy" public nginx-proxy "(median of $ROUNDS)"
ratio "1 node: bearer + rate limit / public" bearer public "(median of $ROUNDS)"
ratio_target "1 node, bearer + rate limit against nginx reverse proxy" bearer nginx-proxy 0.5 3
if [ "$TOMCAT" = 1 ]; then
  # shellcheck disable=SC2046
  row tomcat-public "gateway on Tomcat 11, 1 node, public route" $(rounds tomcat-public)
  # shellcheck disable=SC2046
  row tomcat-bearer "gateway on Tomcat 11, 1 node, bearer + rate limit" $(rounds tomcat-bearer)
  ratio "Tomcat 11: bearer + rate limit / nginx-proxy" tomcat-bearer nginx-proxy "(median of $ROUNDS)"
  ratio "Tomcat 11: public / nginx-proxy" tomcat-public nginx-proxy "(median of $ROUNDS)"
  ratio "Tomcat 11 / Jetty 12.1: bearer + rate limit" tomcat-bearer bearer "(median of $ROUNDS)"
  ratio_target "1 node on Tomcat 11, bearer + rate limit against nginx reverse proxy" tomcat-bearer nginx-proxy 0.5 3
fi

# --- 2. Two nodes: a header limit over 1,000 keys --------------------------------------------------------
echo "== 2. two nodes: limit by header over 1,000 keys against no limit, on node 1"
[ "$(health "$NODE1_PORT" members)" = 1 ] \
  || { echo "node 1: expected a cluster of 1 before node 2 starts, got '$(health "$NODE1_PORT" members)'" >&2; exit 1; }
start_gateway node2 node2 "$NODE2_PORT" "$OPEN_CONFIG"
wait_members 2 "$NODE1_PORT" "$NODE2_PORT"
check "$LIMITED_URL" gateway-limited -H "X-Bench-Key: key-1"
check "http://127.0.0.1:$NODE2_PORT/limited/1k" node2-limited -H "X-Bench-Key: key-1"
[ "$(rate_limit_header "$LIMITED_URL" -H "X-Bench-Key: key-1")" = 1000000000 ] \
  || { echo "gateway-limited: expected 'RateLimit-Limit: 1000000000' from $LIMITED_URL" >&2; exit 1; }
{ for i in $(seq 1000); do echo "header_limit|header=key-$i"; done
  echo "exact_limit|header=exact-$RUN_ID"
  freeze_keys open | sed 's/^/header_limit|header=/'
} >"$OUT/keys-open.txt"
ask_owners node1 "$OUT/keys-open.txt" "$OUT/owners-open.txt"
finding "2 nodes: node 1 owns $(head -n 1000 "$OUT/owners-open.txt" | grep -c ' node1$' || true) of the 1,000 header buckets"
wrk_run unlimited-warmup "$LIMITER_WARMUP" "$PUBLIC_URL" "${KEYS[@]}"
wrk_run limited-warmup "$LIMITER_WARMUP" "$LIMITED_URL" "${KEYS[@]}"
failures=$(health "$NODE1_PORT" rate_limit_failures)
for round in $(seq "$ROUNDS"); do
  wrk_run "unlimited-$round" "$DURATION" "$PUBLIC_URL" "${KEYS[@]}"
  wrk_run "limited-$round" "$DURATION" "$LIMITED_URL" "${KEYS[@]}"
done
failures=$(( $(health "$NODE1_PORT" rate_limit_failures) - failures ))
# shellcheck disable=SC2046
row unlimited "gateway, 2 nodes, node 1, no limit" $(rounds unlimited)
# shellcheck disable=SC2046
row limited "gateway, 2 nodes, node 1, header limit" $(rounds limited)
ratio "2 nodes: header limit / no limit" limited unlimited "(median of $ROUNDS; failed decisions: $failures)"
ratio_target "2 nodes, header limit over both members against no limit" limited unlimited 0.85 1.5

# --- 2b. A client inventing keys ---------------------------------------------------------------------------
echo "== 2b. a new X-Bench-Key on every request for ${DISTINCT_KEYS_DURATION}s, on node 1"
wrk_run distinct-keys "$DISTINCT_KEYS_DURATION" "$LIMITED_URL" -s bench/header-keys.lua -- 0 "distinct-$RUN_ID-"
sent=$(awk '/requests in/ { print $1 }' "$OUT/wrk-distinct-keys.txt")
row distinct-keys "node 1, header limit, a new key per request" distinct-keys
finding "distinct keys: $sent requests with as many new keys; afterwards node 1 answers $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$PUBLIC_URL"), heap of node 1: $(heap_used node1)"
verdict "distinct keys do not take the node down" "$( [ "$(health "$NODE1_PORT" members)" = 2 ] && echo yes)" \
  "$sent new keys in ${DISTINCT_KEYS_DURATION}s; node 1 still sees a cluster of $(health "$NODE1_PORT" members)"

# --- 3. Exactness -----------------------------------------------------------------------------------------
echo "== 3. exactness: 400 requests for a burst of 200, over both nodes"
exactness "$OUT/owners-open.txt"

# --- 4. A frozen member ---------------------------------------------------------------------------------
echo "== 4. node 2 frozen (SIGSTOP), rate_limit_failure open"
freeze open "$OUT/owners-open.txt"
if [ "$FREEZE_CLOSED" = 1 ]; then
  echo "== 4. node 2 frozen (SIGSTOP), rate_limit_failure closed: a new cluster of 2"
  stop node2
  stop node1
  start_gateway node1 node1-closed "$NODE1_PORT" "$CLOSED_CONFIG"
  start_gateway node2 node2-closed "$NODE2_PORT" "$CLOSED_CONFIG"
  wait_members 2 "$NODE1_PORT" "$NODE2_PORT"
  freeze_keys closed | sed 's/^/header_limit|header=/' >"$OUT/keys-closed.txt"
  ask_owners node1-closed "$OUT/keys-closed.txt" "$OUT/owners-closed.txt"
  # fresh JVMs: compile the paths first, so the freeze measures the limiter, not the JIT
  wrk_run closed-warmup "$LIMITER_WARMUP" "$LIMITED_URL" "${KEYS[@]}"
  freeze closed "$OUT/owners-closed.txt"
fi

# --- Report ---------------------------------------------------------------------------------------------
print_summary | tee "$OUT/results.txt"
for log in "$OUT"/node*.log; do
  lines=$(grep -cE '^(WARNING|SEVERE)|Exception' "$log" || true)
  [ "$lines" -eq 0 ] || echo "Note: bench/out/${log##*/} has $lines warning/error lines"
done | tee -a "$OUT/results.txt"
echo "Total time: $((SECONDS - started_at)) s" | tee -a "$OUT/results.txt"
