# The profiled workloads of bench/profile: each one starts Tributary with JDK Flight Recorder on a fresh data
# directory, runs one workload, stops the broker (JFR writes the recording on exit) and summarises the
# recording with bench/tools/jfr_summary.py into $out_dir/WORKLOAD.md.
# Sourced by bench/profile, which sets the sizes, $raw, $out_dir, $run_id, $commit and the tool commands.

# JFR options of every profiled broker, starting from the JDK's profile settings. Java samples come every
# millisecond in place of 10 ms and native samples every 10 ms in place of 20 ms, because a broker thread spends
# much of its time in system calls, where it gets no Java sample. Per-thread CPU load comes every second in
# place of every 10 s. Up to 1,000 allocation samples a second in place of 300 give a run of a few seconds
# enough of them.
# Usage: jfr_options FILE
jfr_options() {
  local settings=jdk.ExecutionSample#period=1ms,jdk.NativeMethodSample#period=10ms,jdk.ThreadCPULoad#period=1s
  settings+=,jdk.ObjectAllocationSample#throttle=1000/s
  echo "-XX:StartFlightRecording=settings=profile,filename=$1,dumponexit=true,$settings"
}

# Prints the commands that the log recorded for CONTEXT, one per line, with the repository path shortened to '.'.
logged_commands() {
  grep -E "^\[$1( [a-z]+)?\] " "$raw/commands.log" | sed "s|$root|.|g"
}

# Records in the command log how launch_broker will start the profiled broker, with its JVM options.
# Usage: log_broker_command CONTEXT DATA_DIR
log_broker_command() {
  log_command "$1" env "TRIBUTARY_JAVA_OPTS=$TRIBUTARY_JAVA_OPTS" "$root/tributary" server --data-dir "$2" \
    --set "listeners=PLAINTEXT://127.0.0.1:$tributary_port"
}

# Runs bench/tools/jfr_summary.py from the repository root, so that the paths it prints are relative to it.
# The command is also saved as target/profiles/RUN_ID/WORKLOAD/summarise.sh, which renders the profile again
# from the same recording after a change to the summary script.
# Usage: summarise WORKLOAD TITLE SUMMARY_ARGUMENTS...
summarise() {
  local workload=$1 title=$2 script="$raw/$1/summarise.sh"
  shift 2
  {
    echo "#!/usr/bin/env bash"
    echo "# Renders $out_dir/$workload.md again from the recording of run $run_id."
    printf 'cd %q && exec python3 bench/tools/jfr_summary.py' "$root"
    printf ' %q' --title "$title" --out "$out_dir/$workload.md" \
      --fact "Command: \`bench/profile $($quick && echo '--quick ')$workload\`, run $run_id, commit \`$commit\`" \
      --fact "Raw files (not committed): \`target/profiles/$run_id/$workload/\`" "$@"
    echo
  } > "$script"
  log "writing $out_dir/$workload.md"
  bash "$script"
}

# Formats the commands logged for CONTEXT as --fact arguments, one per command.
command_facts() {
  local line
  while IFS= read -r line; do
    line=${line#\[*\] }
    printf '%s\0%s\0' --fact "Ran: \`${line% }\`"
  done < <(logged_commands "$1")
}

profile_workload() {
  local workload=$1
  mkdir -p "$raw/$workload"
  case $workload in
    startup) profile_startup "$raw/$workload" ;;
    many-partitions) profile_many_partitions "$raw/$workload" ;;
    *) profile_client "$workload" "$raw/$workload" ;;
  esac
}

