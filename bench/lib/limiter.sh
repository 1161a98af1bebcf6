# shellcheck shell=bash
# Sourced by bench/run.sh: the rate limiter's checks on two nodes (which member owns a bucket, exactness,
# a frozen member). Bucket keys are "<limit id>|header=<X-Bench-Key value>", as RateLimitPolicy builds
# them; if the limiter keys its map differently, the owners printed are wrong (nothing else is).

# ask_owners NODE1_RUN KEYS_FILE OUT_FILE: "BUCKET_KEY node1|node2" for each bucket key of KEYS_FILE,
# node1 being the gateway that start_gateway ran as NODE1_RUN. Asked before anything is frozen: a
# client would wait for a frozen member too.
ask_owners() {
  local run=$1 keys=$2 out=$3 member jar
  member=$(sed -n 's/.* starting at \[\([^]]*\)\]:\([0-9][0-9]*\).*/\1:\2/p' "$OUT/$run.log" | head -n 1)
  jar=$(ls "$OUT/tmp-$run"/jetty-*/webapp/WEB-INF/lib/hazelcast-[0-9]*.jar 2>/dev/null | head -n 1)
  : >"$out"
  if [ -z "$member" ] || [ -z "$jar" ] \
      || ! java -Xmx128m -cp "$jar" bench/BucketOwner.java "$CLUSTER_NAME" "$member" <"$keys" >"$out.raw" 2>"$OUT/bucket-owner.log"; then
    echo "  (could not ask the cluster which member owns which bucket; see bench/out/bucket-owner.log)"
    return 0
  fi
  awk -v member="$member" '{ print $1, ($2 == member ? "node1" : "node2") }' "$out.raw" >"$out"
}

# owner BUCKET_KEY OWNERS_FILE: node1, node2, or "?" when unknown.
owner() { awk -v k="$1" '$1 == k { o = $2 } END { print (o == "" ? "?" : o) }' "$2"; }

# requests FILE HEADER_VALUE URL COUNT: a curl config for COUNT requests to URL over one keep-alive
# connection, each with that X-Bench-Key.
requests() {
  { echo "header = \"X-Bench-Key: $2\""
    for _ in $(seq "$4"); do echo "url = \"$3\""; echo 'output = "/dev/null"'; done
  } >"$1"
}

# statuses FILE...: "N×CODE" counts of the status codes listed in the files, one code a line.
statuses() { cat "$@" | sort | uniq -c | awk '{ printf "%s%d×%s", (NR > 1 ? ", " : ""), $1, $2 }'; }

# exactness OWNERS: 400 requests for one bucket of burst 200 (refill 1 a minute), in 4
# parallel keep-alive streams of 100, two to each node.
exactness() {
  local owners=$1 key=exact-$RUN_ID i port pid pids=() passed refused failures
  failures=$(( $(health "$NODE1_PORT" rate_limit_failures) + $(health "$NODE2_PORT" rate_limit_failures) ))
  for i in 1 2 3 4; do
    port=$NODE1_PORT; [ $((i % 2)) -eq 1 ] || port=$NODE2_PORT
    requests "$OUT/exact-$i.curl" "$key" "http://127.0.0.1:$port/exact/1k" 100
  done
  for i in 1 2 3 4; do
    timeout 120 curl -s --max-time 10 -K "$OUT/exact-$i.curl" -w '%{http_code}\n' >"$OUT/exact-$i.codes" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  passed=$(cat "$OUT"/exact-?.codes | grep -c '^200$' || true)
  refused=$(cat "$OUT"/exact-?.codes | grep -c '^429$' || true)
  failures=$(( $(health "$NODE1_PORT" rate_limit_failures) + $(health "$NODE2_PORT" rate_limit_failures) - failures ))
  finding "exactness: burst 200, 400 requests, 4 streams over 2 nodes: $(statuses "$OUT"/exact-?.codes)" \
          "(bucket owned by $(owner "exact_limit|header=$key" "$owners"); failed decisions: $failures)"
  verdict "exactness, 2 nodes" "$( [ "$passed" -ge 200 ] && [ "$passed" -le 210 ] && echo yes)" \
          "$passed passed (target 200-210), $refused refused with 429"
}

