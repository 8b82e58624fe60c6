#!/usr/bin/env python3
"""Generate docs/benchmarks.md and its SVG chart from the raw outputs of one bench/run run.

Usage: report.py RAW_DIR OUT_MD OUT_SVG

RAW_DIR is docs/benchmarks/raw/RUN_ID (or the --quick equivalent). The script reads index.tsv, parses each
listed tool output (ProducerPerformance, ConsumerPerformance, EndToEndLatency, or key=value lines), and
reports for every figure the median and the range over the repeats of each broker configuration, the
ratio Tributary/Kafka and whether the goal is met. It uses the standard library only, so the page can be
regenerated from the committed raw outputs.
"""
import csv
import math
import os
import re
import statistics
import sys
from xml.sax.saxutils import escape

CONFIGS = ["tributary", "kafka", "kafka-flush1"]
CONFIG_TITLES = {
    "tributary": "Tributary",
    "kafka": "Kafka 4.4.0",
    "kafka-flush1": "Kafka, flush=1",
}


def produce_rows():
    rows = []
    for size, size_title in (("100b", "100 B"), ("1024b", "1 KiB")):
        for settings, settings_title in (("default", "default settings"),
                                         ("tuned", "batch.size=262144 linger.ms=5")):
            for partitions in ("1", "12"):
                figure = f"produce-{size}-{settings}-p{partitions}"
                title = (f"Producer throughput, {size_title}, {settings_title}, "
                         f"{partitions} partition{'s' if partitions != '1' else ''}")
                rows.append((figure, "mb_per_sec", title, "MB/s", (">=", 1.3), True))
    return rows


# figure, metric, title, unit, goal as (operator, ratio Tributary/Kafka) or None, shown in the chart
ROWS = [
    ("startup-empty", "startup_ms", "Start-up, empty data directory", "ms", ("<=", 1 / 5), True),
    ("startup-empty", "idle_rss_mib", "Idle memory (VmRSS, no clients)", "MiB", ("<=", 1 / 3), True),
    ("startup-loaded", "startup_ms", "Start-up, 1 KiB records in 100 partitions", "ms", ("<=", 1 / 5), True),
    *produce_rows(),
    ("produce-latency", "p50_ms", "Produce latency p50, 100 B at 20,000 records/s", "ms", None, False),
    ("produce-latency", "p99_ms", "Produce latency p99, 100 B at 20,000 records/s", "ms", ("<=", 1 / 2), True),
    ("e2e-latency", "p50_ms", "End-to-end latency p50, 100 B, acks=all", "ms", None, False),
    ("e2e-latency", "p99_ms", "End-to-end latency p99, 100 B, acks=all", "ms", ("<=", 1 / 2), True),
    ("consume", "fetch_mb_per_sec", "Consumer throughput (fetch only), 100 B records, 1 partition", "MB/s",
     (">=", 1.5), True),
    ("consume", "mb_per_sec", "Consumer throughput including the group join, 100 B records", "MB/s", None, False),
    ("consume", "rebalance_ms", "Consumer group join before the first fetch", "ms", None, False),
    ("many-partitions", "create_ms", "Many partitions: create the topics (at most 1,000 partitions each)", "ms", ("<=", 1 / 3), True),
    ("many-partitions", "produce_ms", "Many partitions: one record to each", "ms", ("<=", 1 / 3), True),
    ("many-partitions", "fetch_ms", "Many partitions: fetch all", "ms", ("<=", 1 / 3), True),
    ("many-partitions", "loaded_rss_mib", "Many partitions: VmRSS after the fetch", "MiB", ("<=", 1 / 3), True),
    ("many-partitions", "shutdown_ms", "Many partitions: shutdown", "ms", None, False),
    ("many-partitions", "restart_ms", "Many partitions: start-up after restart", "ms", ("<=", 1 / 3), True),
    ("many-partitions", "restarted_rss_mib", "Many partitions: idle VmRSS after restart", "MiB",
     ("<=", 1 / 3), True),
]


def read_kv(path):
    values = {}
    with open(path) as source:
        for line in source:
            key, separator, value = line.strip().partition("=")
            if separator:
                values[key] = value
    return values


def parse_kv(text):
    metrics = {}
    for line in text.splitlines():
        match = re.fullmatch(r"([a-z0-9_]+)=(-?[0-9.]+)", line.strip())
        if match:
            metrics[match.group(1)] = float(match.group(2))
    return metrics


