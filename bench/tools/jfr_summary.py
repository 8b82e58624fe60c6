#!/usr/bin/env python3
"""Summarise JDK Flight Recorder recordings of the broker as a markdown profile.

Usage: jfr_summary.py --title TEXT --out FILE.md [--fact TEXT]... [--phase NAME:FROM_MS:UNTIL_MS]...
                      [--class-load LOG:FROM_MS:UNTIL_MS:LABEL]... [--nmt FILE] [--rss-tsv FILE]
                      [--cpu-tsv FILE]... RECORDING...

RECORDING is FILE.jfr or FILE.jfr:FROM_MS:UNTIL_MS, where the bounds are Unix epoch milliseconds: only
events that start inside [FROM_MS, UNTIL_MS] count. Several recordings (the start-up repeats) are added up.
--phase adds a shorter section for the events inside one part of the window (the many-partitions steps).
--class-load adds a -Xlog:class+load log of one start-up (see class_load_summary.py), and the logs
labelled "JFR" must come in the order of the recordings. --nmt reads the output of
`jcmd PID VM.native_memory summary`. --rss-tsv reads VmRSS samples ("EPOCH_MS<TAB>MiB" lines) for the
--phase sections. --cpu-tsv reads the per-second samples of bench/tools/cpu_sampler.py. --fact adds a
line to the method section.

Reads each recording through `jfr print --json` (JDK 17's jfr has no `view` command), one event at a
time, so a recording of a few hundred megabytes of JSON does not have to fit in memory.
Standard library only.
"""
import argparse
import collections
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

from class_load_summary import class_log, startup_sections

STACK_DEPTH = 64
STACK_FRAMES_SHOWN = 8
OWN_PACKAGE = "io.tributary."
SAMPLE_EVENTS = ("jdk.ExecutionSample", "jdk.NativeMethodSample")
ALLOCATION_EVENTS = ("jdk.ObjectAllocationSample", "jdk.ObjectAllocationInNewTLAB",
                     "jdk.ObjectAllocationOutsideTLAB")
OTHER_EVENTS = ("jdk.CPULoad", "jdk.ThreadCPULoad", "jdk.GarbageCollection", "jdk.GCHeapSummary",
                "jdk.JVMInformation")
# JDK frames that allocate on behalf of their caller, skipped to find the frame that requested the memory.
ALLOCATOR_PREFIXES = ("java.", "jdk.", "sun.")


class Recording:
    """The events of one or more recordings, reduced to what the report prints."""

    def __init__(self):
        self.samples = []          # (epoch_ms, event type, thread, frames as "Class.method" strings)
        self.allocations = []      # (epoch_ms, event type, class name, weight in bytes, thread, frames)
        self.cpu_load = []         # (epoch_ms, jvm user, jvm system, machine total), fractions of the machine
        self.thread_cpu = collections.defaultdict(list)  # thread -> [user + system], fractions of the machine
        self.gc_pauses_ms = []     # pause time of each collection
        self.heap_after_gc = []    # heap used after each collection, bytes
        self.jvm = {}              # jdk.JVMInformation fields of the first recording
        self.jvm_start_ms = []     # JVM start of each recording
        self.windows_ms = []       # (from, until) of each recording, as counted
        self.files = []


