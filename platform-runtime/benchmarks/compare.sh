#!/usr/bin/env bash
# Head to head: the benchmark application of two builds, the same requests, alternating which goes first each round,
# each request rate divided by the other build's in the same round. For checking that a change keeps throughput
# ("not more than 3 % below the commit before"): build eventloom-app at both commits, then
#
#   platform-runtime/benchmarks/compare.sh BEFORE/quarkus-app AFTER/quarkus-app
#
# ROUNDS (default 10) and DURATION (seconds, default 8) set the length. Needs wrk, curl and taskset; the applications
# share CPU 0 and wrk runs on CPU 1. Prints one line per measurement, then the median ratio per scenario.
set -euo pipefail

before=${1:?usage: compare.sh BEFORE_QUARKUS_APP_DIR AFTER_QUARKUS_APP_DIR}
after=${2:?usage: compare.sh BEFORE_QUARKUS_APP_DIR AFTER_QUARKUS_APP_DIR}
ROUNDS=${ROUNDS:-10}
DURATION=${DURATION:-8}
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2> /dev/null || true; rm -rf "$work"' EXIT

load="$(cd "$(dirname "$0")" && pwd)/load"
cp "$load/json.lua" "$load/cloudevent.lua" "$work/"

taskset -c 0 "$java" -Dquarkus.http.port=18191 -jar "$before/quarkus-run.jar" > "$work/before.log" 2>&1 &
taskset -c 0 "$java" -Dquarkus.http.port=18192 -jar "$after/quarkus-run.jar" > "$work/after.log" 2>&1 &
for port in 18191 18192; do
  for _ in $(seq 150); do
    curl -fs -m 1 -o /dev/null -X POST "http://127.0.0.1:$port/hello" -H 'Content-Type: application/json' \
      -d '{"name":"x"}' && break
    sleep 0.2
  done
done

rate() { # rate PORT SCENARIO
  local path=/hello
  [ "$2" = cloudevent ] && path=/
  taskset -c 1 wrk -t1 -c32 -d"${3:-$DURATION}"s -s "$work/$2.lua" "http://127.0.0.1:$1$path" | awk '/Requests\/sec/ {print $2}'
}
for port in 18191 18192; do for scenario in json cloudevent; do rate "$port" "$scenario" 5 > /dev/null; done; done

printf 'round\tscenario\tbefore\tafter\tafter/before\n'
for round in $(seq "$ROUNDS"); do
  for scenario in json cloudevent; do
    if [ $((round % 2)) = 1 ]; then b=$(rate 18191 $scenario); a=$(rate 18192 $scenario)
    else a=$(rate 18192 $scenario); b=$(rate 18191 $scenario); fi
    awk -v r="$round" -v s="$scenario" -v b="$b" -v a="$a" 'BEGIN {printf "%s\t%s\t%s\t%s\t%.3f\n", r, s, b, a, a / b}'
  done
done | tee "$work/rounds.tsv"
for scenario in json cloudevent; do
  awk -v s="$scenario" '$2 == s {print $5}' "$work/rounds.tsv" | sort -n \
    | awk -v s="$scenario" '{r[NR] = $1} END {m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2;
        printf "%s: median after/before %.3f (rounds %.3f to %.3f)\n", s, m, r[1], r[NR]}'
done
