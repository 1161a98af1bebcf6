#!/usr/bin/env bash
# What metrics and tracing cost: one gateway node with target/gateway.war against a node of the same
# gateway built without them (BASELINE, a git revision; default: the last commit before they were
# merged), both running side by side and measured in turns on the public route (wrk, 1 KiB from nginx,
# no Keycloak): BENCH_ROUNDS rounds (3) of BENCH_DURATION seconds (10) each, after BENCH_GATEWAY_WARMUP (15)
# seconds of warm-up each; medians, and the ratio. Loopback only; raw output in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
BASELINE=${BASELINE:-b6d7f9c}
DURATION=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP=${BENCH_GATEWAY_WARMUP:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
THREADS=${BENCH_THREADS:-2}
UPSTREAM_PORT=18081
NODE1_PORT=18080
NODE2_PORT=18083
HAZELCAST_FIRST_PORT=5951
UPSTREAM_URL=http://127.0.0.1:$UPSTREAM_PORT/1k
CLUSTER_NAME=observability-$(date +%s)-$$
# shellcheck source=bench/lib/processes.sh
source bench/lib/processes.sh
# shellcheck source=bench/lib/measure.sh
source bench/lib/measure.sh
PATH=$PATH:/usr/sbin

remove_baseline() { git worktree remove --force "$OUT/baseline" 2>/dev/null || true; }
trap 'stop_all; remove_baseline' EXIT
trap 'exit 130' INT TERM

rm -rf "$OUT"
git worktree prune
mkdir -p "$OUT/www" "$OUT/nginx-tmp"
: >"$OUT/table.tsv"; : >"$OUT/findings.txt"; : >"$OUT/targets.txt"
head -c 1024 /dev/zero | tr '\0' 'x' >"$OUT/www/1k"
[ -f target/gateway.war ] || mvn -q -B package -DskipTests
# The baseline in a worktree of its own: its jetty-base runs the WAR in its own target/.
git worktree add --detach "$OUT/baseline" "$BASELINE" >/dev/null
(cd "$OUT/baseline" && mvn -q -B package -DskipTests)
JETTY_VERSION=$(sed -n "s:.*<jetty.home.version>\(.*\)</jetty.home.version>.*:\1:p" pom.xml)
JETTY_HOME=$(jetty-base/fetch-jetty-home.sh "$JETTY_VERSION")
write_hazelcast_config
start_nginx
start_gateway node1 observed "$NODE1_PORT" "$ROOT/bench/gateway-bench.json"
GATEWAY_JETTY_BASE=$OUT/baseline/jetty-base start_gateway node2 baseline "$NODE2_PORT" "$ROOT/bench/gateway-bench.json"
echo "wrk: $THREADS threads, $CONNECTIONS connections, 1 KiB; $ROUNDS rounds of ${DURATION}s each, in turns"
wrk_run observed-warmup "$WARMUP" "http://127.0.0.1:$NODE1_PORT/bench/1k"
wrk_run baseline-warmup "$WARMUP" "http://127.0.0.1:$NODE2_PORT/bench/1k"
for round in $(seq "$ROUNDS"); do
  wrk_run "observed-$round" "$DURATION" "http://127.0.0.1:$NODE1_PORT/bench/1k"
  wrk_run "baseline-$round" "$DURATION" "http://127.0.0.1:$NODE2_PORT/bench/1k"
done
# shellcheck disable=SC2046
row observed "gateway with metrics and tracing, public route" $(rounds observed)
# shellcheck disable=SC2046
row baseline "gateway $BASELINE (without them), public route" $(rounds baseline)
ratio "with / without metrics and tracing" observed baseline "(median of $ROUNDS)"
ratio_target "metrics and tracing cost at most 5 % of throughput" observed baseline 0.95 1.5
print_summary | tee "$OUT/results.txt"