def parse_time_ms(text):
    """Return the epoch milliseconds of an ISO-8601 instant as jfr prints it (UTC, up to 9 digits)."""
    seconds_part, _, rest = text.partition(".")
    fraction = rest.rstrip("Z")
    if not rest:
        seconds_part = seconds_part.rstrip("Z")
        fraction = "0"
    base = datetime.datetime.strptime(seconds_part, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return base.timestamp() * 1000 + float("0." + fraction) * 1000


def parse_duration_ms(value):
    """Return milliseconds of a jfr JSON duration, printed either as ISO-8601 (PT0.0012S) or as a number of ns."""
    if isinstance(value, (int, float)):
        return value / 1e6
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", value or "")
    if not match:
        return 0.0
    hours, minutes, seconds = (float(group or 0) for group in match.groups())
    return (hours * 3600 + minutes * 60 + seconds) * 1000


def thread_name(thread):
    if not thread:
        return "?"
    return thread.get("javaName") or thread.get("osName") or "?"


def frame_names(stack):
    """Return the frames of a stack trace, innermost first, as "pkg.Class.method" strings."""
    if not stack:
        return ()
    names = []
    for frame in stack.get("frames", []):
        method = frame.get("method") or {}
        owner = ((method.get("type") or {}).get("name") or "?").replace("/", ".")
        names.append(f"{owner}.{method.get('name', '?')}")
    return tuple(names)


def stream_events(path, events):
    """Yield the events of PATH, one dict at a time, decoding jfr's JSON output incrementally."""
    command = [jfr_command(), "print", "--json", "--events", ",".join(events), "--stack-depth", str(STACK_DEPTH), path]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    decoder = json.JSONDecoder()
    buffer = ""
    position = None
    finished = False
    while True:
        if position is None:
            start = buffer.find('"events"')
            bracket = buffer.find("[", start) if start >= 0 else -1
            if bracket >= 0:
                position = bracket + 1
        else:
            while position < len(buffer) and buffer[position] in " \t\r\n,":
                position += 1
            if position < len(buffer) and buffer[position] == "]":
                break
            if position < len(buffer):
                try:
                    event, end = decoder.raw_decode(buffer, position)
                except json.JSONDecodeError:
                    event = None
                if event is not None:
                    yield event
                    position = end
                    if position > (1 << 22):
                        buffer = buffer[position:]
                        position = 0
                    continue
        if finished:
            break
        chunk = process.stdout.read(1 << 20)
        if not chunk:
            finished = True
        buffer += chunk
    process.stdout.close()
    if process.wait() != 0:
        sys.exit(f"jfr_summary: '{' '.join(command)}' failed with status {process.returncode}")


def jfr_command():
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.path.exists(os.path.join(java_home, "bin", "jfr")):
        return os.path.join(java_home, "bin", "jfr")
    found = shutil.which("jfr")
    if not found:
        sys.exit("jfr_summary: the JDK's jfr command is missing; put a JDK 17 or newer on PATH or set JAVA_HOME")
    return found


def load(recording, spec):
    """Add the events of one RECORDING argument (FILE.jfr or FILE.jfr:FROM_MS:UNTIL_MS) to RECORDING."""
    path, from_ms, until_ms = spec, float("-inf"), float("inf")
    match = re.fullmatch(r"(.+):(\d+):(\d+)", spec)
    if match:
        path, from_ms, until_ms = match.group(1), float(match.group(2)), float(match.group(3))
    if not os.path.exists(path):
        sys.exit(f"jfr_summary: recording {path} not found")
    recording.files.append(path)

    first_ms, last_ms = float("inf"), float("-inf")
    events = SAMPLE_EVENTS + ALLOCATION_EVENTS + OTHER_EVENTS
    for event in stream_events(path, events):
        kind = event["type"]
        values = event["values"]
        at_ms = parse_time_ms(values["startTime"])
        if kind == "jdk.JVMInformation":
            recording.jvm_start_ms.append(parse_time_ms(values["jvmStartTime"]))
            recording.jvm = recording.jvm or values
            continue
        if not from_ms <= at_ms <= until_ms:
            continue
        first_ms, last_ms = min(first_ms, at_ms), max(last_ms, at_ms)

        if kind in SAMPLE_EVENTS:
            thread = thread_name(values.get("sampledThread"))
            recording.samples.append((at_ms, kind, thread, frame_names(values.get("stackTrace"))))
        elif kind in ALLOCATION_EVENTS:
            weight = values.get("weight") or values.get("tlabSize") or values.get("allocationSize") or 0
            class_name = ((values.get("objectClass") or {}).get("name") or "?").replace("/", ".")
            thread = thread_name(values.get("eventThread"))
            recording.allocations.append((at_ms, kind, class_name, weight, thread,
                                          frame_names(values.get("stackTrace"))))
        elif kind == "jdk.CPULoad":
            recording.cpu_load.append((at_ms, values["jvmUser"], values["jvmSystem"], values["machineTotal"]))
        elif kind == "jdk.ThreadCPULoad":
            recording.thread_cpu[thread_name(values.get("eventThread"))].append(values["user"] + values["system"])
        elif kind == "jdk.GarbageCollection":
            recording.gc_pauses_ms.append(parse_duration_ms(values.get("sumOfPauses")))
        elif kind == "jdk.GCHeapSummary" and values.get("when") == "After GC":
            recording.heap_after_gc.append(values.get("heapUsed", 0))

    window_from = from_ms if from_ms != float("-inf") else first_ms
    window_until = until_ms if until_ms != float("inf") else last_ms
    recording.windows_ms.append((window_from, window_until))


def percent(part, total):
    return f"{100.0 * part / total:.1f}%" if total else "-"


def short_frame(name):
    """Return "Class.method" of a "pkg.Class.method" frame name, keeping nested class names."""
    owner, _, method = name.rpartition(".")
    return f"{owner.rpartition('.')[2]}.{method}"


def own_frame(frames):
    return next((frame for frame in frames if frame.startswith(OWN_PACKAGE)), "-")


def describe_own_frame(frames):
    frame = own_frame(frames)
    return short_frame(frame) if frame != "-" else "(no io.tributary frame)"


def allocating_frame(frames):
    """Return the innermost frame outside the JDK, the code that requested the memory."""
    return next((frame for frame in frames if not frame.startswith(ALLOCATOR_PREFIXES)), frames[0] if frames else "-")


def thread_group(name):
    """Group pool threads by replacing their trailing number: tributary-network-3-1 becomes tributary-network-3-N."""
    return re.sub(r"\d+$", "N", name)


def cell(text):
    return text.replace("|", "\\|")


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(str(value)) for value in row) + " |" for row in rows]
    return lines


