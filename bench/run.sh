#!/usr/bin/env bash
# Throughput and tail-latency benchmark of the gateway against nginx, on loopback.
#
# Five measurements, one after the other with wrk (keep-alive connections, 1 KiB responses):
#   1. upstream           nginx serving a fixed 1 KiB file                http://127.0.0.1:18081/1k
#   2. nginx-proxy        nginx reverse proxy to that upstream            http://127.0.0.1:18082/bench/1k
#   3. gateway            target/gateway.war in Jetty 12.1, routing       http://127.0.0.1:18080/bench/1k
#                         /bench/* to the same upstream (bench/gateway-bench.json), one node alone
#   4. gateway-unlimited  the same node once a second gateway node (:18083) has joined its Hazelcast
#                         cluster: a 2-member cluster                     http://127.0.0.1:18080/bench/1k
#   5. gateway-limited    same node, same cluster, route /limited/*: /bench/* plus a cluster-wide rate
#                         limit (one entry processor call per request)   http://127.0.0.1:18080/limited/1k
# and prints requests/s and p99 for each, the ratios gateway/nginx-proxy and gateway/upstream, and
# limited/unlimited (the cost of the rate limiter), with which member owns the limit's one bucket.
# Absolute numbers depend on the machine and on whatever else runs on it; the ratios are what to compare
# between runs. Not a test, not run in CI. Temp files, logs and raw wrk output go to bench/out/.
#
# Environment knobs: BENCH_DURATION (measured run, default 20s), BENCH_WARMUP (nginx warm-up, 5s),
# BENCH_GATEWAY_WARMUP (gateway warm-up, 25s), BENCH_LIMITER_WARMUP (warm-up of 4 and 5, default the
# gateway's), BENCH_CONNECTIONS (50), BENCH_THREADS (2), GATEWAY_JAVA_OPTS (extra JVM options for both
# gateway nodes).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out

DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
# The gateway runs in a fresh JVM: until C2 has compiled the hot path it is several times slower, so
# it gets a longer warm-up than nginx (at least 20 s of load).
GATEWAY_WARMUP=${BENCH_GATEWAY_WARMUP:-25s}
# 4 and 5: node 2 is a fresh JVM that runs the entry processor whenever it owns the bucket, and node 1's
# limiter path is new code, so both get the gateway's warm-up too.
LIMITER_WARMUP=${BENCH_LIMITER_WARMUP:-$GATEWAY_WARMUP}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=${BENCH_THREADS:-2}

UPSTREAM_PORT=18081
PROXY_PORT=18082
GATEWAY_PORT=18080
SECOND_GATEWAY_PORT=18083
UPSTREAM_URL=http://127.0.0.1:$UPSTREAM_PORT/1k
PROXY_URL=http://127.0.0.1:$PROXY_PORT/bench/1k
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT/bench/1k
LIMITED_URL=http://127.0.0.1:$GATEWAY_PORT/limited/1k
# The Hazelcast members' port range in the bundled hazelcast.xml. A member of another process there (a
# test run, another gateway) would join ours: same cluster name, same loopback TCP-IP join.
HAZELCAST_PORTS=$(seq 5701 5710)
# The one bucket every /limited/* request draws from: "<limit id>|route:<route id>" (source "route",
# RateLimitPolicy.bucketKey).
BUCKET_KEY='bench_limit|route:limited'

# --- Tools ------------------------------------------------------------------------------------------
# Debian/Ubuntu install nginx to /usr/sbin, which is not on a normal user's PATH.
PATH=$PATH:/usr/sbin
missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  $sudo apt-get install -y -q "${missing[@]}"
fi