# freeze_keys MODE: the X-Bench-Key values of the single requests made while node 2 is frozen.
freeze_keys() { for i in $(seq "$FREEZE_KEYS"); do echo "single-$1-$RUN_ID-$i"; done; }

# freeze MODE OWNERS: with node 2 stopped (SIGSTOP): single requests with new keys on node 1
# (their latency, their status by the owner of their bucket), then wrk with a new key every request
# on node 1's limited route, compared to its unlimited route measured just before the freeze; then
# node 2 continues (SIGCONT) and small buckets on both nodes must refuse after their burst again.
freeze() {
  local mode=$1 owners=$2 port1=$NODE1_PORT key pid pids=() started frozen_for members failures
  wrk_run "freeze-$mode-unlimited" "$FREEZE_DURATION" "http://127.0.0.1:$port1/bench/1k" -s bench/header-keys.lua -- 0 "unlimited-$mode-"
  failures=$(health "$port1" rate_limit_failures)
  echo "  [freeze-$mode] kill -STOP node 2 (pid ${PIDS[node2]})"
  kill -STOP "${PIDS[node2]}"
  started=$(date +%s.%N)
  for key in $(freeze_keys "$mode"); do
    timeout 30 curl -s --max-time 10 -o /dev/null -H "X-Bench-Key: $key" -w "$key %{http_code} %{time_total}\n" \
      "http://127.0.0.1:$port1/limited/1k" >"$OUT/single-$mode-$key.txt" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
  wrk_run "freeze-$mode-limited" "$FREEZE_DURATION" "http://127.0.0.1:$port1/limited/1k" -s bench/header-keys.lua -- 0 "frozen-$mode-"
  frozen_for=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  members=$(health "$port1" members)
  failures=$(( $(health "$port1" rate_limit_failures) - failures ))
  kill -CONT "${PIDS[node2]}"
  echo "  [freeze-$mode] kill -CONT node 2 after ${frozen_for}s frozen; node 1 saw $members member(s) at the end"
  freeze_report "$mode" "$owners" "$frozen_for" "$members" "$failures"
  limits_apply_again "$mode"
}

freeze_report() {
  local mode=$1 owners=$2 frozen_for=$3 members=$4 failures=$5 node codes max expected ok=yes
  cat "$OUT"/single-"$mode"-*.txt | while read -r key code time; do
    echo "$key $code $time $(owner "header_limit|header=$key" "$owners")"
  done >"$OUT/single-$mode.txt"
  max=$(awk '{ if ($3 > m) m = $3 } END { printf "%.3f", m }' "$OUT/single-$mode.txt")
  row "freeze-$mode-unlimited" "node 1 unlimited, just before the freeze ($mode)" "freeze-$mode-unlimited"
  row "freeze-$mode-limited" "node 1 limited, node 2 frozen, new keys ($mode)" "freeze-$mode-limited"
  local dropped=""
  [ "$members" = 2 ] || dropped="; node 1 had dropped node 2 by then (Hazelcast's 8 s), so partly measured without it"
  ratio "frozen node 2 ($mode): limited / unlimited" "freeze-$mode-limited" "freeze-$mode-unlimited" \
        "(node 1; frozen for ${frozen_for}s$dropped)"
  if [ "$mode" = open ]; then
    # open: every request is served, so the throughput compares like with like (closed answers half with 503)
    local kept
    kept=$(awk -v l="$(value freeze-open-limited 3)" -v u="$(value freeze-open-unlimited 3)" 'BEGIN { if (u > 0) printf "%.2f", l / u }')
    verdict "frozen member (open), node 1 on new keys" "$(awk -v k="${kept:-0}" 'BEGIN { if (k >= 0.5) print "yes" }')" \
            "limited ${kept}x its unlimited throughput (target >= 0.50x)"
  fi
  for node in node1 node2 '?'; do
    codes=$(statuses <(awk -v n="$node" '$4 == n { print $2 }' "$OUT/single-$mode.txt"))
    [ -n "$codes" ] || continue
    finding "frozen node 2 ($mode): single requests, bucket owned by $node: $codes;" \
            "max $(awk -v n="$node" '$4 == n && $3 > m { m = $3 } END { printf "%.3f", m }' "$OUT/single-$mode.txt") s"
    if [ "$mode" = open ] || [ "$node" = node1 ]; then
      expected=200
    elif [ "$node" = node2 ]; then
      expected=503
    else
      continue   # closed, owner unknown: either answer is right
    fi
    awk -v n="$node" -v e="$expected" '$4 == n && $2 != e { bad = 1 } END { exit bad }' "$OUT/single-$mode.txt" || ok=no
  done
  finding "frozen node 2 ($mode): limiter decisions counted as failed on node 1: $failures"
  verdict "frozen member ($mode), single request latency" "$(awk -v m="$max" 'BEGIN { if (m < 1) print "yes" }')" \
          "max ${max} s over $(wc -l <"$OUT/single-$mode.txt") requests (target < 1 s)"
  if [ "$mode" = open ]; then
    verdict "frozen member (open), statuses" "$ok" "every new key passes (200)"
  else
    verdict "frozen member (closed), statuses" "$ok" "503 for the frozen member's buckets, 200 for node 1's"
  fi
}