def cpu_sections(samples, method_rows, own_rows, stack_rows, title_suffix=""):
    """Return the lines of the top-methods and top-stacks tables for the Java execution samples given."""
    lines = []
    total = len(samples)
    if not total:
        return ["", f"No execution samples{title_suffix}."]
    if method_rows:
        self_counts = collections.Counter(frames[0] for frames in samples if frames)
        rows = [(count, percent(count, total), f"`{method}`") for method, count in self_counts.most_common(method_rows)]
        lines += ["", f"### Top {method_rows} methods by self CPU samples{title_suffix}", ""]
        lines += table(("samples", "share", "method (innermost frame)"), rows)
    own_counts = collections.Counter(own_frame(frames) for frames in samples if frames)
    own_total = sum(count for frame, count in own_counts.items() if frame != "-")
    lines += ["", f"### Top {own_rows} `{OWN_PACKAGE}*` methods by samples{title_suffix}", "",
              f"Each sample counts once, for the innermost `{OWN_PACKAGE}*` frame on its stack, so a JDK or Netty "
              f"method called by broker code counts for its caller. {own_total} samples "
              f"({percent(own_total, total)}) have such a frame.", ""]
    rows = [(count, percent(count, total), f"`{frame}`")
            for frame, count in own_counts.most_common(own_rows + 1) if frame != "-"][:own_rows]
    lines += table(("samples", "share", "innermost broker method"), rows)
    stacks = collections.Counter(frames[:STACK_FRAMES_SHOWN] for frames in samples if frames)
    lines += ["", f"### Top {stack_rows} stacks by CPU samples, {STACK_FRAMES_SHOWN} frames, innermost first"
                  f"{title_suffix}", ""]
    rows = [(count, percent(count, total), " < ".join(short_frame(frame) for frame in stack))
            for stack, count in stacks.most_common(stack_rows)]
    lines += table(("samples", "share", "stack"), rows)
    return lines


def allocation_sections(allocations, site_rows, class_rows, title_suffix=""):
    lines = []
    total = sum(weight for _, _, _, weight, _, _ in allocations)
    lines += ["", f"### Top {site_rows} allocation sites by sampled weight{title_suffix}", ""]
    if not total:
        return lines + ["No allocation samples in this window."]
    sites = collections.Counter()
    for _, _, class_name, weight, _, frames in allocations:
        sites[(class_name, allocating_frame(frames), own_frame(frames))] += weight
    rows = [(percent(weight, total), f"`{class_name}`", f"`{short_frame(frame)}`",
             f"`{short_frame(own)}`" if own != "-" else "-")
            for (class_name, frame, own), weight in sites.most_common(site_rows)]
    lines += table(("weight share", "class", "allocating frame", f"first `{OWN_PACKAGE}*` frame"), rows)
    if class_rows:
        classes = collections.Counter()
        for _, _, class_name, weight, _, _ in allocations:
            classes[class_name] += weight
        lines += ["", f"### Allocation by class{title_suffix}", ""]
        rows = [(percent(weight, total), f"{weight / 1048576:,.1f}", f"`{class_name}`")
                for class_name, weight in classes.most_common(class_rows)]
        lines += table(("weight share", "estimated MiB allocated", "class"), rows)
    return lines


