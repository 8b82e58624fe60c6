#!/usr/bin/env python3
"""Sample once a second the CPU use of named processes and their descendants from /proc.

Usage: cpu_sampler.py --out FILE --max-seconds N NAME=PID...

Writes one tab-separated line per process and interval: seconds since start, name, CPU in percent of
one core. The CPU is utime + stime of the process and all its descendants, so a `timeout` or shell
wrapper counts the JVM it runs. Stops when every named process has exited, after --max-seconds, or on
SIGTERM. It replaces `pidstat -u 1`, which is not installed on every machine.
"""
import argparse
import os
import signal
import sys
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def read_stat(pid):
    """Return (ppid, utime + stime in ticks) of PID, or None when it has exited."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:
        return None
    # The command name in field 2 may contain spaces, so split after its closing bracket.
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])


def tree_ticks(root):
    """Return the CPU ticks of ROOT and its descendants, or None when ROOT has exited."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = read_stat(int(entry))
            if stat is not None:
                stats[int(entry)] = stat
    if root not in stats:
        return None
    children = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += stats[pid][1]
        pending.extend(children.get(pid, []))
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--max-seconds", type=float, required=True)
    parser.add_argument("targets", nargs="+", metavar="NAME=PID")
    args = parser.parse_args()
    targets = [(name, int(pid)) for name, pid in (t.split("=", 1) for t in args.targets)]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    start = time.monotonic()
    previous = {name: tree_ticks(pid) for name, pid in targets}
    with open(args.out, "w", buffering=1) as out:
        out.write("seconds\tprocess\tcpu_percent\n")
        while time.monotonic() - start < args.max_seconds:
            time.sleep(1.0)
            elapsed = time.monotonic() - start
            alive = 0
            for name, pid in targets:
                ticks = tree_ticks(pid)
                if ticks is None:
                    continue
                alive += 1
                if previous[name] is not None:
                    percent = 100.0 * (ticks - previous[name]) / CLOCK_TICKS
                    out.write(f"{elapsed:.1f}\t{name}\t{percent:.0f}\n")
                previous[name] = ticks
            if alive == 0:
                break


if __name__ == "__main__":
    main()
