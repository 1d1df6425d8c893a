#!/usr/bin/env bash
# Eventloom benchmarks against baselines, measured in one run so that ratios hold on a shared, noisy machine.
#
#   platform-runtime/benchmarks/run.sh            build, then run everything (about 45 minutes)
#   QUICK=1 platform-runtime/benchmarks/run.sh    short durations and one round, to check that it works
#   NO_BUILD=1 ...                                reuse what the last build left in target/
#
# Needs: a JDK 21+ (JDK 25 preferred), wrk and hey (apt-get install -y wrk hey), curl, taskset, 2 CPUs.
# Writes target/benchmarks/{results.tsv,report.md,chart.png,jmh.txt} under this folder.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$bench/../.." && pwd)
out="$bench/target/benchmarks"
mkdir -p "$out"

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ -n "${QUICK:-}" ]; then
  DURATION=${DURATION:-3} WARMUP=${WARMUP:-2} ROUNDS=${ROUNDS:-1} PASSES=${PASSES:-2} KAFKA_EVENTS=${KAFKA_EVENTS:-20000} JMH_ARGS=${JMH_ARGS:-"-wi 1 -w 300ms -i 2 -r 300ms -f 1"} ROUTER_JMH_ARGS=${ROUTER_JMH_ARGS:-$JMH_ARGS}
fi
DURATION=${DURATION:-10}      # seconds of each measurement
WARMUP=${WARMUP:-5}           # seconds of each warm-up load; every scenario gets two before measurements start
ROUNDS=${ROUNDS:-2}           # fresh processes each round (each JIT compiles its own way)
PASSES=${PASSES:-3}           # measurements per round of every scenario, interleaved across the applications
CONNECTIONS=${CONNECTIONS:-32}
JMH_ARGS=${JMH_ARGS:-"-wi 3 -w 1s -i 5 -r 1s -f 1"}
# The routing target compares nanoseconds: three forks (in one JVM 10,000 triggers once measured 1.42× one trigger, in
# three forks right after 0.92×)
ROUTER_JMH_ARGS=${ROUTER_JMH_ARGS:-"-wi 3 -w 1s -i 5 -r 1s -f 3"}
PORT=${PORT:-18080}

for tool in wrk hey curl taskset; do
  if ! command -v "$tool" > /dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
      apt-get install -y wrk hey > /dev/null 2>&1 || { apt-get update > /dev/null && apt-get install -y wrk hey > /dev/null; }
    fi
    command -v "$tool" > /dev/null || { echo "run.sh needs $tool (apt-get install -y wrk hey curl util-linux)" >&2; exit 1; }
  fi
done

if [ "$(nproc)" -ge 2 ]; then
  server_cpu=(taskset -c 0)
  load_cpu=(taskset -c 1)
else
  echo "warning: one CPU only; server and load generator share it" >&2
  server_cpu=()
  load_cpu=()
fi

if [ -z "${NO_BUILD:-}" ]; then
  (cd "$root" && ./mvnw -q -B install -DskipTests -pl platform-runtime/benchmarks/harness,platform-runtime/benchmarks/funqy-app,platform-runtime/benchmarks/eventloom-app,platform-runtime/benchmarks/eventloom-startup-app,platform-runtime/benchmarks/lambda-baseline-app,platform-runtime/benchmarks/eventloom-lambda-app,platform-runtime/benchmarks/messaging-baseline-app,platform-runtime/benchmarks/eventloom-messaging-app,platform-runtime/benchmarks/jmh -am)
  # the baseline Lambda with quarkus-vertx added and unused (target/vertx-floor/function.zip): what Vert.x alone costs
  (cd "$root" && ./mvnw -q -B package -DskipTests -Pvertx-floor -pl platform-runtime/benchmarks/lambda-baseline-app)
  # the Funqy baseline with SmallRye Health added (target/health-floor/): what Eventloom's health checks alone cost
  (cd "$root" && ./mvnw -q -B package -DskipTests -Phealth-floor -pl platform-runtime/benchmarks/funqy-app)
  # the startup application (Funqy's one function on Eventloom): the integration test trains the AOT cache on the
  # packaged application (target/quarkus-app/app.aot)
  (cd "$root" && ./mvnw -q -B verify -Dsurefire.skip=true -pl platform-runtime/benchmarks/eventloom-startup-app)
  # and as `mvn package` builds it by default (fast-jar, no AOT cache): the AOT packaging loads classes through the
  # JDK's class path, which costs a run without the cache about 40 MB of RSS
  (cd "$root" && ./mvnw -q -B package -DskipTests -Dquarkus.package.jar.aot.enabled=false \
    -Dquarkus.package.output-directory=plain-app -pl platform-runtime/benchmarks/eventloom-startup-app)