# --- Processes we start, stopped whatever happens -------------------------------------------------
NGINX_PID=""
GATEWAY_PID=""
SECOND_GATEWAY_PID=""
stop() {  # stop PID NAME: TERM, then KILL if it is still there after 15 s
  local pid=$1 name=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name did not stop in 15 s, killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  set +e
  stop "$SECOND_GATEWAY_PID" gateway-2
  stop "$GATEWAY_PID" gateway
  stop "$NGINX_PID" nginx   # TERM to the master: fast shutdown, it takes its workers with it
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # run the EXIT trap on Ctrl-C too

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# shellcheck disable=SC2086 # HAZELCAST_PORTS is a list
for port in $UPSTREAM_PORT $PROXY_PORT $GATEWAY_PORT $SECOND_GATEWAY_PORT $HAZELCAST_PORTS; do
  port_free "$port" || { echo "Port $port on 127.0.0.1 is in use; stop what listens there first" \
    "(5701-5710: a Hazelcast member there, e.g. of a test run, would join the benchmark's cluster)." >&2; exit 1; }
done

# wait_for URL PID NAME LOG: poll until URL answers 200, failing early if the process died.
wait_for() {
  local url=$1 pid=$2 name=$3 log=$4
  for _ in $(seq 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during start-up; end of $log:" >&2; tail -n 40 "$log" >&2; exit 1
    fi
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ] && return 0
    sleep 0.1
  done
  echo "$name did not answer 200 on $url within 60 s; end of $log:" >&2; tail -n 40 "$log" >&2; exit 1
}

# check URL NAME: one request before measuring, so a wrong route shows as an error, not as a fast 404.
check() {
  local got
  got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$1")
  [ "$got" = "200 1024" ] || { echo "$2: expected '200 1024' (status, body bytes) from $1, got '$got'" >&2; exit 1; }
}

# health PORT FIELD: a number from the gateway's /_gateway/health ("members" or "rate_limit_failures").
health() {
  { curl -s "http://127.0.0.1:$1/_gateway/health" || true; } | sed -n "s/.*\"$2\":\([0-9][0-9]*\).*/\1/p"
}

# rate_limit_header URL: the RateLimit-Limit header of a response, empty when there is none.
rate_limit_header() {
  curl -s -o /dev/null -D - "$1" | tr -d '\r' | sed -n 's/^[Rr]ate[Ll]imit-[Ll]imit: *//p'
}

# --- Measuring -------------------------------------------------------------------------------------
# measure NAME URL WARMUP: a warm-up run whose numbers are thrown away, then the measured run, whose
# wrk output is kept in bench/out/wrk-NAME.txt.
measure() {
  warm_up "$@"
  measured_run "$1" "$2"
}
warm_up() {
  local name=$1 url=$2 warmup=$3
  echo "[$name] warm-up $warmup, then $DURATION measured (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$warmup" "$url" >"$OUT/wrk-$name-warmup.txt"
}
measured_run() {
  local name=$1 url=$2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$OUT/wrk-$name.txt"
}

# Requests/s, p99 in ms, and the error counts from wrk's output: "NAME RPS P99_MS NON2XX SOCKET_ERRORS".
parse() {
  awk -v name="$1" '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" {
      v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
      p99 = (unit == "us") ? v / 1000 : (unit == "ms") ? v : (unit == "s") ? v * 1000 : (unit == "m") ? v * 60000 : -1
    }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { gsub(/,/, ""); socket = $4 + $6 + $8 + $10 }
    END { printf "%s %.2f %.3f %d %d\n", name, rps, p99, non2xx, socket }
  ' "$OUT/wrk-$1.txt"
}

# --- Build and set up ------------------------------------------------------------------------------
rm -rf "$OUT"
mkdir -p "$OUT/www" "$OUT/nginx-tmp"

if [ ! -f target/gateway.war ]; then
  echo "Building target/gateway.war ..."
  mvn -q -B package -DskipTests
fi
JETTY_VERSION=$(sed -n "s:.*<jetty.home.version>\(.*\)</jetty.home.version>.*:\1:p" pom.xml)
JETTY_HOME=$(jetty-base/fetch-jetty-home.sh "$JETTY_VERSION")

