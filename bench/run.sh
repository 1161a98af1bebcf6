#!/usr/bin/env bash
# Throughput and tail-latency benchmark of the gateway against nginx, on loopback.
#
# Three targets, measured one after the other with wrk (keep-alive connections, 1 KiB responses):
#   1. upstream      nginx serving a fixed 1 KiB file             http://127.0.0.1:18081/1k
#   2. nginx proxy   nginx reverse proxy to that upstream         http://127.0.0.1:18082/bench/1k
#   3. gateway       target/gateway.war in Jetty 12.1, routing    http://127.0.0.1:18080/bench/1k
#   4./5. the gateway on a 2-node cluster (second node on :18083), without and with a rate limit
#        on each request: http://127.0.0.1:18080/bench/1k and /limited/1k
#                    /bench/* to the same upstream (bench/gateway-bench.json)
# and prints requests/s and p99 for each, plus the ratios gateway/nginx-proxy and gateway/upstream.
# Absolute numbers depend on the machine and on whatever else runs on it; the ratios are what to compare
# between runs. Not a test, not run in CI. Temp files, logs and raw wrk output go to bench/out/.
#
# Environment knobs: BENCH_DURATION (measured run, default 20s), BENCH_WARMUP (nginx warm-up, 5s),
# BENCH_GATEWAY_WARMUP (gateway warm-up, 25s), BENCH_CONNECTIONS (50), BENCH_THREADS (2),
# GATEWAY_JAVA_OPTS (extra JVM options for the gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out

DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
# The gateway runs in a fresh JVM: until C2 has compiled the hot path it is several times slower, so
# it gets a longer warm-up than nginx (at least 20 s of load).
GATEWAY_WARMUP=${BENCH_GATEWAY_WARMUP:-25s}
GATEWAY_LIMITER_WARMUP=${BENCH_LIMITER_WARMUP:-10s}
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
for port in $UPSTREAM_PORT $PROXY_PORT $GATEWAY_PORT $SECOND_GATEWAY_PORT; do
  port_free "$port" || { echo "Port $port on 127.0.0.1 is in use; stop what listens there first." >&2; exit 1; }
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

# --- Measuring -------------------------------------------------------------------------------------
# measure NAME URL WARMUP: a warm-up run whose numbers are thrown away, then the measured run, whose
# wrk output is kept in bench/out/wrk-NAME.txt.
measure() {
  local name=$1 url=$2 warmup=$3
  echo "[$name] warm-up $warmup, then $DURATION measured (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$warmup" "$url" >"$OUT/wrk-$name-warmup.txt"
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

# --- 4 and 5: the cost of the cluster-wide rate limiter ------------------------------------------------
# A second gateway node joins the first over the bundled hazelcast.xml (loopback, 5701-5710), making a
# 2-member cluster. /limited/* is /bench/* plus a limit too high to ever refuse (source "route": one
# bucket, owned by one of the two members: all of node 1's decisions are local or all are remote,
# depending on which member the key's partition landed on).
# Both are measured on node 1 while the cluster is up, so the ratio isolates the limiter.
start_gateway "$SECOND_GATEWAY_PORT" gateway2
SECOND_GATEWAY_PID=$!
wait_for "http://127.0.0.1:$SECOND_GATEWAY_PORT/bench/1k" "$SECOND_GATEWAY_PID" gateway-2 "$OUT/gateway2.log"
for _ in $(seq 120); do
  curl -s "http://127.0.0.1:$GATEWAY_PORT/_gateway/health" | grep -q '"members":2' && break
  sleep 0.5
done
curl -s "http://127.0.0.1:$GATEWAY_PORT/_gateway/health" | grep -q '"members":2' \
  || { echo "the two gateway nodes did not form a cluster; see bench/out/gateway*.log" >&2; exit 1; }
check "$LIMITED_URL" gateway-limited
measure gateway-unlimited "$GATEWAY_URL" "$GATEWAY_LIMITER_WARMUP"
measure gateway-limited "$LIMITED_URL" "$GATEWAY_LIMITER_WARMUP"

# --- Report ----------------------------------------------------------------------------------------
{
  echo
  printf '%-13s %12s %10s %12s %14s\n' target requests/s 'p99 (ms)' non-2xx/3xx 'socket errors'
  for name in upstream nginx-proxy gateway gateway-unlimited gateway-limited; do
    parse "$name" | awk '{ printf "%-13s %12.0f %10.2f %12d %14d\n", $1, $2, $3, $4, $5 }'
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
} | tee "$OUT/results.txt"

# Anything the gateway logged under load (the access log is off, so these are warnings and errors).
logged=$(tail -n +"$((log_lines_before + 1))" "$OUT/gateway.log" | grep -cE 'WARN|SEVERE|ERROR|Exception' || true)
if [ "$logged" -gt 0 ]; then
  echo "Note: the gateway logged $logged warning/error lines under load; see bench/out/gateway.log" | tee -a "$OUT/results.txt"
fi
for name in upstream nginx-proxy gateway gateway-unlimited gateway-limited; do
  read -r _ _ _ non2xx socket < <(parse "$name")
  if [ "$non2xx" -gt 0 ] || [ "$socket" -gt 0 ]; then
    echo "Note: $name had $non2xx non-2xx/3xx responses and $socket socket errors; see bench/out/wrk-$name.txt" \
      | tee -a "$OUT/results.txt"
  fi
done