fi

vertx_cmd=("$java" -cp "$bench/harness/target/eventloom-bench-harness-0.1.0-SNAPSHOT.jar:$bench/harness/target/lib/*" dev.eventloom.benchmarks.VertxBaseline)
funqy_cmd=("$java" -jar "$bench/funqy-app/target/quarkus-app/quarkus-run.jar")
funqy_health_cmd=("$java" -jar "$bench/funqy-app/target/health-floor/quarkus-app/quarkus-run.jar")
eventloom_cmd=("$java" -jar "$bench/eventloom-app/target/quarkus-app/quarkus-run.jar")
# Launch to first event and memory compare applications of the same size: Funqy's one function, unchanged, on Eventloom,
# as `mvn package` builds it (fast-jar) and with the JDK AOT cache its build packages (quarkus.package.jar.aot.enabled,
# recorded while TrainingIT exercises the packaged application; the cache records the class path as the build ran it,
# so it starts from inside quarkus-app/).
eventloom_startup_cmd=("$java" -jar "$bench/eventloom-startup-app/target/plain-app/quarkus-run.jar")
eventloom_aot_cmd=(bash -c "cd '$bench/eventloom-startup-app/target/quarkus-app' && exec '$java' -XX:AOTCache=app.aot -jar quarkus-run.jar")

results="$out/results.tsv"
printf '# kind\tscenario\tround\tvalues (http: req/s, p50 ms, p99 ms; neighbour: p99 ms alone, beside; startup: ms, RSS KiB after first event, after load)\n' > "$results"

# The wrk request scripts: the greeting as plain JSON, and as a binary-mode CloudEvent
cp "$bench/load/json.lua" "$bench/load/cloudevent.lua" "$out/"

app_pid=""
running=()
stop_app() { # stop_app [PID]: stops one application (default: the last started) and waits for it
  local pid=${1:-$app_pid} p
  [ -n "$pid" ] || return 0
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  local left=()
  for p in "${running[@]}"; do [ "$p" = "$pid" ] || left+=("$p"); done
  running=("${left[@]}")
  [ "$pid" != "$app_pid" ] || app_pid=""
}
stop_all() {
  local p
  for p in "${running[@]}"; do stop_app "$p"; done
}
trap stop_all EXIT

first_event() { # first_event PORT
  curl -fs -m 2 -o /dev/null -X POST "http://127.0.0.1:$1/hello" -H 'Content-Type: application/json' -d '{"name":"x"}'
}

# start_app NAME PORT PINNING... -- COMMAND...: launches a server and waits for its first answered event; sets app_pid
# and startup_ms (launch to first answered event).
startup_ms=0
start_app() {
  local name=$1 port=$2; shift 2
  local pin=()
  while [ "$1" != "--" ]; do pin+=("$1"); shift; done
  shift
  local begin end
  begin=$(date +%s%N)
  PORT=$port "${pin[@]}" "$@" > "$out/$name.log" 2>&1 &
  app_pid=$!
  running+=("$app_pid")
  for _ in $(seq 1 3000); do
    if first_event "$port"; then
      end=$(date +%s%N)
      startup_ms=$(( (end - begin) / 1000000 ))
      return 0
    fi
    kill -0 "$app_pid" 2> /dev/null || { echo "$name exited during startup, see $out/$name.log" >&2; exit 1; }
    sleep 0.01
  done
  echo "$name did not answer within 30 s" >&2
  exit 1
}