def thread_section(recording, execution):
    total = len(execution)
    native = [sample for sample in recording.samples if sample[1] == "jdk.NativeMethodSample"]
    java_counts = collections.Counter(thread_group(thread) for _, _, thread, _ in execution)
    native_counts = collections.Counter(thread_group(thread) for _, _, thread, _ in native)
    thread_load = collections.defaultdict(float)
    for thread, loads in recording.thread_cpu.items():
        thread_load[thread_group(thread)] += statistics.mean(loads)
    groups = sorted(set(java_counts) | set(thread_load), key=lambda group: (-java_counts[group], -thread_load[group]))
    rows = []
    for group in groups[:10]:
        load_text = f"{100 * thread_load[group]:.1f}%" if group in thread_load else "-"
        rows.append((f"`{group}`", java_counts[group], percent(java_counts[group], total), load_text,
                     native_counts[group]))
    lines = ["", "### Threads by CPU share", "",
             "Java samples count a thread while it runs Java code. Mean CPU is jdk.ThreadCPULoad (user + system) "
             "summed over the threads of the group, in percent of the whole machine. Native samples count a thread "
             "while it is inside a native method (socket I/O, epoll wait, fsync).", ""]
    lines += table(("thread (trailing number as N)", "Java samples", "share", "mean CPU", "native samples"), rows)
    lines += ["", "Top native methods (jdk.NativeMethodSample, innermost Java frame and its caller):", ""]
    native_methods = collections.Counter((thread_group(thread), " < ".join(short_frame(frame) for frame in frames[:2]))
                                         for _, _, thread, frames in native if frames)
    rows = [(count, percent(count, len(native)), f"`{group}`", method)
            for (group, method), count in native_methods.most_common(6)]
    lines += table(("samples", "share", "thread", "native frame"), rows) if rows else ["none"]
    return lines


def nmt_section(path):
    lines = ["", "## Native memory after the workload", "",
             f"`jcmd PID VM.native_memory summary` (the broker ran with -XX:NativeMemoryTracking=summary):", ""]
    rows = []
    with open(path) as report:
        for line in report:
            match = re.match(r"\s*(?:-\s*)?([A-Za-z][A-Za-z ]*?) \(reserved=(\d+)KB, committed=(\d+)KB\)", line)
            if match:
                rows.append((match.group(1).strip(), f"{int(match.group(3)) / 1024:,.0f}",
                             f"{int(match.group(2)) / 1024:,.0f}"))
    rows.sort(key=lambda row: -float(row[1].replace(",", "")) if row[0] != "Total" else float("-inf"))
    return lines + table(("category", "committed MiB", "reserved MiB"), rows[:10])


def cpu_tsv_lines(paths):
    """Return "NAME mean / max" texts of the CPU of each process that cpu_sampler.py sampled."""
    values = collections.defaultdict(list)
    for path in paths:
        with open(path) as samples:
            for line in samples:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 3:
                    try:
                        values[fields[1]].append(float(fields[2]))
                    except ValueError:
                        continue
    parts = [f"{name} {statistics.mean(cpu):.0f}% mean / {max(cpu):.0f}% max"
             for name, cpu in sorted(values.items()) if cpu]
    return parts


def method_section(arguments, recording, execution, native):
    window_ms = sum(until - start for start, until in recording.windows_ms)
    allocation_kinds = collections.Counter(kind for _, kind, _, _, _, _ in recording.allocations)
    lines = ["## Method", ""]
    lines += [f"- {fact}" for fact in arguments.fact]
    lines.append(f"- JVM: {recording.jvm.get('jvmVersion', '?')}")
    lines.append(f"- JVM arguments: `{recording.jvm.get('jvmArguments', '?')}`")
    lines.append(f"- Recordings: {', '.join(f'`{os.path.relpath(path)}`' for path in recording.files)}")
    lines.append(f"- Window counted: {window_ms / 1000:.2f} s over {len(recording.windows_ms)} recording(s)")
    lines.append(f"- Samples: {len(execution):,} jdk.ExecutionSample, {len(native):,} jdk.NativeMethodSample, "
                 + ", ".join(f"{count:,} {kind}" for kind, count in allocation_kinds.items()))
    if recording.cpu_load:
        user = statistics.mean(load[1] for load in recording.cpu_load)
        system = statistics.mean(load[2] for load in recording.cpu_load)
        machine = statistics.mean(load[3] for load in recording.cpu_load)
        lines.append(f"- CPU (jdk.CPULoad, mean of {len(recording.cpu_load)} one-second readings, share of the "
                     f"whole machine): broker JVM {100 * (user + system):.0f}% ({100 * user:.0f}% user, "
                     f"{100 * system:.0f}% system), whole machine {100 * machine:.0f}%")
    cpu = cpu_tsv_lines(arguments.cpu_tsv)
    if cpu:
        lines.append("- CPU (bench/tools/cpu_sampler.py, percent of one core): " + "; ".join(cpu))
    if recording.gc_pauses_ms:
        heap = max(recording.heap_after_gc) / 1048576 if recording.heap_after_gc else 0
        lines.append(f"- GC: {len(recording.gc_pauses_ms)} collections, {sum(recording.gc_pauses_ms):.0f} ms of pauses, "
                     f"max heap used after a collection {heap:,.0f} MiB")
    else:
        lines.append("- GC: no collection in the window")
    return lines


