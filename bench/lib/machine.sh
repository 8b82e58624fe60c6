# The machine description and the machine ceilings that bench/run records once per run.
# Sourced by bench/run.

# Writes raw/machine.kv (one key=value per line) and the long-form outputs next to it.
record_machine() {
  local dirty=false
  git -C "$root" diff --quiet HEAD 2>/dev/null || dirty=true
  {
    echo "commit=$(git -C "$root" rev-parse HEAD)"
    echo "dirty=$dirty"
    echo "cpu_model=$(lscpu | awk -F: '/^Model name/ { gsub(/^ +/, "", $2); print $2; exit }')"
    echo "cores=$(nproc)"
    echo "memory_mib=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 }' /proc/meminfo)"
    echo "kernel=$(uname -sr)"
    echo "java=$(java -version 2>&1 | head -n 1)"
    echo "filesystem=$(df -T "$work" | awk 'NR == 2 { print $2 " on " $1 }')"
    echo "ulimit_n=$(ulimit -n)"
  } > "$raw/machine.kv"
  lscpu > "$raw/lscpu.txt"
  java -version > "$raw/java-version.txt" 2>&1
  df -T "$work" > "$raw/df.txt"
  git -C "$root" status --short > "$raw/git-status.txt"
}

# Measures sequential write bandwidth with O_DSYNC (dd), fdatasync latency and loopback TCP throughput
# into raw/ceilings/. Usage: record_ceilings DD_MIB
record_ceilings() {
  local dd_mib=$1
  mkdir -p "$raw/ceilings"
  log_command ceilings dd if=/dev/zero of="$work/dd.bin" bs=1M count="$dd_mib" oflag=dsync
  dd if=/dev/zero of="$work/dd.bin" bs=1M count="$dd_mib" oflag=dsync > "$raw/ceilings/dd.txt" 2>&1
  rm -f "$work/dd.bin"
  log_command ceilings python3 bench/tools/ceilings.py fdatasync "$work" 1000
  python3 "$bench/tools/ceilings.py" fdatasync "$work" 1000 > "$raw/ceilings/fdatasync.kv"
  log_command ceilings python3 bench/tools/ceilings.py loopback "$ceiling_port" 3
  timeout 30 python3 "$bench/tools/ceilings.py" loopback "$ceiling_port" 3 > "$raw/ceilings/loopback.kv"
}