rss_kib() {
  awk '/VmRSS/ {print $2}' "/proc/$app_pid/status"
}

to_ms() { # wrk prints 812.00us, 1.23ms, 2.01s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

# wrk_run SECONDS CONNECTIONS PORT PATH SCRIPT: echoes "req/s p50 p99" in ms
wrk_run() {
  local report
  report=$("${load_cpu[@]}" wrk -t1 -c"$2" -d"$1"s --latency -s "$5" "http://127.0.0.1:$3$4")
  if grep -q "Non-2xx" <<< "$report"; then
    echo "wrk saw error responses on $4:" >&2
    echo "$report" >&2
    exit 1
  fi
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$report")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$report")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$report")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}

# warm_up PORT PATH SCRIPT [PATH SCRIPT...]: load every scenario of an application before any is measured, so the JIT
# has compiled all their paths (on one CPU that takes a while, and would otherwise favour the scenarios measured last).
# Every application gets the same warm-up time, WARM_UP_SLOTS x WARMUP seconds, whatever its number of scenarios: with
# one scenario warmed for 10 s against Eventloom's six for 60 s, the baselines were measured less compiled.
WARM_UP_SLOTS=12
warm_up() {
  local port=$1; shift
  local slot=0 i
  local -a args=("$@")
  while [ "$slot" -lt "$WARM_UP_SLOTS" ]; do
    for ((i = 0; i < ${#args[@]} && slot < WARM_UP_SLOTS; i += 2)); do
      wrk_run "$WARMUP" "$CONNECTIONS" "$port" "${args[i]}" "${args[i + 1]}" > /dev/null
      slot=$((slot + 1))
    done
  done
}

measure() { # measure SAMPLE SCENARIO PORT PATH SCRIPT
  local figures
  figures=$(wrk_run "$DURATION" "$CONNECTIONS" "$3" "$4" "$5")
  read -r rps p50 p99 <<< "$figures"
  printf 'http\t%s\t%s\t%s\t%s\t%s\n' "$2" "$1" "$rps" "$p50" "$p99" >> "$results"
  printf '  %-34s %10s req/s  p50 %7s ms  p99 %7s ms\n' "$2" "$rps" "$p50" "$p99"
}

# head_to_head SAMPLE NAME CONTENDER_PORT CONTENDER_PATH BASELINE_PORT BASELINE_PATH SCRIPT: both loaded at the same
# time, each by its own wrk (both on the load CPU), while both servers share the server CPU. The scheduler gives each
# server about half of it, so their requests/s compare their CPU per request, and whatever the machine does during the
# measurement it does to both: a steadier ratio than measurements taken in turn.
head_to_head() {
  local a_file="$out/h2h-a.txt" b_file="$out/h2h-b.txt"
  wrk_run "$DURATION" "$CONNECTIONS" "$3" "$4" "$7" > "$a_file" &
  local a_pid=$!
  wrk_run "$DURATION" "$CONNECTIONS" "$5" "$6" "$7" > "$b_file"
  wait "$a_pid"
  local a_rps a_p50 a_p99 b_rps b_p50 b_p99
  read -r a_rps a_p50 a_p99 < "$a_file"
  read -r b_rps b_p50 b_p99 < "$b_file"
  printf 'headtohead\t%s\t%s\t%s\t%s\t%s\t%s\n' "$2" "$1" "$a_rps" "$b_rps" "$a_p99" "$b_p99" >> "$results"
  printf '  %-58s %9s vs %9s req/s  p99 %7s vs %7s ms\n' "$2" "$a_rps" "$b_rps" "$a_p99" "$b_p99"
}

vertx_port=$PORT
funqy_port=$((PORT + 1))
eventloom_port=$((PORT + 2))
measure_app() { # measure_app APP SAMPLE: every scenario of one application
  case "$1" in
    vertx)
      measure "$2" "vertx json" "$vertx_port" /hello "$out/json.lua"
      measure "$2" "vertx cloudevent binary" "$vertx_port" / "$out/cloudevent.lua"
      measure "$2" "vertx cloudevent reply (sdk)" "$vertx_port" /cloudevent "$out/cloudevent.lua"
      ;;
    funqy) measure "$2" "funqy json (worker)" "$funqy_port" /hello "$out/json.lua" ;;
    eventloom)
      measure "$2" "quarkus route json (floor)" "$eventloom_port" /floor/hello "$out/json.lua"
      measure "$2" "eventloom json (event loop)" "$eventloom_port" /hello "$out/json.lua"
      measure "$2" "eventloom json (Uni)" "$eventloom_port" /hello-uni "$out/json.lua"
      measure "$2" "eventloom json (worker)" "$eventloom_port" /hello-blocking "$out/json.lua"
      measure "$2" "eventloom json (virtual thread)" "$eventloom_port" /hello-virtual "$out/json.lua"
      measure "$2" "eventloom cloudevent binary" "$eventloom_port" / "$out/cloudevent.lua"
      ;;
  esac
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS"
  # The three HTTP servers run at once, each pinned to CPU 0 and idle while another is measured, and are measured in
  # turn, PASSES times (in reverse order every other pass): on this shared VM throughput drifts by a third within
  # minutes, and a baseline measured seconds before or after its comparison shares that drift. Each pass is one sample;
  # the report gives each ratio as the median of the per-sample ratios.
  echo "starting raw Vert.x, Quarkus Funqy HTTP and Eventloom; warming each up"
  start_app vertx "$vertx_port" "${server_cpu[@]}" -- "${vertx_cmd[@]}"
  start_app funqy "$funqy_port" "${server_cpu[@]}" -- "${funqy_cmd[@]}"
  start_app eventloom "$eventloom_port" "${server_cpu[@]}" -- "${eventloom_cmd[@]}"
  warm_up "$vertx_port" /hello "$out/json.lua" / "$out/cloudevent.lua" /cloudevent "$out/cloudevent.lua"
  warm_up "$funqy_port" /hello "$out/json.lua"
  warm_up "$eventloom_port" /floor/hello "$out/json.lua" /hello "$out/json.lua" /hello-uni "$out/json.lua" \
    /hello-blocking "$out/json.lua" /hello-virtual "$out/json.lua" / "$out/cloudevent.lua"
  for pass in $(seq 1 "$PASSES"); do
    sample=$(( (round - 1) * PASSES + pass ))
    echo "pass $pass of $PASSES (sample $sample)"
    if [ $((pass % 2)) = 1 ]; then order=(vertx funqy eventloom); else order=(eventloom funqy vertx); fi
    for app in "${order[@]}"; do measure_app "$app" "$sample"; done
  done
  echo "head to head: contender and baseline loaded at once, both on the server CPU"
  for pass in $(seq 1 "$PASSES"); do
    sample=$(( (round - 1) * PASSES + pass ))
    head_to_head "$sample" "eventloom json (event loop) vs vertx json" "$eventloom_port" /hello "$vertx_port" /hello \
      "$out/json.lua"
    head_to_head "$sample" "quarkus route json (floor) vs vertx json" "$eventloom_port" /floor/hello "$vertx_port" \
      /hello "$out/json.lua"
    head_to_head "$sample" "eventloom cloudevent binary vs vertx cloudevent binary" "$eventloom_port" / "$vertx_port" / \
      "$out/cloudevent.lua"
    # the same request to raw Vert.x answering it as a CloudEvent with the SDK, as Eventloom does
    head_to_head "$sample" "eventloom cloudevent binary vs vertx cloudevent reply (sdk)" "$eventloom_port" / \
      "$vertx_port" /cloudevent "$out/cloudevent.lua"
    # Not Eventloom's blocking functions against Funqy: Eventloom's worker threads run at nice 10 and yield the CPU to
    # Funqy's, so the ratio would measure that priority rather than either one's cost.
  done
  stop_all

  # The fast function alone and beside two CPU-burning requests, in pairs whose order alternates (alone then beside,
  # beside then alone), so each ratio compares measurements seconds apart. The same pairs for the raw Vert.x server
  # beside two CPU-burning processes of its own (busy shell loops at nice 10, the nice value Eventloom gives its
  # workers), placed as Eventloom is: what this machine does to any server's p99 beside CPU-bound threads, the floor
  # under Eventloom's ratio. Both servers run unpinned, so the burners also share wrk's CPU.
  echo "Noisy neighbour (servers on both CPUs; wrk pinned to CPU 1)"
  start_app vertx-neighbour "$vertx_port" -- "${vertx_cmd[@]}"
  floor_pid=$app_pid
  warm_up "$vertx_port" /hello "$out/json.lua"
  start_app eventloom-neighbour "$eventloom_port" -- "${eventloom_cmd[@]}"
  warm_up "$eventloom_port" /hello "$out/json.lua"
  for pass in $(seq 1 "$PASSES"); do
    sample=$(( (round - 1) * PASSES + pass ))
    if [ $((pass % 2)) = 1 ]; then order=(alone beside); else order=(beside alone); fi
    for slot in "${order[@]}"; do
      if [ "$slot" = alone ]; then
        read -r _ _ floor_alone <<< "$(wrk_run "$DURATION" 8 "$vertx_port" /hello "$out/json.lua")"
        read -r _ _ alone <<< "$(wrk_run "$DURATION" 8 "$eventloom_port" /hello "$out/json.lua")"
      else
        burners=()
        for _ in 1 2; do
          timeout "$((DURATION + 2))" nice -n 10 bash -c 'while :; do :; done' &
          burners+=($!)
        done
        sleep 1
        read -r _ _ floor_beside <<< "$(wrk_run "$DURATION" 8 "$vertx_port" /hello "$out/json.lua")"
        wait "${burners[@]}" || true
        hey -z "$((DURATION + 2))s" -c 2 -m POST -T application/json -d 200 "http://127.0.0.1:$eventloom_port/burn" > "$out/hey-burn.txt" 2>&1 &
        hey_pid=$!
        sleep 1
        read -r _ _ beside <<< "$(wrk_run "$DURATION" 8 "$eventloom_port" /hello "$out/json.lua")"
        wait "$hey_pid" || true
      fi
    done
    printf 'neighbour\t%s\t%s\t%s\t%s\n' "eventloom fast function" "$sample" "$alone" "$beside" >> "$results"
    printf 'neighbour\t%s\t%s\t%s\t%s\n' "raw vert.x beside two busy processes (floor)" "$sample" "$floor_alone" \
      "$floor_beside" >> "$results"
    printf '  fast function p99 alone %s ms, beside two CPU-burning requests %s ms; raw Vert.x alone %s ms, beside two busy processes %s ms\n' \
      "$alone" "$beside" "$floor_alone" "$floor_beside"
  done
  stop_app
  stop_app "$floor_pid"

  # Startup and memory: each application started PASSES times per round, every other pass in reverse order (one
  # start's RSS moves by a megabyte or two from the next one's). Beside Funqy, its floor under Eventloom: the same
  # Funqy application with SmallRye Health, which Eventloom serves for Knative's probes.
  startup_apps=(funqy "funqy + smallrye-health (floor)" eventloom eventloom-aot)
  for pass in $(seq 1 "$PASSES"); do
    sample=$(( (round - 1) * PASSES + pass ))
    order=()
    for app in "${startup_apps[@]}"; do
      if [ $((pass % 2)) = 1 ]; then order+=("$app"); else order=("$app" "${order[@]}"); fi
    done
    for app in "${order[@]}"; do
      echo "Startup and memory: $app"
      case "$app" in
        funqy) cmd=("${funqy_cmd[@]}") ;;
        funqy*) cmd=("${funqy_health_cmd[@]}") ;;
        eventloom) cmd=("${eventloom_startup_cmd[@]}") ;;
        *) cmd=("${eventloom_aot_cmd[@]}") ;;
      esac
      start_app "${app//[^a-z-]/}-startup" "$PORT" -- "${cmd[@]}"
      millis=$startup_ms
      first=$(rss_kib)
      wrk_run "$WARMUP" "$CONNECTIONS" "$PORT" /hello "$out/json.lua" > /dev/null
      loaded=$(rss_kib)
      stop_app
      printf 'startup\t%s\t%s\t%s\t%s\t%s\n' "$app" "$sample" "$millis" "$first" "$loaded" >> "$results"
      printf '  launch to first event %s ms, RSS %s KiB after it, %s KiB after load\n' "$millis" "$first" "$loaded"
    done
  done
