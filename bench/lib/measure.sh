# shellcheck shell=bash
# Sourced by bench/run.sh: wrk runs, their numbers, and the summary they end up in.
# Every wrk run leaves its output in bench/out/wrk-NAME.txt; rows of the summary table go to
# bench/out/table.tsv, the lines under it (ratios, limiter checks) to bench/out/findings.txt.

# seconds DURATION: "10s" or "10" -> 10.
seconds() { echo "${1%s}"; }

# wrk_run NAME DURATION URL [wrk options] [-- script arguments]: one wrk run (keep-alive connections,
# latency distribution), bounded by a timeout in case the target stops answering mid-run.
wrk_run() {
  local name=$1 duration; duration=$(seconds "$2"); local url=$3; shift 3
  echo "  [$name] ${duration}s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  timeout -k 5 $((duration + 30)) \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" --latency "$url" "$@" >"$OUT/wrk-$name.txt"
}

# rounds NAME: the names of the measured runs of a target, NAME-1 .. NAME-ROUNDS.
rounds() { for round in $(seq "$ROUNDS"); do echo "$1-$round"; done; }

# parse NAME: "RPS P99_MS NON2XX SOCKET_ERRORS" from wrk's output.
parse() {
  awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" {
      v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
      p99 = (unit == "us") ? v / 1000 : (unit == "ms") ? v : (unit == "s") ? v * 1000 : (unit == "m") ? v * 60000 : -1
    }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { gsub(/,/, ""); socket = $4 + $6 + $8 + $10 }
    END { printf "%.2f %.3f %d %d\n", rps, p99, non2xx, socket }
  ' "$OUT/wrk-$1.txt"
}

# row ID LABEL WRK_NAME...: a row of the summary table: the median requests/s and the median p99 of
# the given runs (each median on its own), their non-2xx responses and socket errors added up.
row() {
  local id=$1 label=$2 name; shift 2
  for name in "$@"; do parse "$name"; done | awk -v id="$id" -v label="$label" '
    function median(values, n,    i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && values[j - 1] > values[j]; j--) {
        t = values[j]; values[j] = values[j - 1]; values[j - 1] = t
      }
      return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
    }
    { rps[NR] = $1; p99[NR] = $2; non2xx += $3; socket += $4 }
    END { printf "%s\t%s\t%.0f\t%.2f\t%d\t%d\t%d\n", id, label, median(rps, NR), median(p99, NR), non2xx, socket, NR }
  ' >>"$OUT/table.tsv"
}

# value ID COLUMN: a number of a row of the table (COLUMN 3: requests/s, 4: p99).
value() { awk -F'\t' -v id="$1" -v c="$2" '$1 == id { print $c }' "$OUT/table.tsv"; }

# ratio TEXT ID OVER_ID [NOTE]: a findings line comparing two rows: throughput and p99 ratios.
ratio() {
  awk -v text="$1" -v r1="$(value "$2" 3)" -v r2="$(value "$3" 3)" -v p1="$(value "$2" 4)" -v p2="$(value "$3" 4)" \
      -v note="${4:-}" 'BEGIN {
    printf "%-46s throughput %5.2fx   p99 %5.2fx   %s\n", text, (r2 > 0 ? r1 / r2 : 0), (p2 > 0 ? p1 / p2 : 0), note
  }' >>"$OUT/findings.txt"
}

finding() { echo "$*" >>"$OUT/findings.txt"; }

# ratio_target TARGET ID OVER_ID MIN_THROUGHPUT MAX_P99: a targets line: is ID's throughput at least
# MIN_THROUGHPUT times OVER_ID's, and its p99 at most MAX_P99 times?
ratio_target() {
  local r1 r2 p1 p2 met
  r1=$(value "$2" 3); r2=$(value "$3" 3); p1=$(value "$2" 4); p2=$(value "$3" 4)
  met=$(awk -v r1="$r1" -v r2="$r2" -v p1="$p1" -v p2="$p2" -v t="$4" -v p="$5" \
    'BEGIN { if (r2 > 0 && p2 > 0 && r1 / r2 >= t && p1 / p2 <= p) print "yes" }')
  verdict "$1" "$met" "$(awk -v r1="$r1" -v r2="$r2" -v p1="$p1" -v p2="$p2" -v t="$4" -v p="$5" \
    'BEGIN { printf "throughput %.2fx (target >= %.2fx), p99 %.2fx (target <= %.2fx)", r1 / r2, t, p1 / p2, p }')"
}

# verdict TARGET MET(yes|no) DETAIL: a line of the targets list.
verdict() {
  local mark=MISSED
  [ "$2" = yes ] && mark=met
  printf '%-7s %s: %s\n' "$mark" "$1" "$3" >>"$OUT/targets.txt"
}

print_summary() {
  echo
  printf '%-48s %11s %9s %8s %8s %5s\n' target requests/s 'p99 (ms)' non-2xx 'sock err' runs
  awk -F'\t' '{ printf "%-48s %11d %9.2f %8d %8d %5d\n", $2, $3, $4, $5, $6, $7 }' "$OUT/table.tsv"
  echo
  cat "$OUT/findings.txt"
  echo
  echo "Targets:"
  cat "$OUT/targets.txt"
}
