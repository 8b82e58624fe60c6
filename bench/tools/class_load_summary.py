"""Start-up sections of a jfr_summary.py profile, from -Xlog:class+load logs of the broker.

Each log comes from one start-up run with -Xlog:class+load=info:file=LOG:timemillis, so every line starts
with the epoch milliseconds of the load: "[1733350000000ms] java.lang.Object source: shared objects file".
A spec LOG:FROM_MS:UNTIL_MS:LABEL names the launch time, the first Metadata response and the kind of run
("JFR" for a profiled run, anything else for a run without JFR). Standard library only.
"""
import collections
import re
import statistics

LINE = re.compile(r"\[(\d+)ms\](?:\[[^]]*\])* (\S+) source: (.*)")
# First class of each library, in the order the broker's start-up reaches them.
MILESTONES = (
    ("`io.tributary` (the command line's main class)", "io.tributary."),
    ("`picocli`", "picocli."),
    ("`ch.qos.logback`", "ch.qos.logback."),
    ("`io.netty`", "io.netty."),
    ("`org.apache.kafka`", "org.apache.kafka."),
)
ClassLog = collections.namedtuple("ClassLog", "path from_ms until_ms label entries")


def source_kind(class_name, source):
    if source.startswith("shared objects file"):
        return "CDS archive (shared objects file)"
    if source.startswith("jrt:/"):
        return "JDK modules (jrt:/), not archived"
    if source.startswith("file:") or source.endswith(".jar"):
        return "application jars"
    return "generated at run time (lambdas, proxies, JFR handlers)"


def package_of(class_name):
    """Return the first two parts of a class's package, three for org.apache.kafka."""
    parts = class_name.split(".")
    depth = 3 if parts[:3] == ["org", "apache", "kafka"] else 2
    return ".".join(parts[:min(depth, len(parts) - 1)]) or class_name


def class_log(spec):
    """Read one LOG:FROM_MS:UNTIL_MS:LABEL spec into a ClassLog of (epoch ms, class, source kind) entries."""
    path, from_ms, until_ms, label = spec.rsplit(":", 3)
    entries = []
    with open(path, errors="replace") as log:
        for line in log:
            match = LINE.match(line)
            if match:
                entries.append((int(match.group(1)), match.group(2), source_kind(match.group(2), match.group(3).strip())))
    return ClassLog(path, int(from_ms), int(until_ms), label, entries)


def milestone_rows(logs_by_label, jvm_start_ms, windows_ms):
    rows = []
    if jvm_start_ms:
        gaps = [jvm - start for jvm, (start, _) in zip(jvm_start_ms, windows_ms)]
        rows.append(["JVM start (jdk.JVMInformation)"]
                    + [f"{statistics.mean(gaps):,.0f}" if label == "JFR" else "-" for label in logs_by_label])
    first = ["first class loaded"]
    for logs in logs_by_label.values():
        first.append(f"{statistics.mean(log.entries[0][0] - log.from_ms for log in logs if log.entries):,.0f}")
    rows.append(first)
    for name, prefix in MILESTONES:
        row = [f"first class of {name}"]
        for logs in logs_by_label.values():
            times = [next((at - log.from_ms for at, class_name, _ in log.entries if class_name.startswith(prefix)), None)
                     for log in logs]
            times = [time for time in times if time is not None]
            row.append(f"{statistics.mean(times):,.0f}" if times else "-")
        rows.append(row)
    rows.append(["first Metadata response"]
                + [f"{statistics.mean(log.until_ms - log.from_ms for log in logs):,.0f}" for logs in logs_by_label.values()])
    return rows


def count_rows(logs_by_label, key, limit):
    """Return rows of mean classes per start-up, loaded before the Metadata response, grouped by KEY."""
    counts = {label: collections.Counter() for label in logs_by_label}
    for label, logs in logs_by_label.items():
        for log in logs:
            for at, class_name, kind in log.entries:
                if at <= log.until_ms:
                    counts[label][key(class_name, kind)] += 1 / len(logs)
    total = collections.Counter()
    for counter in counts.values():
        total.update(counter)
    rows = [[group] + [f"{counts[label][group]:,.0f}" for label in logs_by_label]
            for group, _ in total.most_common(limit)]
    rows.append(["all"] + [f"{sum(counts[label].values()):,.0f}" for label in logs_by_label])
    return rows


def timeline_rows(logs, plain_logs, windows_ms, samples, describe, bucket_ms):
    runs = len(windows_ms)
    buckets = collections.defaultdict(lambda: {"classes": 0, "plain": 0, "samples": 0, "frames": collections.Counter()})
    for key, group in (("classes", logs), ("plain", plain_logs)):
        for log in group:
            for at, _, _ in log.entries:
                if log.from_ms <= at <= log.until_ms:
                    buckets[(at - log.from_ms) // bucket_ms][key] += 1 / len(group)
    for at, kind, _, frames in samples:
        if kind != "jdk.ExecutionSample":
            continue
        start = next((begin for begin, end in windows_ms if begin <= at <= end), None)
        if start is not None:
            bucket = buckets[int((at - start) // bucket_ms)]
            bucket["samples"] += 1
            bucket["frames"][describe(frames)] += 1
    rows = []
    for index in sorted(buckets):
        bucket = buckets[index]
        frames = ", ".join(f"`{frame}` {count}" for frame, count in bucket["frames"].most_common(2))
        rows.append((f"{index * bucket_ms}-{(index + 1) * bucket_ms}", f"{bucket['plain']:,.0f}",
                     f"{bucket['classes']:,.0f}", f"{bucket['samples'] / runs:,.1f}", frames or "-"))
    return rows


def startup_sections(logs, recording, table, describe, bucket_ms=100):
    """Return the markdown lines of the start-up sections: milestones, class counts and a timeline.

    DESCRIBE turns a sample's frames into the text shown for it in the timeline.
    """
    logs_by_label = collections.OrderedDict()
    for log in logs:
        logs_by_label.setdefault(log.label, []).append(log)
    header = ["ms after launch, mean"] + [f"{label} ({len(runs)} runs)" for label, runs in logs_by_label.items()]
    lines = ["", "## Start-up milestones", "",
             "From `-Xlog:class+load`: when the first class of each library was loaded, in ms after launching "
             "`./tributary server`. Runs without JFR show the start-up without JFR's own start.", ""]
    lines += table(header, milestone_rows(logs_by_label, recording.jvm_start_ms, recording.windows_ms))
    lines += ["", "### Classes loaded before the first Metadata response, by source", ""]
    lines += table(["source"] + header[1:], count_rows(logs_by_label, lambda _, kind: kind, 6))
    lines += ["", "### Classes loaded before the first Metadata response, by package", ""]
    lines += table(["package"] + header[1:], count_rows(logs_by_label, lambda name, _: f"`{package_of(name)}`", 14))
    profiled = logs_by_label.get("JFR", [])
    plain = [log for label, logs in logs_by_label.items() if label != "JFR" for log in logs]
    if profiled:
        lines += ["", f"### Timeline, per {bucket_ms} ms after the launch", "",
                  "Classes loaded and Java samples are means per run; the frames are those of all JFR runs. A thread that loads, links or verifies a "
                  "class is inside the JVM, not in Java code, and JFR takes no Java sample of it: a bucket with "
                  "many classes and few samples is class loading.", ""]
        lines += table(("ms after launch", "classes loaded, no JFR", "classes loaded, JFR", "Java samples, JFR",
                        "innermost `io.tributary` frames, JFR"),
                       timeline_rows(profiled, plain, recording.windows_ms, recording.samples, describe, bucket_ms))
    return lines