done

echo "== AWS Lambda, JVM mode: cold start and invocations/s through a Runtime API server (app on CPU 0)"
"${server_cpu[@]}" "$java" -cp "$bench/harness/target/eventloom-bench-harness-0.1.0-SNAPSHOT.jar:$bench/harness/target/lib/*" \
  dev.eventloom.benchmarks.LambdaBench "$out" "$((ROUNDS * PASSES))" "$DURATION" \
  "lambda baseline=$bench/lambda-baseline-app/target/function.zip" \
  "quarkus-vertx floor=$bench/lambda-baseline-app/target/vertx-floor/function.zip" \
  "eventloom lambda=$bench/eventloom-lambda-app/target/function.zip"

echo "== Kafka: events/s from a pre-filled topic through consumption and ack (app on CPU 0, broker in the harness JVM on CPU 1; the first quarter warms up)"
"${load_cpu[@]}" "$java" -cp "$bench/harness/target/eventloom-bench-harness-0.1.0-SNAPSHOT.jar:$bench/harness/target/lib/*" \
  dev.eventloom.benchmarks.KafkaBench "$out" "$((ROUNDS * PASSES))" "${KAFKA_EVENTS:-200000}" \
  "plain @Incoming baseline=$bench/messaging-baseline-app/target/quarkus-app/quarkus-run.jar" \
  "eventloom messaging=$bench/eventloom-messaging-app/target/quarkus-app/quarkus-run.jar"