# Start-up on an empty data directory, $startup_repeats times with JFR and as many times without it.
# -Xlog:class+load lists every class loaded in both kinds of run. The window of each run is from launching ./tributary to the first Metadata response, the probe of
# bench/run's start-up figure (await_metadata).
profile_startup() {
  local dir=$1 repeat kind name data start_ms metadata_ms started recordings=() class_logs=() times=() facts=()
  local started_times=()
  for repeat in $(seq 1 "$startup_repeats"); do
    for kind in JFR plain; do
      name="$kind-$repeat"
      data=$(fresh_data_dir tributary "startup-$name")
      export TRIBUTARY_JAVA_OPTS="-Xlog:class+load=info:file=$dir/class-load-$name.log:timemillis"
      if [[ $kind == JFR ]]; then
        TRIBUTARY_JAVA_OPTS+=" $(jfr_options "$dir/broker-$repeat.jfr")"
      fi
      log_broker_command startup "$data"
      start_ms=$(now_ms)
      launch_broker tributary "$data" "$dir/broker-$name.log"
      unset TRIBUTARY_JAVA_OPTS
      await_metadata "$start_ms" "$dir/broker-$name.log"
      metadata_ms=$((start_ms + startup_ms))
      stop_broker
      [[ $kind == JFR ]] && recordings+=("$dir/broker-$repeat.jfr:$start_ms:$metadata_ms")
      class_logs+=("--class-load=$dir/class-load-$name.log:$start_ms:$metadata_ms:$kind")
      times+=("$kind $startup_ms")
      # The broker logs "[Server] Started" in the machine's local time, which date -d reads back.
      started=$(grep -m 1 -F '[Server] Started' "$dir/broker-$name.log" | cut -d ' ' -f 1)
      started_times+=("$kind $(($(date -d "$started" +%s%3N) - start_ms))")
      rm -rf "$data"
    done
  done
  mapfile -d '' facts < <(command_facts startup)
  summarise startup "Profile: start-up on an empty data directory" \
    --fact "Workload: \`./tributary server\` on an empty data directory, $startup_repeats times with JFR and $startup_repeats times without (plain); each window runs from the launch to the first Metadata response listing the broker (bench/tools/metadata_probe.py, as bench/run does)" \
    --fact "Start-up (launch to the first Metadata response), ms: ${times[*]}" \
    --fact "Launch to the broker's \`[Server] Started\` log line, ms: ${started_times[*]}" \
    "${facts[@]:0:4}" "${class_logs[@]}" "${recordings[@]}"
}

