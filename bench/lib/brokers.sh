# Starting, probing and stopping the three broker configurations of bench/run:
#   tributary     ./tributary server with its defaults (log.flush.interval.messages=1: fsync before acks=all)
#   kafka         Apache Kafka 4.4.0 with bench/kafka/server.properties and the start script's JVM options
#   kafka-flush1  the same Kafka with log.flush.interval.messages=1 added (fsync after every append)
# Sourced by bench/run; sets $broker_pid, $broker_port, $broker_dir, $startup_ms and $shutdown_ms.

broker_pid=""
broker_port=""
broker_dir=""
startup_ms=""
shutdown_ms=""

# JVM options of kafka-server-start.sh (KAFKA_HEAP_OPTS) and kafka-run-class.sh (KAFKA_JVM_PERFORMANCE_OPTS)
# in Kafka 4.4.0. The start script's GC log and JMX options are left out.
kafka_heap_opts="-Xmx1G -Xms1G"
kafka_performance_opts="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true"

broker_port_of() {
  case $1 in
    tributary) echo "$tributary_port" ;;
    kafka | kafka-flush1) echo "$kafka_port" ;;
    *) fail "unknown broker configuration '$1'" ;;
  esac
}

# Writes DIR/server.properties from bench/kafka/server.properties with this run's ports and DIR/data, and
# formats DIR/data as a standalone KRaft controller. Not timed: Tributary needs no such step.
prepare_kafka() {
  local config=$1 dir=$2 port=$3 controller_port=$(($3 + 1)) cluster_id
  mkdir -p "$dir"
  sed -e "s|^controller.quorum.bootstrap.servers=.*|controller.quorum.bootstrap.servers=127.0.0.1:$controller_port|" \
    -e "s|^listeners=.*|listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port|" \
    -e "s|^advertised.listeners=.*|advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port|" \
    -e "s|^log.dirs=.*|log.dirs=$dir/data|" \
    "$bench/kafka/server.properties" > "$dir/server.properties"
  if [[ $config == kafka-flush1 ]]; then
    echo "log.flush.interval.messages=1" >> "$dir/server.properties"
  fi
  # A random 128-bit id in URL-safe base64. One that starts with '-' would read as an option to the
  # format tool's argument parser, so draw again until it does not.
  cluster_id=-
  while [[ $cluster_id == -* ]]; do
    cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  done
  log_command "$config format" "$root/kafka-ref/run" kafka.tools.StorageTool format --standalone \
    --cluster-id "$cluster_id" --config "$dir/server.properties"
  "$root/kafka-ref/run" kafka.tools.StorageTool format --standalone --cluster-id "$cluster_id" \
    --config "$dir/server.properties" > "$dir/format.log" 2>&1 \
    || { cat "$dir/format.log" >&2; fail "formatting $dir/data failed; see $dir/format.log above"; }
}

# Starts CONFIG on DIR in the background (DIR must be prepared for Kafka) and sets $broker_pid. Does not wait.
# Usage: launch_broker CONFIG DIR LOG
launch_broker() {
  local config=$1 dir=$2 log_file=$3
  broker_port=$(broker_port_of "$config")
  broker_dir=$dir
  ! port_open "$broker_port" || fail "port $broker_port on 127.0.0.1 is in use; set BENCH_PORT to another base port"
  case $config in
    tributary)
      log_command "$config" "$root/tributary" server --data-dir "$dir" --set "listeners=PLAINTEXT://127.0.0.1:$broker_port"
      "$root/tributary" server --data-dir "$dir" --set "listeners=PLAINTEXT://127.0.0.1:$broker_port" > "$log_file" 2>&1 &
      ;;
    kafka | kafka-flush1)
      log_command "$config" env "KAFKA_REF_JAVA_OPTS=$kafka_heap_opts $kafka_performance_opts" KAFKA_REF_LOG_LEVEL=INFO \
        "$root/kafka-ref/run" kafka.Kafka "$dir/server.properties"
      KAFKA_REF_JAVA_OPTS="$kafka_heap_opts $kafka_performance_opts" KAFKA_REF_LOG_LEVEL=INFO \
        "$root/kafka-ref/run" kafka.Kafka "$dir/server.properties" > "$log_file" 2>&1 &
      ;;
  esac
  broker_pid=$!
}

# Waits for the first Metadata response that lists the broker at 127.0.0.1:$broker_port and sets $startup_ms
# to its arrival in milliseconds since START_MS. bench/tools/metadata_probe.py connects every 2 ms and sends
# its own Metadata request, so the figure is late by at most about 2 ms plus one round trip. Fails after
# $start_timeout_seconds or when the broker exits.
await_metadata() {
  local start_ms=$1 log_file=$2 probe_out
  if probe_out=$(python3 "$bench/tools/metadata_probe.py" "$broker_port" "$start_ms" "$start_timeout_seconds" \
      "$broker_pid"); then
    startup_ms=${probe_out#startup_ms=}
    return 0
  fi
  kill -0 "$broker_pid" 2>/dev/null || { tail -n 20 "$log_file" >&2; fail "the broker exited during start-up; see $log_file"; }
  fail "no Metadata response from 127.0.0.1:$broker_port within $start_timeout_seconds s"
}

# Starts CONFIG on DIR, waits for its first Metadata response and sets $startup_ms to the start-up time.
# Usage: start_broker CONFIG DIR LOG
start_broker() {
  local start_ms
  start_ms=$(now_ms)
  launch_broker "$@"
  await_metadata "$start_ms" "$3"
}

# Stops the running broker with SIGTERM (SIGKILL after 60 s) and sets $shutdown_ms to the time it took.
stop_broker() {
  local start_ms
  start_ms=$(now_ms)
  if [[ -n "$broker_pid" ]] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid"
    for _ in $(seq 1 120); do
      kill -0 "$broker_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$broker_pid" 2>/dev/null; then
      log "broker pid $broker_pid did not stop within 60 s, killing it"
      kill -9 "$broker_pid"
    fi
    wait "$broker_pid" 2>/dev/null || true
  fi
  broker_pid=""
  shutdown_ms=$(($(now_ms) - start_ms))
}

# Waits until IDLE_SECONDS after START_MS without client traffic.
idle_until() {
  local start_ms=$1 remaining_ms
  remaining_ms=$((idle_seconds * 1000 - ($(now_ms) - start_ms)))
  if ((remaining_ms > 0)); then
    sleep "$((remaining_ms / 1000)).$(printf '%03d' $((remaining_ms % 1000)))"
  fi
}

# Prepares a fresh data directory for CONFIG under the work directory and prints its path.
fresh_data_dir() {
  local config=$1 name=$2 dir="$work/$1-$2"
  rm -rf "$dir"
  mkdir -p "$dir"
  # Write back what earlier workloads left dirty, so it does not land on this one's clock
  sync
  if [[ $config != tributary ]]; then
    prepare_kafka "$config" "$dir" "$(broker_port_of "$config")" >&2
  fi
  echo "$dir"
}