# decided_again MODE: how long after SIGCONT node 1 decides buckets again (a decided answer carries
# RateLimit-Limit; while the resumed member is still quarantined, at most about a second, node 1 fails
# its buckets by rate_limit_failure), asking with new keys for up to 10 s.
decided_again() {
  local start=$SECONDS i=0 in_a_row=0
  while [ $((SECONDS - start)) -lt 10 ]; do
    i=$((i + 1))
    if curl -s -o /dev/null -D - --max-time 2 -H "X-Bench-Key: resumed-$1-$RUN_ID-$i" "$LIMITED_URL" \
        | grep -qi '^RateLimit-Limit:'; then
      in_a_row=$((in_a_row + 1))
      # eight new keys in a row decided: some of them are the resumed member's (all node 1's: 1 in 256)
      [ "$in_a_row" -lt 8 ] || { echo "$((SECONDS - start)) s ($i requests)"; return; }
    else
      in_a_row=0
      sleep 0.1
    fi
  done
  echo "more than 10 s"
}

# limits_apply_again MODE: right after SIGCONT, a new small bucket (burst 5) on each node takes
# 8 requests: 5 must pass, then 3 be refused.
limits_apply_again() {
  local mode=$1 node port got ok=yes sizes split="" waited
  waited=$(decided_again "$mode")
  finding "after SIGCONT ($mode): node 1 decided a new bucket of the large limit again after ${waited}"
  for node in node1 node2; do
    port=$NODE1_PORT; [ "$node" = node1 ] || port=$NODE2_PORT
    requests "$OUT/small-$mode-$node.curl" "small-$mode-$RUN_ID-$node" "http://127.0.0.1:$port/small/1k" 8
    got=$(timeout 60 curl -s --max-time 10 -K "$OUT/small-$mode-$node.curl" -w '%{http_code} ' || true)
    finding "after SIGCONT ($mode): a new burst-5 bucket, 8 requests on $node: $got"
    [ "$got" = "200 200 200 200 200 429 429 429 " ] || ok=no
  done
  sizes="$(health "$NODE1_PORT" members)/$(health "$NODE2_PORT" members)"
  # Frozen past Hazelcast's 8 s, node 2 was dropped: each node then decides alone, which proves less.
  [ "$sizes" = 2/2 ] || split=" (but the cluster had split: nodes 1/2 see $sizes members)"
  verdict "limits apply after SIGCONT ($mode)" "$ok" "a burst-5 bucket on each node: 5 pass, then 429$split"
}