# The 1 KiB body every target returns.
head -c 1024 /dev/zero | tr '\0' 'x' >"$OUT/www/1k"

sed "s:@OUT@:$OUT:g" bench/nginx.conf.template >"$OUT/nginx.conf"
# As root, nginx's workers would run as 'nobody', which may not be allowed into the repo's directory;
# run them as the invoking user instead.
nginx_user=()
[ "$(id -u)" -ne 0 ] || nginx_user=(-g "user root;")

echo "Machine: $(nproc) cores; $(java -version 2>&1 | head -n 1); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "wrk: $THREADS threads, $CONNECTIONS keep-alive connections, 1 KiB responses; raw output in bench/out/"

# --- 1 and 2: nginx ----------------------------------------------------------------------------------
# -e: the error log before the config is read (the default, /var/log/nginx, may not be writable).
nginx -p "$OUT" -e "$OUT/nginx-error.log" -c "$OUT/nginx.conf" "${nginx_user[@]}" >"$OUT/nginx-stdout.log" 2>&1 &
NGINX_PID=$!
wait_for "$UPSTREAM_URL" "$NGINX_PID" nginx "$OUT/nginx-error.log"
check "$UPSTREAM_URL" upstream
check "$PROXY_URL" nginx-proxy

measure upstream "$UPSTREAM_URL" "$WARMUP"
measure nginx-proxy "$PROXY_URL" "$WARMUP"

# --- 3: the gateway --------------------------------------------------------------------------------
# Started only now, so that its start-up and JIT compilation do not take CPU from the nginx runs.
# Same jetty-base as run.sh, but on loopback and port 18080; the bench config routes /bench/* to the
# upstream, and bench/logging.properties switches the per-request access log off (nginx logs nothing
# either). java.io.tmpdir keeps Jetty's unpacked WAR under bench/out.
# start_gateway PORT NAME: a gateway JVM in the background, its java.io.tmpdir and log named after it.
start_gateway() {
  local port=$1 name=$2
  mkdir -p "$OUT/tmp-$name"
  # shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of options
  java -Djava.io.tmpdir="$OUT/tmp-$name" \
       -Dgateway.config="$ROOT/bench/gateway-bench.json" \
       -Djava.util.logging.config.file="$ROOT/bench/logging.properties" \
       ${GATEWAY_JAVA_OPTS:-} \
       -jar "$JETTY_HOME/start.jar" jetty.home="$JETTY_HOME" jetty.base="$ROOT/jetty-base" \
       jetty.http.host=127.0.0.1 jetty.http.port="$port" >"$OUT/$name.log" 2>&1 &
}
start_gateway "$GATEWAY_PORT" gateway
GATEWAY_PID=$!
wait_for "$GATEWAY_URL" "$GATEWAY_PID" gateway "$OUT/gateway.log"
check "$GATEWAY_URL" gateway
log_lines_before=$(wc -l <"$OUT/gateway.log")

measure gateway "$GATEWAY_URL" "$GATEWAY_WARMUP"

# --- 4 and 5: the cost of the cluster-wide rate limiter ----------------------------------------------
# The first node must be alone: a foreign member in its cluster would take a share of the buckets.
[ "$(health $GATEWAY_PORT members)" = 1 ] \
  || { echo "gateway: expected a cluster of 1 before the second node starts, got '$(health $GATEWAY_PORT members)'" >&2; exit 1; }
# A second node, same WAR, jetty-base and config, on another HTTP port: its Hazelcast member joins the
# first over the bundled hazelcast.xml (loopback TCP-IP join, 5701-5710), making a 2-member cluster.
start_gateway "$SECOND_GATEWAY_PORT" gateway2
SECOND_GATEWAY_PID=$!
wait_for "http://127.0.0.1:$SECOND_GATEWAY_PORT/_gateway/health" "$SECOND_GATEWAY_PID" gateway-2 "$OUT/gateway2.log"
for _ in $(seq 60); do
  [ "$(health $GATEWAY_PORT members)" = 2 ] && [ "$(health $SECOND_GATEWAY_PORT members)" = 2 ] && break
  sleep 0.5
