# Shared helpers of bench/run: logging, clocks, the raw-output index and measured tool runs.
# Sourced by bench/run; expects $raw, $bench and $failures to be set.

log() {
  echo "bench: $*" >&2
}

fail() {
  echo "bench: $*" >&2
  exit 1
}

now_ms() {
  echo $(($(date +%s%N) / 1000000))
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Appends one line to raw/index.tsv: BROKER FIGURE REPEAT PARSER STATUS FILE (FILE relative to raw/).
# report.py reads each FILE with the parser named here.
index_add() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "${6#"$raw"/}" >> "$raw/index.tsv"
}

# Records a command line, with the environment that matters, in raw/commands.log.
log_command() {
  local context=$1
  shift
  { printf '[%s] ' "$context"; printf '%q ' "$@"; printf '\n'; } >> "$raw/commands.log"
}

# The command and CPU sampler that run_measured is waiting for, so that an interrupted run can stop them.
measured_tool_pid=""
measured_sampler_pid=""

# Stops the command and sampler of an interrupted run_measured. `timeout` runs in a process group of its
# own, so a Ctrl-C in the terminal does not reach it; SIGTERM makes it stop its command.
stop_measured() {
  if [[ -n $measured_tool_pid ]]; then
    kill -TERM "$measured_tool_pid" 2>/dev/null || true
    wait "$measured_tool_pid" 2>/dev/null || true
  fi
  if [[ -n $measured_sampler_pid ]]; then
    kill "$measured_sampler_pid" 2>/dev/null || true
  fi
}

# Runs a command in the background with output to OUT (stdout and stderr), bounded by LIMIT seconds,
# while bench/tools/cpu_sampler.py samples the broker (pid $broker_pid) and the command once a second
# into OUT with .cpu.tsv in place of .out. Returns the command's exit status (124 on timeout).
# Usage: run_measured CONTEXT OUT LIMIT COMMAND...
# Shortens a tool output of more than 2,000 lines (Kafka's producer logs one warning per retried partition
# in the many-partitions workload, tens of MB) to its first and last 200 lines, keeping every result line
# (key=value, step) from the middle. Usage: cap_output FILE
cap_output() {
  local file=$1 lines
  lines=$(wc -l < "$file")
  ((lines > 2000)) || return 0
  awk -v total="$lines" '
    NR <= 200 || NR > total - 200 { print; next }
    /^[a-z_]+=/ || /^step / { print; next }
    NR == 201 { printf "... %d lines of client log left out by bench/run; result lines kept ...\n", total - 400 }
  ' "$file" > "$file.capped"
  mv "$file.capped" "$file"
}

run_measured() {
  local context=$1 out=$2 limit=$3 tool_pid sampler_pid status=0
  shift 3
  log_command "$context" "$@"
  timeout --kill-after=10 "$limit" "$@" > "$out" 2>&1 &
  tool_pid=$!
  measured_tool_pid=$tool_pid
  python3 "$bench/tools/cpu_sampler.py" --out "${out%.out}.cpu.tsv" --max-seconds "$limit" \
    "broker=$broker_pid" "tool=$tool_pid" &
  sampler_pid=$!
  measured_sampler_pid=$sampler_pid
  wait "$tool_pid" || status=$?
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  measured_tool_pid=""
  measured_sampler_pid=""
  cap_output "$out"
  if ((status != 0)); then
    log "command failed with status $status (124 means timed out after $limit s); see $out"
    tail -n 5 "$out" >&2 || true
  fi
  return "$status"
}

# Sets the command prefixes below as arrays, because `timeout` runs commands but not shell functions.
#   kafka_tool    a Kafka 4.4 tool class through kafka-ref/run, with the heap of the distribution's perf-test
#                 scripts (-Xmx512M) and kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS
#   bench_client  one of the harness's own Java clients (bench/tools/*.java, compiled once into $classes)
define_tool_commands() {
  kafka_tool=(env "KAFKA_REF_JAVA_OPTS=-Xmx512M $kafka_performance_opts" "$root/kafka-ref/run")
  bench_client=(java -Xmx512M -Dlog4j2.configurationFile="$root/kafka-ref/log4j2.properties"
    -cp "$classes:$root/kafka-ref/lib/*")
}

# Prints the VmRSS of PID in MiB.
rss_mib() {
  awk '/^VmRSS:/ { printf "%d\n", $2 / 1024 }' "/proc/$1/status"
}

# Sets the workload sizes of bench/run and bench/profile: the tiny --quick sizes when QUICK is true, else the
# full sizes. A full bench/run is sized to finish within an hour on 2 cores; docs/benchmarks.md states them.
# Usage: set_workload_sizes QUICK
set_workload_sizes() {
  if $1; then
    produce_records=20000
    latency_records=20000
    e2e_records=1000
    consume_records=20000
    loaded_records=20000
    many_partitions=200
    idle_seconds=2
    dd_mib=64
    tool_timeout=120
  else
    produce_records=1000000
    latency_records=300000
    e2e_records=10000
    consume_records=1000000
    loaded_records=1048576
    many_partitions=10000
    idle_seconds=30
    dd_mib=512
    tool_timeout=600
  fi
}