def parse_producer(text):
    """Parse the final summary line of ProducerPerformance, the one that carries the percentiles."""
    summary = [line for line in text.splitlines() if "records sent" in line and "50th" in line]
    if not summary:
        return {}
    line = summary[-1]
    patterns = {
        "records_per_sec": r"([0-9.]+) records/sec",
        "mb_per_sec": r"\(([0-9.]+) MB/sec\)",
        "avg_ms": r"([0-9.]+) ms avg latency",
        "max_ms": r"([0-9.]+) ms max latency",
        "p50_ms": r"([0-9.]+) ms 50th",
        "p95_ms": r"([0-9.]+) ms 95th",
        "p99_ms": r"([0-9.]+) ms 99th",
        "p999_ms": r"([0-9.]+) ms 99\.9th",
    }
    metrics = {}
    for key, pattern in patterns.items():
        match = re.search(pattern, line)
        if match:
            metrics[key] = float(match.group(1))
    return metrics


def parse_consumer(text):
    """Parse ConsumerPerformance's header line and the data line after it (comma-separated)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if "MB.sec" in line and "nMsg.sec" in line and index + 1 < len(lines):
            names = [name.strip() for name in line.split(",")]
            values = [value.strip() for value in lines[index + 1].split(",")]
            row = dict(zip(names, values))
            keys = {"MB.sec": "mb_per_sec", "nMsg.sec": "records_per_sec",
                    "fetch.MB.sec": "fetch_mb_per_sec", "rebalance.time.ms": "rebalance_ms",
                    "data.consumed.in.nMsg": "records"}
            metrics = {}
            for name, key in keys.items():
                try:
                    metrics[key] = float(row[name])
                except (KeyError, ValueError):
                    pass
            return metrics
    return {}


def parse_e2e(text):
    metrics = {}
    average = re.search(r"Avg latency: ([0-9.]+) ms", text)
    if average:
        metrics["avg_ms"] = float(average.group(1))
    percentiles = re.search(r"Percentiles: 50th = ([0-9.]+), 99th = ([0-9.]+), 99\.9th = ([0-9.]+)", text)
    if percentiles:
        metrics["p50_ms"] = float(percentiles.group(1))
        metrics["p99_ms"] = float(percentiles.group(2))
        metrics["p999_ms"] = float(percentiles.group(3))
    return metrics


PARSERS = {"kv": parse_kv, "producer": parse_producer, "consumer": parse_consumer, "e2e": parse_e2e}


def load_results(raw):
    """Return {(config, figure, metric): [values]}, {(config, figure): failed count}, CPU samples."""
    values, failed, cpu = {}, {}, {}
    with open(os.path.join(raw, "index.tsv")) as index:
        for entry in csv.DictReader(index, delimiter="\t"):
            path = os.path.join(raw, entry["file"])
            key = (entry["broker"], entry["figure"])
            if entry["status"] != "ok" or not os.path.exists(path):
                failed[key] = failed.get(key, 0) + 1
                continue
            with open(path, errors="replace") as source:
                metrics = PARSERS[entry["parser"]](source.read())
            if not metrics:
                failed[key] = failed.get(key, 0) + 1
            for metric, value in metrics.items():
                values.setdefault((entry["broker"], entry["figure"], metric), []).append(value)
            cpu_path = path[:-len(".out")] + ".cpu.tsv" if path.endswith(".out") else None
            if cpu_path and os.path.exists(cpu_path):
                with open(cpu_path) as samples:
                    for sample in csv.DictReader(samples, delimiter="\t"):
                        cpu.setdefault(key + (sample["process"],), []).append(float(sample["cpu_percent"]))
    return values, failed, cpu


def number(value):
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def cell(values):
    if not values:
        return "-"
    median = statistics.median(values)
    if len(values) == 1:
        return number(median)
    return f"{number(median)} ({number(min(values))}-{number(max(values))})"


def ratio_of(values, config, reference, figure, metric):
    mine = values.get((config, figure, metric))
    theirs = values.get((reference, figure, metric))
    if not mine or not theirs or statistics.median(theirs) == 0:
        return None
    return statistics.median(mine) / statistics.median(theirs)


def goal_text(goal):
    if goal is None:
        return "-"
    operator, target = goal
    if target < 1:
        return f"{'≤' if operator == '<=' else '≥'} 1/{round(1 / target)}"
    return f"{'≤' if operator == '<=' else '≥'} {target:g}x"


def goal_met(goal, ratio):
    if goal is None or ratio is None:
        return None
    operator, target = goal
    return ratio <= target if operator == "<=" else ratio >= target


def build_rows(values, failed):
    rows = []
    for figure, metric, title, unit, goal, charted in ROWS:
        present = [c for c in CONFIGS if (c, figure, metric) in values or (c, figure) in failed]
        if not present:
            continue
        ratio = ratio_of(values, "tributary", "kafka", figure, metric)
        ratio_flush = ratio_of(values, "tributary", "kafka-flush1", figure, metric)
        rows.append({
            "figure": figure, "metric": metric, "title": title, "unit": unit, "goal": goal,
            "charted": charted, "ratio": ratio, "ratio_flush": ratio_flush, "met": goal_met(goal, ratio),
            "cells": {c: cell(values.get((c, figure, metric), [])) + (" (failed)" if (c, figure) in failed else "")
                      for c in CONFIGS},
        })
    return rows


# Bar colour by goal status: met, not met, no goal
GOAL_COLOURS = {True: "#2e7d32", False: "#c62828", None: "#757575"}


def chart_svg(rows):
    """Draw a horizontal bar per charted row: the ratio Tributary/Kafka on a log scale, the goal as a tick."""
    charted = [row for row in rows if row["charted"] and row["ratio"] is not None and row["ratio"] > 0]
    label_width, plot_width, row_height, top = 430, 420, 22, 40
    height = top + row_height * max(1, len(charted)) + 40
    points = [row["ratio"] for row in charted] + [row["goal"][1] for row in charted if row["goal"]] + [1.0]
    low = 2.0 ** math.floor(math.log2(min(points) / 1.2))
    high = 2.0 ** math.ceil(math.log2(max(points) * 1.2))

    def x_of(value):
        fraction = (math.log2(value) - math.log2(low)) / (math.log2(high) - math.log2(low))
        return label_width + fraction * plot_width

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + plot_width + 30}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="20" font-size="14" font-weight="bold">Tributary / Kafka 4.4.0 (log scale; '
        'green: goal met, red: not met; black tick: goal)</text>',
    ]
    exponent = int(math.log2(low))
    while 2.0 ** exponent <= high:
        value = 2.0 ** exponent
        x = x_of(value)
        label = f"{value:g}" if value >= 1 else f"1/{round(1 / value)}"
        stroke = "#444" if value == 1 else "#ddd"
        parts.append(f'<line x1="{x:.1f}" y1="{top - 5}" x2="{x:.1f}" y2="{height - 30}" stroke="{stroke}"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 15}" text-anchor="middle">{label}</text>')
        exponent += 1
    for index, row in enumerate(charted):
        y = top + index * row_height
        x_one, x_ratio = x_of(1.0), x_of(row["ratio"])
        colour = GOAL_COLOURS[row["met"]]
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(row["title"])}</text>')
        parts.append(f'<rect x="{min(x_one, x_ratio):.1f}" y="{y + 4}" width="{max(1.0, abs(x_ratio - x_one)):.1f}" '
                     f'height="{row_height - 8}" fill="{colour}"/>')
        if row["goal"]:
            x_goal = x_of(row["goal"][1])
            parts.append(f'<line x1="{x_goal:.1f}" y1="{y + 1}" x2="{x_goal:.1f}" y2="{y + row_height - 1}" '
                         'stroke="black" stroke-width="2"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def cpu_table(cpu):
    lines = ["| broker | workload | broker CPU mean / max | tool CPU mean / max |", "|---|---|---|---|"]
    for config, figure in sorted({(c, f) for c, f, _ in cpu}, key=lambda k: (k[1], CONFIGS.index(k[0]))):
        columns = []
        for process in ("broker", "tool"):
            samples = cpu.get((config, figure, process), [])
            columns.append(f"{statistics.mean(samples):.0f}% / {max(samples):.0f}%" if samples else "-")
        lines.append(f"| {CONFIG_TITLES[config]} | {figure} | {columns[0]} | {columns[1]} |")
    return lines


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    raw, out_md, out_svg = sys.argv[1:]
    machine = read_kv(os.path.join(raw, "machine.kv"))
    settings = read_kv(os.path.join(raw, "settings.kv"))
    ceilings = {}
    for name in ("fdatasync.kv", "loopback.kv"):
        path = os.path.join(raw, "ceilings", name)
        if os.path.exists(path):
            ceilings.update(read_kv(path))
    dd_path = os.path.join(raw, "ceilings", "dd.txt")
    dd_line = open(dd_path).read().strip().splitlines()[-1] if os.path.exists(dd_path) else "-"
    values, failed, cpu = load_results(raw)
    rows = build_rows(values, failed)

    os.makedirs(os.path.dirname(out_svg), exist_ok=True)
    with open(out_svg, "w") as svg:
        svg.write(chart_svg(rows))

    md_dir = os.path.dirname(os.path.abspath(out_md))
    raw_link = os.path.relpath(raw, md_dir)
    svg_link = os.path.relpath(out_svg, md_dir)
    quick = settings.get("mode") == "quick"
    text = ["# Benchmarks: Tributary and Apache Kafka 4.4.0", ""]
    text += [
        f"Generated by `bench/run` from [{raw_link}]({raw_link}); regenerate with "
        f"`python3 bench/report.py {raw_link} {os.path.basename(out_md)} {svg_link}` from this folder.",
        "",
        f"- Run `{os.path.basename(raw)}`, mode **{settings.get('mode', '?')}**, commit "
        f"`{machine.get('commit', '?')}`{' with uncommitted changes' if machine.get('dirty') == 'true' else ''}.",
        f"- Repeats: {settings.get('repeats')} ({settings.get('repeats_1kb')} for the 1 KiB producer rows); "
        "each cell is the median with the min-max range over the repeats.",
    ]
    if quick:
        text.append("- **Quick mode**: tiny sizes that only check the harness. These figures say nothing about "
                    "either broker.")
    text += ["", "## Results", "",
             "Ratios are Tributary's median divided by Kafka's median from the same run. "
             "*Kafka, flush=1* is Kafka with `log.flush.interval.messages=1` (fsync after every append, as "
             "Tributary does by default), a reference column only: the goals compare default against default.",
             "",
             "| figure | unit | Tributary | Kafka 4.4.0 | Kafka, flush=1 | Tributary/Kafka | "
             "Tributary/Kafka flush=1 | goal | met |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        met = {True: "met", False: "**not met**", None: "-"}[row["met"]]
        ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "-"
        ratio_flush = f"{row['ratio_flush']:.2f}" if row["ratio_flush"] is not None else "-"
        text.append(f"| {row['title']} | {row['unit']} | {row['cells']['tributary']} | {row['cells']['kafka']} | "
                    f"{row['cells']['kafka-flush1']} | {ratio} | {ratio_flush} | {goal_text(row['goal'])} | {met} |")
    text += ["", f"![Ratios Tributary/Kafka]({svg_link})", "",
             "Where the time and memory go for each goal not met: CPU and allocation profiles in "
             "[benchmarks/profiles](benchmarks/profiles/README.md). What was changed for these figures, with "
             "before and after measurements, and why the remaining gaps stay: "
             "[benchmarks/changes.md](benchmarks/changes.md).", ""]

    text += ["## Machine", "",
             "| | |", "|---|---|",
             f"| CPU | {machine.get('cpu_model', '?')}, {machine.get('cores', '?')} cores |",
             f"| memory | {machine.get('memory_mib', '?')} MiB |",
             f"| kernel | {machine.get('kernel', '?')} |",
             f"| Java | {machine.get('java', '?')} |",
             f"| data directories | {machine.get('filesystem', '?')} (`df -T`) |",
             f"| `ulimit -n` | {machine.get('ulimit_n', '?')} |",
             "", "Machine ceilings, measured once per run:", "",
             f"- Sequential write with O_DSYNC, `dd bs=1M oflag=dsync`: {dd_line}",
             f"- fdatasync after a 4 KiB write, {ceilings.get('fdatasync_count', '?')} times: p50 "
             f"{ceilings.get('fdatasync_p50_ms', '?')} ms, p99 {ceilings.get('fdatasync_p99_ms', '?')} ms, max "
             f"{ceilings.get('fdatasync_max_ms', '?')} ms",
             f"- Loopback TCP, one Python stream of 64 KiB writes: {ceilings.get('loopback_mib_per_sec', '?')} MiB/s "
             "(a lower bound: Python itself limits it)",
             "", "## CPU per workload", "",
             "Sampled once a second from `/proc/PID/stat` (the broker JVM, and the tool JVM with its wrapper "
             "processes), in percent of one core; the machine has "
             f"{machine.get('cores', '?')} cores, so {100 * int(machine.get('cores', '1') or 1)}% is all of it.",
             ""]
    text += cpu_table(cpu)
    text += ["", "## Method", "",
             f"- Producer throughput: ProducerPerformance, {int(settings.get('produce_records', '0')):,} records, "
             "`--throughput -1`, `acks=all`, with the producer's default settings and with "
             "`batch.size=262144 linger.ms=5`, to a topic of 1 and of 12 partitions. The Kafka flush=1 column "
             "runs only the default producer settings to keep a full run within an hour on 2 cores.",
             f"- Produce latency: ProducerPerformance, {int(settings.get('latency_records', '0')):,} records of "
             "100 B at `--throughput 20000`, `acks=all linger.ms=0`; p50 and p99 from its summary line.",
             f"- End-to-end latency: EndToEndLatency, {int(settings.get('e2e_records', '0')):,} records of 100 B, "
             "`--producer-acks all`, one partition; each record is produced and consumed before the next.",
             f"- Consumer throughput: ConsumerPerformance reads {int(settings.get('consume_records', '0')):,} "
             "records of 100 B from one partition, written once beforehand; each repeat uses a new group. The "
             "goal row uses its `fetch.MB.sec`, which leaves out the group join: Kafka's default "
             "`group.initial.rebalance.delay.ms` of 3000 ms (its distribution file does not set it) against "
             "Tributary's 0 would otherwise dominate a run of a few seconds. The join time and the figure that "
             "includes it are listed below the goal row.",
             "- Start-up: from launching the broker process to the first Metadata response that lists it, "
             "probed by bench/tools/metadata_probe.py, which connects every 2 ms and sends its own Metadata "
             "request. Tributary is launched with `./tributary server`, whose check that the jar is current is "
             "included; it maps the class-data archive that the launcher makes once per build, made during "
             "the preparation before any clock starts. Kafka's data directory is "
             "formatted (`kafka-storage format --standalone`) before the clock starts, because Kafka requires it "
             f"and Tributary does not. Idle memory is VmRSS {settings.get('idle_seconds', '?')} s after launch.",
             f"- Loaded start-up: {int(settings.get('loaded_records', '0')):,} records of 1 KiB written to 100 "
             "partitions, the broker stopped cleanly, then restarted once per repeat.",
             f"- Many partitions: one run with {int(settings.get('many_partitions', '0')):,} partitions "
             "(bench/tools/PartitionSweep.java), in topics of 1,000 partitions with one CreateTopics request "
             "each. Kafka's controller rejects a request that writes more than 10,000 metadata records. Then "
             "one 100 B record to each partition with "
             "`acks=all`, one consumer assigned all partitions fetches them, VmRSS, a clean stop, a restart "
             f"timed like start-up, and VmRSS {settings.get('idle_seconds', '?')} s after the restart.",
             "- Brokers run one at a time, on 127.0.0.1, each on a fresh data directory on the same filesystem. "
             "Tributary runs with its defaults and the JVM's default options. Kafka runs with "
             "`bench/kafka/server.properties` (the 4.4.0 distribution's `config/server.properties` with only "
             "listeners, ports and `log.dirs` substituted) and the start script's `-Xmx1G -Xms1G` plus "
             "`KAFKA_JVM_PERFORMANCE_OPTS`. The tools run with `-Xmx512M` like the distribution's perf-test "
             "scripts.",
             "", "## Commands", "", "Every command of this run, in order (from "
             f"[{raw_link}/commands.log]({raw_link}/commands.log)):", "", "```"]
    with open(os.path.join(raw, "commands.log")) as commands:
        repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        text += [line.rstrip("\n").replace(repository + "/", "./") for line in commands]
    text += ["```", ""]
    with open(out_md, "w") as md:
        md.write("\n".join(text))


if __name__ == "__main__":
    main()
