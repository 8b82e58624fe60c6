# The workloads of bench/run. Each one writes its raw outputs under $raw/CONFIG/ and lists them in
# raw/index.tsv with the parser that report.py applies. Sourced by bench/run, which sets the sizes.

producer_tuned_props=(batch.size=262144 linger.ms=5)

# Start-up on an empty data directory, then VmRSS at $idle_seconds after launch with no clients.
# Writes startup_ms and idle_rss_mib. Usage: workload_startup_empty CONFIG REPEAT
workload_startup_empty() {
  local config=$1 repeat=$2 dir start_ms out="$raw/$1/startup-empty-r$2.out"
  dir=$(fresh_data_dir "$config" "startup-$repeat")
  start_ms=$(now_ms)
  launch_broker "$config" "$dir" "$dir/broker.log"
  await_metadata "$start_ms" "$dir/broker.log"
  idle_until "$start_ms"
  { echo "startup_ms=$startup_ms"; echo "idle_rss_mib=$(rss_mib "$broker_pid")"; } > "$out"
  stop_broker
  index_add "$config" startup-empty "$repeat" kv ok "$out"
  rm -rf "$dir"
}

# Start-up with $loaded_records records of 1 KiB in 100 partitions (1 GiB in a full run). ProducerPerformance
# writes them once and the broker is stopped cleanly. Then the broker restarts $repeats times on that directory.
# Usage: workload_startup_loaded CONFIG
workload_startup_loaded() {
  local config=$1 dir repeat out
  dir=$(fresh_data_dir "$config" loaded)
  start_broker "$config" "$dir" "$dir/broker.log"
  "${bench_client[@]}" TopicSetup "127.0.0.1:$broker_port" 120 loaded:100 > /dev/null
  if ! run_measured "$config" "$raw/$config/startup-loaded-fill.out" "$tool_timeout" \
      "${kafka_tool[@]}" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "127.0.0.1:$broker_port" \
      --topic loaded --num-records "$loaded_records" --record-size 1024 --throughput -1 \
      --command-property acks=all "${producer_tuned_props[@]}"; then
    index_add "$config" startup-loaded 1 kv failed "$raw/$config/startup-loaded-fill.out"
    failures=$((failures + 1))
    stop_broker
    return
  fi
  stop_broker
  echo "data_dir_mib=$(du -sm "$dir" | cut -f1)" > "$raw/$config/startup-loaded-size.out"
  for repeat in $(seq 1 "$repeats"); do
    out="$raw/$config/startup-loaded-r$repeat.out"
    start_broker "$config" "$dir" "$dir/broker-$repeat.log"
    stop_broker
    { echo "startup_ms=$startup_ms"; echo "shutdown_ms=$shutdown_ms"; } > "$out"
    index_add "$config" startup-loaded "$repeat" kv ok "$out"
  done
  rm -rf "$dir"
}

# Runs one measured tool invocation and indexes its output as FIGURE, counting a failure.
# Usage: measure CONFIG FIGURE REPEAT PARSER COMMAND...
measure() {
  local config=$1 figure=$2 repeat=$3 parser=$4 out="$raw/$1/$2-r$3.out"
  shift 4
  if run_measured "$config" "$out" "$tool_timeout" "$@"; then
    index_add "$config" "$figure" "$repeat" "$parser" ok "$out"
  else
    index_add "$config" "$figure" "$repeat" "$parser" failed "$out"
    failures=$((failures + 1))
  fi
}

# Prints the producer-throughput variants that CONFIG runs: SIZE SETTINGS PARTITIONS per line. The
# kafka-flush1 reference column runs only the default producer settings, to keep a full run within an hour.
produce_variants() {
  local config=$1 size settings partitions
  for size in 100 1024; do
    for settings in default tuned; do
      [[ $config == kafka-flush1 && $settings == tuned ]] && continue
      for partitions in 1 12; do
        echo "$size $settings $partitions"
      done
    done
  done
}

