#!/usr/bin/env bash
# Starts the demo gateway (./run.sh, same upstreams) with a real Prometheus scraping its metrics every
# 5 s and a little demo traffic, so the metrics can be explored in Prometheus' UI on 127.0.0.1:19090.
# Needs what run.sh needs plus Debian's prometheus package (installed if missing); Ctrl-C stops everything.
# GATEWAY_PORT (8080) and PROMETHEUS_PORT (19090) move the two; arguments go on to run.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gateway="http://127.0.0.1:${GATEWAY_PORT:-8080}"
prometheus="127.0.0.1:${PROMETHEUS_PORT:-19090}"

if ! command -v prometheus >/dev/null; then
  # Without recommends: the node exporters would come along as services.
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get install -y --no-install-recommends prometheus
fi

# A Prometheus of our own (config, storage, port) in a temp dir: the package's service, if running,
# keeps its data and port 9090, and nothing of the demo outlives it.
work=$(mktemp -d)
stop() { kill $(jobs -p) 2>/dev/null || true; wait; rm -rf "$work"; }  # jobs Ctrl-C ended are gone
trap stop EXIT
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 5s
scrape_configs:
  - job_name: gateway
    metrics_path: /_gateway/metrics
    static_configs:
      - targets: ['${gateway#http://}']
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address="$prometheus" >"$work/prometheus.log" 2>&1 &

# Requests on every kind of route so the graphs have lines: users is open (at ~1.6/s it also meets the
# default limit of 1/s), orders refuses a request without a token (401), /nowhere is unmatched (404).
demo_traffic() {
  while true; do
    for path in api/v1/users/1 api/v1/orders/7 api/v1/users/2 api/v1/users/3 api/v1/orders/8 nowhere; do
      curl -s -o /dev/null "$gateway/$path" || true  # refused until the gateway is up
      sleep 0.3
    done
  done
}
demo_traffic &

echo "Prometheus: http://$prometheus/graph?g0.expr=sum%20by%20(http_route)%20(rate(http_server_request_duration_seconds_count%5B1m%5D))&g0.tab=0&g0.range_input=5m"
echo "Metrics:    $gateway/_gateway/metrics"
"$root/run.sh" "jetty.http.port=${gateway##*:}" "$@"