done
[ "$(health $GATEWAY_PORT members)" = 2 ] && [ "$(health $SECOND_GATEWAY_PORT members)" = 2 ] \
  || { echo "the two gateway nodes did not form a cluster of 2 (node 1 sees $(health $GATEWAY_PORT members)," \
            "node 2 sees $(health $SECOND_GATEWAY_PORT members)); see bench/out/gateway*.log" >&2; exit 1; }
log2_lines_before=$(wc -l <"$OUT/gateway2.log")

# /limited/* is /bench/* plus the limit bench_limit: source "route", so every request draws from ONE
# bucket, at a rate no benchmark reaches (10 M/s refill, 10^9 burst), so none is refused; /bench/* has
# no limit (and the config has no default_rate_limits). The RateLimit-Limit header shows which is which.
check "$LIMITED_URL" gateway-limited
check "http://127.0.0.1:$SECOND_GATEWAY_PORT/limited/1k" gateway-2-limited
[ "$(rate_limit_header "$LIMITED_URL")" = 1000000000 ] \
  || { echo "gateway-limited: expected 'RateLimit-Limit: 1000000000' from $LIMITED_URL, got '$(rate_limit_header "$LIMITED_URL")'" >&2; exit 1; }
[ -z "$(rate_limit_header "$GATEWAY_URL")" ] \
  || { echo "gateway-unlimited: $GATEWAY_URL has a rate limit (RateLimit-Limit: $(rate_limit_header "$GATEWAY_URL"))" >&2; exit 1; }

# Both measured on node 1 while the cluster is up, so their ratio isolates the limiter.
measure gateway-unlimited "$GATEWAY_URL" "$LIMITER_WARMUP"
warm_up gateway-limited "$LIMITED_URL" "$LIMITER_WARMUP"
failures_before=$(health $GATEWAY_PORT rate_limit_failures)
measured_run gateway-limited "$LIMITED_URL"
failures_after=$(health $GATEWAY_PORT rate_limit_failures)
for node in "$GATEWAY_PID gateway gateway.log" "$SECOND_GATEWAY_PID gateway-2 gateway2.log"; do
  read -r pid name log <<<"$node"
  kill -0 "$pid" 2>/dev/null \
    || { echo "$name stopped during the measurements (killed from outside?); see bench/out/$log" >&2; exit 1; }
done
limiter_failures=$((failures_after - failures_before))

# Still the same 2 members, no one joined or left while measuring.
members_after="$(health $GATEWAY_PORT members)/$(health $SECOND_GATEWAY_PORT members)"
membership_changes=$( { tail -n +"$((log_lines_before + 1))" "$OUT/gateway.log"; tail -n +"$((log2_lines_before + 1))" "$OUT/gateway2.log"; } \
  | grep -cE 'Members \{size:([^2]|2[0-9])' || true)

# With one bucket, node 1's decisions are either all local (node 1 owns the key's partition) or all
# remote calls to node 2: which one decides what 5 measures, so ask the cluster (a Hazelcast client,
# which owns no partitions). Node 1's member address is in its log.
node1_member=$(sed -n 's/.* starting at \[\([^]]*\)\]:\([0-9][0-9]*\).*/\1:\2/p' "$OUT/gateway.log" | head -n 1)
hazelcast_jar=$(ls "$OUT"/tmp-gateway/jetty-*/webapp/WEB-INF/lib/hazelcast-[0-9]*.jar 2>/dev/null | head -n 1)
cluster_name=$(sed -n 's:.*<cluster-name>\(.*\)</cluster-name>.*:\1:p' "$OUT"/tmp-gateway/jetty-*/webapp/WEB-INF/classes/hazelcast.xml 2>/dev/null | head -n 1)
bucket_owner=""
if [ -n "$hazelcast_jar" ] && [ -n "$cluster_name" ] && [ -n "$node1_member" ]; then
  bucket_owner=$(java -Xmx128m -Dhazelcast.phone.home.enabled=false -cp "$hazelcast_jar" \
    "$ROOT/bench/BucketOwner.java" "$cluster_name" "$node1_member" "$BUCKET_KEY" 2>"$OUT/bucket-owner.log" \
    | awk '{ print $2 }') || true