echo "== JMH: routing, invoker and delivery-rule overhead"
# shellcheck disable=SC2086
{
  "$java" -jar "$bench/jmh/target/benchmarks.jar" RouterBenchmark $ROUTER_JMH_ARGS
  "$java" -jar "$bench/jmh/target/benchmarks.jar" 'InvokerBenchmark|DeliveryBenchmark' $JMH_ARGS
} | tee "$out/jmh.txt" | grep -E '^(Benchmark|RouterBenchmark|InvokerBenchmark|DeliveryBenchmark)'

"$java" -cp "$bench/harness/target/eventloom-bench-harness-0.1.0-SNAPSHOT.jar" dev.eventloom.benchmarks.Report "$out"
{
  echo "## JMH"
  echo
  echo '```'
  grep -E '^(Benchmark|RouterBenchmark|InvokerBenchmark|DeliveryBenchmark)' "$out/jmh.txt"
  echo '```'
  echo
  echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $("$java" -version 2>&1 | head -1)."
  echo "Settings: DURATION=$DURATION s, WARMUP=$WARMUP s, ROUNDS=$ROUNDS, PASSES=$PASSES, CONNECTIONS=$CONNECTIONS; server on CPU 0, wrk on CPU 1."
} >> "$out/report.md"
echo
cat "$out/report.md"
echo "Report: $out/report.md, chart: $out/chart.png"