# One client workload of bench/run against a broker of its own: topics first, then (for consume) the fill,
# then the measured tool inside the window that the profile counts.
profile_client() {
  local workload=$1 dir=$2 data bootstrap="127.0.0.1:$tributary_port" from_ms until_ms status=0 description
  local topics=() fill=() command=() facts=()
  local producer=("${kafka_tool[@]}" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "$bootstrap")
  case $workload in
    produce-100b-default-p12 | produce-1024b-default-p12)
      local size=${workload#produce-}
      size=${size%%b-*}
      topics=(produce:12)
      command=("${producer[@]}" --topic produce --num-records "$produce_records" --record-size "$size"
        --throughput -1 --command-property acks=all)
      description="producer throughput, $produce_records records of $size B, default producer settings, acks=all, 12 partitions"
      ;;
    produce-latency)
      topics=(latency:1)
      command=("${producer[@]}" --topic latency --num-records "$latency_records" --record-size 100
        --throughput 20000 --command-property acks=all linger.ms=0)
      description="produce latency, $latency_records records of 100 B at 20,000 records/s, acks=all linger.ms=0, 1 partition"
      ;;
    e2e-latency)
      topics=(e2e:1)
      command=("${kafka_tool[@]}" org.apache.kafka.tools.EndToEndLatency --bootstrap-server "$bootstrap"
        --topic e2e --num-records "$e2e_records" --producer-acks all --record-size 100)
      description="end-to-end latency, $e2e_records records of 100 B, each produced (acks=all) and consumed before the next"
      ;;
    consume)
      topics=(consume:1)
      fill=("${producer[@]}" --topic consume --num-records "$consume_records" --record-size 100 --throughput -1
        --command-property acks=all "${producer_tuned_props[@]}")
      command=("${kafka_tool[@]}" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$bootstrap"
        --topic consume --num-records "$consume_records" --group profile-consume --timeout 60000)
      description="consumer throughput, ConsumerPerformance reads $consume_records records of 100 B from one partition (written before the window opens)"
      ;;
    *) fail "unknown workload '$workload'" ;;
  esac

  data=$(fresh_data_dir tributary "$workload")
  export TRIBUTARY_JAVA_OPTS
  TRIBUTARY_JAVA_OPTS=$(jfr_options "$dir/broker.jfr")
  log_broker_command "$workload" "$data"
  start_broker tributary "$data" "$dir/broker.log"
  unset TRIBUTARY_JAVA_OPTS
  "${bench_client[@]}" TopicSetup "$bootstrap" 120 "${topics[@]}" > /dev/null || status=$?
  if ((status == 0 && ${#fill[@]} > 0)); then
    run_measured "$workload fill" "$dir/fill.out" "$tool_timeout" "${fill[@]}" || status=$?
  fi
  if ((status == 0)); then
    from_ms=$(now_ms)
    run_measured "$workload" "$dir/tool.out" "$tool_timeout" "${command[@]}" || status=$?
    until_ms=$(now_ms)
  fi
  stop_broker
  rm -rf "$data"
  ((status == 0)) || return 1

  mapfile -d '' facts < <(command_facts "$workload")
  summarise "$workload" "Profile: $workload" \
    --fact "Workload: $description" \
    --fact "Window: from launching the tool to its exit, so it includes the tool's own JVM start-up" \
    --fact "Tool output under JFR (not comparable with docs/benchmarks.md): \`$(tail -n 2 "$dir/tool.out" | tr '\n' ' ')\`" \
    "${facts[@]}" --cpu-tsv "$dir/tool.cpu.tsv" "$dir/broker.jfr:$from_ms:$until_ms"
}

# Appends "EPOCH_MS<TAB>VmRSS MiB" of PID to OUT once a second until PID exits, for at most LIMIT seconds.
# Usage: sample_rss PID OUT LIMIT
sample_rss() {
  local pid=$1 out=$2 limit=$3 second rss
  for ((second = 0; second < limit; second++)); do
    rss=$(rss_mib "$pid" 2>/dev/null) || break
    printf '%s\t%s\n' "$(now_ms)" "$rss" >> "$out"
    sleep 1
  done
}

# Many partitions: bench/tools/PartitionSweep.java creates $many_partitions partitions, produces one record to
# each and fetches them all. The broker also runs with native memory tracking, its VmRSS is sampled every
# second, and after the fetch the profile notes the native memory summary and the heap. Each step of PartitionSweep gets a section of its own.
profile_many_partitions() {
  local dir=$1 data from_ms until_ms status=0 name step_from step_until steps=() facts=() rss rss_sampler
  data=$(fresh_data_dir tributary many-partitions)
  export TRIBUTARY_JAVA_OPTS
  TRIBUTARY_JAVA_OPTS="$(jfr_options "$dir/broker.jfr") -XX:NativeMemoryTracking=summary"
  log_broker_command many-partitions "$data"
  start_broker tributary "$data" "$dir/broker.log"
  unset TRIBUTARY_JAVA_OPTS
  from_ms=$(now_ms)
  sample_rss "$broker_pid" "$dir/rss.tsv" "$((tool_timeout + 10))" &
  rss_sampler=$!
  run_measured many-partitions "$dir/tool.out" "$tool_timeout" \
    "${bench_client[@]}" PartitionSweep "127.0.0.1:$tributary_port" many "$many_partitions" "$tool_timeout" || status=$?
  until_ms=$(now_ms)
  kill "$rss_sampler" 2>/dev/null || true
  wait "$rss_sampler" 2>/dev/null || true
  if ((status == 0)); then
    rss=$(rss_mib "$broker_pid")
    jcmd "$broker_pid" VM.native_memory summary > "$dir/nmt.txt" || status=$?
    jcmd "$broker_pid" GC.heap_info > "$dir/heap-info.txt" || status=$?
  fi
  stop_broker
  rm -rf "$data"
  ((status == 0)) || return 1

  while read -r _ name step_from step_until; do
    steps+=(--phase "$name:$step_from:$step_until")
  done < <(grep '^step ' "$dir/tool.out")
  mapfile -d '' facts < <(command_facts many-partitions)
  summarise many-partitions "Profile: $many_partitions partitions" \
    --fact "Workload: PartitionSweep creates $many_partitions partitions in topics of 1,000, produces one 100 B record to each (acks=all) and fetches them all with one consumer; the steps have sections of their own below" \
    --fact "Tool output under JFR (not comparable with docs/benchmarks.md): \`$(grep -E '^[a-z_]+_ms=' "$dir/tool.out" | tr '\n' ' ')\`" \
    --fact "VmRSS after the fetch: $rss MiB; heap after the fetch (\`jcmd PID GC.heap_info\`): \`$(grep -m1 -E 'garbage-first heap|total' "$dir/heap-info.txt" | sed 's/^ *//')\`" \
    "${facts[@]}" --nmt "$dir/nmt.txt" --rss-tsv "$dir/rss.tsv" --cpu-tsv "$dir/tool.cpu.tsv" "$dir/broker.jfr:$from_ms:$until_ms" "${steps[@]}"
}