fi
if [ -z "$bucket_owner" ]; then
  owner_text="owner unknown (see bench/out/bucket-owner.log)"
elif [ "$bucket_owner" = "$node1_member" ]; then
  owner_text="owned by node 1 ($bucket_owner): node 1's decisions were LOCAL calls"
else
  owner_text="owned by node 2 ($bucket_owner): node 1's decisions were REMOTE calls"
fi

# --- Report ----------------------------------------------------------------------------------------
NAMES="upstream nginx-proxy gateway gateway-unlimited gateway-limited"
{
  echo
  printf '%-17s %12s %10s %12s %14s\n' target requests/s 'p99 (ms)' non-2xx/3xx 'socket errors'
  for name in $NAMES; do
    parse "$name" | awk '{ printf "%-17s %12.0f %10.2f %12d %14d\n", $1, $2, $3, $4, $5 }'
  done
  echo
  paste <(parse gateway) <(parse nginx-proxy) <(parse upstream) | awk '{
    # gateway: $2 rps, $3 p99; nginx-proxy: $7, $8; upstream: $12, $13
    printf "gateway / nginx-proxy   throughput %.2fx   p99 %.2fx\n", $2 / $7,  $3 / $8
    printf "gateway / upstream      throughput %.2fx   p99 %.2fx\n", $2 / $12, $3 / $13
  }'
  paste <(parse gateway-limited) <(parse gateway-unlimited) | awk '{
    printf "limited / unlimited     throughput %.2fx   p99 %.2fx   (2-node cluster, one limit per request)\n", $2 / $7, $3 / $8
  }'
  echo "limiter bucket '$BUCKET_KEY' $owner_text"
  echo "limiter decisions that failed open during the measured gateway-limited run: $limiter_failures"
} | tee "$OUT/results.txt"

# Anything the gateways logged under load (the access log is off, so these are warnings and errors).
for log in "gateway.log $log_lines_before" "gateway2.log $log2_lines_before"; do
  read -r file from <<<"$log"
  lines=$(tail -n +"$((from + 1))" "$OUT/$file" | grep -E 'WARN|SEVERE|ERROR|Exception' || true)
  if [ -n "$lines" ]; then
    echo "Note: ${file%.log} logged $(wc -l <<<"$lines") warning/error lines under load; see bench/out/$file; distinct ones:"
    sed -E 's/^(WARNING|SEVERE): \[[^]]*\]:[0-9]+ \[[^]]*\] \[[^]]*\] /\1: /' <<<"$lines" | cut -c1-200 | sort | uniq -c | sort -rn | head -n 5
  fi
done | tee -a "$OUT/results.txt"
{
  for name in $NAMES; do
    read -r _ _ _ non2xx socket < <(parse "$name")
    if [ "$non2xx" -gt 0 ] || [ "$socket" -gt 0 ]; then
      echo "Note: $name had $non2xx non-2xx/3xx responses and $socket socket errors; see bench/out/wrk-$name.txt"
    fi
  done
  [ "$limiter_failures" -eq 0 ] || echo "Note: $limiter_failures limiter decisions failed open (passed without a token);" \
    "gateway-limited then measures less than the limiter's full cost"
  [ "$members_after" = 2/2 ] && [ "$membership_changes" -eq 0 ] \
    || echo "Note: the cluster changed while measuring (members now $members_after, $membership_changes other sizes logged);" \
      "the limiter numbers are not those of a 2-node cluster"
} | tee -a "$OUT/results.txt"
