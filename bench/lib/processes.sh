# shellcheck shell=bash
# Sourced by bench/run.sh: starting, waiting for and stopping what the benchmark runs (nginx, Keycloak,
# gateway nodes). Every process started is in PIDS (name -> pid) until stopped; stop_all, run on exit,
# stops what is left, gateways first.

declare -A PIDS=()

# stop NAME: TERM, then KILL if it is still there after 15 s.
stop() {
  local name=$1 pid=${PIDS[$1]:-}
  [ -n "$pid" ] || return 0
  unset "PIDS[$name]"
  # A stopped JVM (the SIGSTOP scenario) acts on TERM only once continued.
  kill -CONT "$pid" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name did not stop in 15 s, killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

stop_all() {
  set +e
  local name
  for name in node2 node1 tomcat keycloak nginx; do stop "$name"; done
  for name in "${!PIDS[@]}"; do stop "$name"; done
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for URL NAME LOG SECONDS: poll until URL answers 200, failing early if the process died.
wait_for() {
  local url=$1 name=$2 log=$3 seconds=$4 pid=${PIDS[$2]}
  for _ in $(seq $((seconds * 5))); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during start-up; end of $log:" >&2; tail -n 40 "$log" >&2; exit 1
    fi
    [ "$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "$url")" = 200 ] && return 0
    sleep 0.2
  done
  echo "$name did not answer 200 on $url within $seconds s; end of $log:" >&2; tail -n 40 "$log" >&2; exit 1
}

start_nginx() {
  sed "s:@OUT@:$OUT:g" bench/nginx.conf.template >"$OUT/nginx.conf"
  # As root, nginx's workers would run as 'nobody', which may not be allowed into the repo's directory.
  local user=()
  [ "$(id -u)" -ne 0 ] || user=(-g "user root;")
  # -e: the error log before the config is read (the default, /var/log/nginx, may not be writable).
  nginx -p "$OUT" -e "$OUT/nginx-error.log" -c "$OUT/nginx.conf" "${user[@]}" >"$OUT/nginx-stdout.log" 2>&1 &
  PIDS[nginx]=$!
  wait_for "$UPSTREAM_URL" nginx "$OUT/nginx-error.log" 30
}

# The project's Keycloak (the version pom.xml names), in dev mode with the demo realm the tests use, as
# demo/keycloak.sh starts it but on ports of the benchmark's own. A copy of the distribution of its
# own under target/keycloak-bench, unpacked from ~/.m2, so a test run using target/keycloak is not
# disturbed; a fresh database each run, so the realm is imported as the file is now.
start_keycloak() {
  local version home tarball
  version=$(sed -n "s:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p" pom.xml)
  home=$ROOT/target/keycloak-bench/keycloak-$version
  if [ ! -x "$home/bin/kc.sh" ]; then
    tarball=$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.tar.gz
    mkdir -p "$ROOT/target/keycloak-bench"
    if [ -f "$tarball" ]; then
      tar xzf "$tarball" -C "$ROOT/target/keycloak-bench"
    else
      mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
          -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" \
          -DoutputDirectory="$ROOT/target/keycloak-bench" >&2
    fi
  fi
  rm -rf "$home/data"
  mkdir -p "$home/data/import"
  cp src/test/resources/keycloak/demo-realm.json "$home/data/import/"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" --health-enabled=true --import-realm \
      >"$OUT/keycloak.log" 2>&1 &
  PIDS[keycloak]=$!
  wait_for "http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready" keycloak "$OUT/keycloak.log" 300
}

# A fresh access token of alice's from the demo realm (tokens live 5 minutes there).
token() {
  local token
  token=$(curl -s --max-time 10 -d grant_type=password -d client_id=cli -d username=alice -d password=alice-password \
    "http://127.0.0.1:$KEYCLOAK_PORT/realms/demo/protocol/openid-connect/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || { echo "Keycloak gave no token; see bench/out/keycloak.log" >&2; exit 1; }
  echo "$token"
}

# write_hazelcast_config [FILE CLUSTER FIRST_PORT]: the repository's hazelcast.xml with a cluster name and
# member ports of the benchmark's own (default: $OUT/hazelcast.xml, $CLUSTER_NAME, $HAZELCAST_FIRST_PORT),
# so no other gateway or test run on the machine joins the benchmark's cluster (or the other way round).
write_hazelcast_config() {
  local file=${1:-$OUT/hazelcast.xml} cluster=${2:-$CLUSTER_NAME} first=${3:-$HAZELCAST_FIRST_PORT} members="" port
  for port in $(seq "$first" $((first + 9))); do
    members+="<member>127.0.0.1:$port</member>"
  done
  sed -e "s:<cluster-name>[^<]*</cluster-name>:<cluster-name>$cluster</cluster-name>:" \
      -e "s:<port \([^>]*\)>[0-9]*</port>:<port \1>$first</port>:" \
      -e "/<member-list>/,/<\/member-list>/c\\        <member-list>$members</member-list>" \
      hazelcast.xml >"$file"
  grep -q "<cluster-name>$cluster</cluster-name>" "$file" \
    && grep -q ">$first</port>" "$file" \
    && grep -q "<member>127.0.0.1:$first</member>" "$file" \
    || { echo "hazelcast.xml changed shape; cannot give the benchmark a cluster of its own" >&2; exit 1; }
}

# start_gateway NAME RUN PORT CONFIG: a gateway node (Jetty 12.1 through jetty-base, same as ./run.sh but
# on loopback; GATEWAY_JETTY_BASE: another jetty base, which runs the WAR in its ../target) with the given gateway config. Its log is bench/out/RUN.log, and java.io.tmpdir, which
# holds its unpacked WAR, bench/out/tmp-RUN; bench/logging.properties switches the per-request access log off (nginx logs nothing either).
start_gateway() {
  local name=$1 run=$2 port=$3 config=$4
  mkdir -p "$OUT/tmp-$run"
  # shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of options
  java -Djava.io.tmpdir="$OUT/tmp-$run" \
       -Dgateway.config="$config" \
       -Dhazelcast.config="$OUT/hazelcast.xml" \
       -Djava.util.logging.config.file="$ROOT/bench/logging.properties" \
       ${GATEWAY_JAVA_OPTS:-} \
       -jar "$JETTY_HOME/start.jar" jetty.home="$JETTY_HOME" jetty.base="${GATEWAY_JETTY_BASE:-$ROOT/jetty-base}" \
       jetty.http.host=127.0.0.1 jetty.http.port="$port" >"$OUT/$run.log" 2>&1 &
  PIDS[$name]=$!
  wait_for "http://127.0.0.1:$port/_gateway/health" "$name" "$OUT/$run.log" 120
}

# start_tomcat NAME RUN PORT CONFIG HAZELCAST_XML: a gateway node in the Tomcat 11 distribution (the version
# pom.xml names, unpacked from ~/.m2 or fetched by Maven into target/tomcat-bench) as README's "Tomcat 11"
# deploys it: the WAR as webapps/ROOT.war of a CATALINA_BASE of its own, bench/out/RUN, with the
# connector on 127.0.0.1:PORT. Like Jetty, and nginx's 1,000, Tomcat keeps a connection alive for
# more than its default of 100 requests (maxKeepAliveRequests="-1"). Its log is bench/out/RUN.log.
start_tomcat() {
  local name=$1 run=$2 port=$3 config=$4 hazelcast=$5 version home tarball base
  version=$(sed -n "s:.*<tomcat11.version>\(.*\)</tomcat11.version>.*:\1:p" pom.xml)
  home=$ROOT/target/tomcat-bench/apache-tomcat-$version
  if [ ! -x "$home/bin/catalina.sh" ]; then
    tarball=$HOME/.m2/repository/org/apache/tomcat/tomcat/$version/tomcat-$version.tar.gz
    mkdir -p "$ROOT/target/tomcat-bench"
    if [ -f "$tarball" ]; then
      tar xzf "$tarball" -C "$ROOT/target/tomcat-bench"
    else
      mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
          -Dartifact="org.apache.tomcat:tomcat:$version:tar.gz" -DoutputDirectory="$ROOT/target/tomcat-bench" >&2
    fi
  fi
  base=$OUT/$run
  rm -rf "$base"
  mkdir -p "$base/webapps" "$base/logs" "$base/temp" "$base/work"
  cp -r "$home/conf" "$base/conf"
  cp target/gateway.war "$base/webapps/ROOT.war"
  sed -i -e 's/<Server port="8005"/<Server port="-1"/' \
         -e "s/<Connector port=\"8080\" protocol=\"HTTP\/1.1\"/<Connector port=\"$port\" address=\"127.0.0.1\" maxKeepAliveRequests=\"-1\" protocol=\"HTTP\/1.1\"/" \
         "$base/conf/server.xml"
  grep -q "port=\"$port\" address=\"127.0.0.1\"" "$base/conf/server.xml" \
    || { echo "Tomcat's conf/server.xml changed shape; cannot set its connector" >&2; exit 1; }
  # as bench/logging.properties does for Jetty: no per-request access log (nginx logs nothing either)
  echo "gateway.access.level = OFF" >>"$base/conf/logging.properties"
  CATALINA_HOME=$home CATALINA_BASE=$base \
    CATALINA_OPTS="-Dgateway.config=$config -Dhazelcast.config=$hazelcast ${GATEWAY_JAVA_OPTS:-}" \
    "$home/bin/catalina.sh" run >"$OUT/$run.log" 2>&1 &
  PIDS[$name]=$!
  wait_for "http://127.0.0.1:$port/_gateway/health" "$name" "$OUT/$run.log" 120
}

# health PORT FIELD: a number from a gateway's /_gateway/health ("members" or "rate_limit_failures").
health() {
  { curl -s --max-time 5 "http://127.0.0.1:$1/_gateway/health" || true; } | sed -n "s/.*\"$2\":\([0-9][0-9]*\).*/\1/p"
}

# wait_members COUNT PORT...: until every node on these ports sees a cluster of COUNT, for up to 30 s.
wait_members() {
  local count=$1 port seen; shift
  for _ in $(seq 60); do
    seen=""
    for port in "$@"; do seen+="$(health "$port" members)/"; done
    [ "$seen" = "$(printf "$count/%.0s" "$@")" ] && return 0
    sleep 0.5
  done
  echo "the gateway nodes on $* did not form a cluster of $count (they see ${seen%/}); see bench/out/*node*.log" >&2
  exit 1
}

# check URL NAME [curl args]: one request before measuring, so a wrong route shows as an error, not as a
# fast 404.
check() {
  local url=$1 name=$2 got; shift 2
  got=$(curl -s --max-time 10 -o /dev/null -w '%{http_code} %{size_download}' "$@" "$url")
  [ "$got" = "200 1024" ] || { echo "$name: expected '200 1024' (status, body bytes) from $url, got '$got'" >&2; exit 1; }
}

# rate_limit_header URL [curl args]: the RateLimit-Limit header of a response, empty when there is none.
rate_limit_header() {
  local url=$1; shift
  curl -s --max-time 10 -o /dev/null -D - "$@" "$url" | tr -d '\r' | sed -n 's/^[Rr]ate[Ll]imit-[Ll]imit: *//p'
}

# heap_used NAME: the used heap of a gateway node's JVM after a full GC, as jcmd reports it.
heap_used() {
  local pid=${PIDS[$1]:-}
  [ -n "$pid" ] || { echo "?"; return; }
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { print $(i + 1); exit } }'
}