def read_rss(path):
    """Read "EPOCH_MS<TAB>MiB" lines of VmRSS samples."""
    samples = []
    with open(path) as rss:
        for line in rss:
            fields = line.split()
            if len(fields) == 2 and fields[0].isdigit() and fields[1].isdigit():
                samples.append((int(fields[0]), int(fields[1])))
    return samples


def rss_text(rss, from_ms, until_ms):
    """Return the VmRSS just before FROM_MS and the last one before UNTIL_MS, as text."""
    before = [mib for at, mib in rss if at <= from_ms]
    inside = [mib for at, mib in rss if at <= until_ms]
    if not inside:
        return ""
    start = before[-1] if before else inside[0]
    return f" VmRSS (sampled once a second) {start:,} MiB at the start, {inside[-1]:,} MiB at the end."


def phase_lines(recording, phase, rss):
    name, from_ms, until_ms = phase.rsplit(":", 2)
    from_ms, until_ms = float(from_ms), float(until_ms)
    execution = [frames for at, kind, _, frames in recording.samples
                 if kind == "jdk.ExecutionSample" and from_ms <= at <= until_ms]
    allocations = [entry for entry in recording.allocations if from_ms <= entry[0] <= until_ms]
    weight = sum(entry[3] for entry in allocations)
    lines = ["", f"## Step: {name}", "",
             f"{(until_ms - from_ms) / 1000:.2f} s, {len(execution):,} execution samples, "
             f"{len(allocations):,} allocation samples ({weight / 1048576:,.0f} MiB estimated allocation)."
             + rss_text(rss, from_ms, until_ms)]
    lines += cpu_sections(execution, 0, 6, 3, f" ({name})")

    native = [(thread, frames) for at, kind, thread, frames in recording.samples
              if kind == "jdk.NativeMethodSample" and from_ms <= at <= until_ms and frames]
    counts = collections.Counter((thread_group(thread), short_frame(frames[0]), describe_own_frame(frames))
                                 for thread, frames in native)
    lines += ["", f"### Top native methods ({name})", ""]
    rows = [(count, percent(count, len(native)), f"`{group}`", method, own)
            for (group, method, own), count in counts.most_common(5)]
    lines += table(("samples", "share", "thread", "native method", "innermost broker method"), rows)
    lines += allocation_sections(allocations, 5, 0, f" ({name})")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recordings", nargs="+", metavar="RECORDING")
    parser.add_argument("--title", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--fact", action="append", default=[])
    parser.add_argument("--phase", action="append", default=[])
    parser.add_argument("--class-load", action="append", default=[])
    parser.add_argument("--cpu-tsv", action="append", default=[])
    parser.add_argument("--nmt")
    parser.add_argument("--rss-tsv")
    arguments = parser.parse_args()

    recording = Recording()
    for spec in arguments.recordings:
        load(recording, spec)
    execution = [frames for _, kind, _, frames in recording.samples if kind == "jdk.ExecutionSample"]
    native = [frames for _, kind, _, frames in recording.samples if kind == "jdk.NativeMethodSample"]

    lines = [f"# {arguments.title}", ""]
    lines += method_section(arguments, recording, execution, native)
    lines += ["", "## CPU"]
    # A profile with steps gets shorter overall tables, to stay readable with a section per step.
    lines += cpu_sections(execution, 25, 15, 10 if arguments.phase else 20)
    lines += thread_section(recording, [sample for sample in recording.samples if sample[1] == "jdk.ExecutionSample"])
    lines += ["", "## Allocation"]
    lines += allocation_sections(recording.allocations, 20, 10 if arguments.phase else 15)
    if arguments.class_load:
        class_logs = [class_log(spec) for spec in arguments.class_load]
        lines += startup_sections(class_logs, recording, table, describe_own_frame)
    if arguments.nmt:
        lines += nmt_section(arguments.nmt)
    rss = read_rss(arguments.rss_tsv) if arguments.rss_tsv else []
    for phase in arguments.phase:
        lines += phase_lines(recording, phase, rss)
    with open(arguments.out, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
