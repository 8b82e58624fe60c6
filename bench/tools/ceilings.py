#!/usr/bin/env python3
"""Measure two ceilings of this machine that bound any broker: fdatasync latency and loopback TCP throughput.

Usage: ceilings.py fdatasync DIR [COUNT]   prints fdatasync_p50_ms, fdatasync_p99_ms and fdatasync_max_ms
                                           for COUNT (default 1000) writes of 4 KiB, each followed by
                                           os.fdatasync, to a file in DIR
       ceilings.py loopback PORT [SECONDS] prints loopback_mib_per_sec for one TCP stream that sends
                                           64 KiB buffers to 127.0.0.1:PORT for SECONDS (default 3)
The output is key=value lines.
"""
import os
import socket
import sys
import threading
import time


def percentile(sorted_values, fraction):
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def measure_fdatasync(directory, count):
    path = os.path.join(directory, "fdatasync-probe.bin")
    block = os.urandom(4096)
    latencies = []
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for _ in range(count):
            start = time.perf_counter()
            os.write(fd, block)
            os.fdatasync(fd)
            latencies.append((time.perf_counter() - start) * 1000.0)
    finally:
        os.close(fd)
        os.unlink(path)
    latencies.sort()
    print(f"fdatasync_count={count}")
    print(f"fdatasync_p50_ms={percentile(latencies, 0.50):.3f}")
    print(f"fdatasync_p99_ms={percentile(latencies, 0.99):.3f}")
    print(f"fdatasync_max_ms={latencies[-1]:.3f}")


def measure_loopback(port, seconds):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(1)
    received = [0]

    def receive():
        connection, _ = server.accept()
        with connection:
            while True:
                chunk = connection.recv(1 << 20)
                if not chunk:
                    return
                received[0] += len(chunk)

    receiver = threading.Thread(target=receive)
    receiver.start()
    buffer = b"\0" * 65536
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sender:
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            sender.sendall(buffer)
    receiver.join(timeout=10)
    elapsed = time.perf_counter() - start
    server.close()
    print(f"loopback_mib_per_sec={received[0] / elapsed / (1 << 20):.0f}")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "fdatasync":
        measure_fdatasync(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1000)
    elif len(sys.argv) >= 3 and sys.argv[1] == "loopback":
        measure_loopback(int(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 3.0)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