# Producer throughput, produce latency at a fixed rate, end-to-end latency and consumer throughput, all on
# one broker started on a fresh data directory. Every repeat writes to topics of its own.
# Usage: workload_throughput CONFIG
workload_throughput() {
  local config=$1 dir repeat topics=() size settings partitions figure props bootstrap
  dir=$(fresh_data_dir "$config" throughput)
  start_broker "$config" "$dir" "$dir/broker.log"
  bootstrap="127.0.0.1:$broker_port"

  # Create every topic of the phase in one request
  for repeat in $(seq 1 "$repeats"); do
    while read -r size settings partitions; do
      topics+=("produce-$size-$settings-p$partitions-r$repeat:$partitions")
    done < <(produce_variants "$config")
    topics+=("latency-r$repeat:1" "e2e-r$repeat:1")
  done
  topics+=("consume:1")
  log_command "$config" "${bench_client[@]}" TopicSetup "$bootstrap" 120 "${topics[@]}"
  "${bench_client[@]}" TopicSetup "$bootstrap" 120 "${topics[@]}" > /dev/null

  for repeat in $(seq 1 "$repeats"); do
    log "$config: throughput and latency, repeat $repeat of $repeats"
    while read -r size settings partitions; do
      ((size == 1024 && repeat > repeats_1kb)) && continue
      figure="produce-${size}b-$settings-p$partitions"
      props=(acks=all)
      [[ $settings == tuned ]] && props+=("${producer_tuned_props[@]}")
      measure "$config" "$figure" "$repeat" producer \
        "${kafka_tool[@]}" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$bootstrap" \
        --topic "produce-$size-$settings-p$partitions-r$repeat" --num-records "$produce_records" \
        --record-size "$size" --throughput -1 --command-property "${props[@]}"
    done < <(produce_variants "$config")

    measure "$config" produce-latency "$repeat" producer \
      "${kafka_tool[@]}" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$bootstrap" \
      --topic "latency-r$repeat" --num-records "$latency_records" --record-size 100 --throughput 20000 \
      --command-property acks=all linger.ms=0

    measure "$config" e2e-latency "$repeat" e2e \
      "${kafka_tool[@]}" org.apache.kafka.tools.EndToEndLatency --bootstrap-server "$bootstrap" \
      --topic "e2e-r$repeat" --num-records "$e2e_records" --producer-acks all --record-size 100
  done

  # Consumer throughput: fill once, then read everything with a new group per repeat
  if run_measured "$config" "$raw/$config/consume-fill.out" "$tool_timeout" \
      "${kafka_tool[@]}" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$bootstrap" --topic consume \
      --num-records "$consume_records" --record-size 100 --throughput -1 \
      --command-property acks=all "${producer_tuned_props[@]}"; then
    for repeat in $(seq 1 "$repeats"); do
      measure "$config" consume "$repeat" consumer \
        "${kafka_tool[@]}" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$bootstrap" --topic consume \
        --num-records "$consume_records" --group "bench-consume-r$repeat" --timeout 60000
    done
  else
    index_add "$config" consume 1 consumer failed "$raw/$config/consume-fill.out"
    failures=$((failures + 1))
  fi

  stop_broker
  rm -rf "$dir"
}

# Many partitions: create $many_partitions partitions in topics of 1,000, produce one record to each, fetch them all
# (bench/tools/PartitionSweep.java), note VmRSS, then restart the broker and note start-up time and VmRSS
# $idle_seconds after the restart. Usage: workload_many_partitions CONFIG
workload_many_partitions() {
  local config=$1 dir out="$raw/$1/many-partitions-r1.out" status=ok restart_ms
  dir=$(fresh_data_dir "$config" partitions)
  start_broker "$config" "$dir" "$dir/broker.log"
  if run_measured "$config" "$out" "$tool_timeout" \
      "${bench_client[@]}" PartitionSweep "127.0.0.1:$broker_port" many "$many_partitions" "$tool_timeout"; then
    echo "loaded_rss_mib=$(rss_mib "$broker_pid")" >> "$out"
    stop_broker
    echo "shutdown_ms=$shutdown_ms" >> "$out"
    restart_ms=$(now_ms)
    launch_broker "$config" "$dir" "$dir/broker-restart.log"
    await_metadata "$restart_ms" "$dir/broker-restart.log"
    echo "restart_ms=$startup_ms" >> "$out"
    idle_until "$restart_ms"
    echo "restarted_rss_mib=$(rss_mib "$broker_pid")" >> "$out"
  else
    status=failed
    failures=$((failures + 1))
  fi
  stop_broker
  index_add "$config" many-partitions 1 kv "$status" "$out"
  rm -rf "$dir"
}
