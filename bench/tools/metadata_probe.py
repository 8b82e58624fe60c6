#!/usr/bin/env python3
"""Waits for a broker's first Metadata response that lists the broker itself, and prints the time it came.

The start-up figure of bench/run ends at that response. Kafka clients such as kcat cannot measure it
finely, because a client started before the listener is bound waits out its own metadata timeout (a whole
second for `kcat -m 1`) before it gives up and a new one can try. This probe instead connects every
2 ms. On each connection it sends one Metadata request and reads the reply. The request is version 4,
for all topics and without topic creation, a version that every Kafka 4.x broker and Tributary accept.

Usage: metadata_probe.py PORT START_MS TIMEOUT_S [PID]
  PORT       the broker's port on 127.0.0.1
  START_MS   the launch time in milliseconds since the epoch (date +%s%3N)
  TIMEOUT_S  seconds after START_MS at which the probe gives up
  PID        the broker's process, whose exit makes the probe give up

Prints `startup_ms=N` (the response's arrival minus START_MS) and exits 0. Exits 1 on timeout, 3 when the
broker responds with a Metadata response that does not list 127.0.0.1:PORT, and 4 when PID exited.
"""

import os
import socket
import struct
import sys
import time

API_KEY_METADATA = 3
API_VERSION = 4
CLIENT_ID = b"tributary-bench-probe"
PERIOD_S = 0.002


def metadata_request(correlation_id):
    header = struct.pack(">hhih", API_KEY_METADATA, API_VERSION, correlation_id, len(CLIENT_ID)) + CLIENT_ID
    # topics: null array (all topics); allow_auto_topic_creation: false
    body = struct.pack(">ib", -1, 0)
    payload = header + body
    return struct.pack(">i", len(payload)) + payload


def read_exactly(sock, count):
    chunks = []
    while count > 0:
        chunk = sock.recv(count)
        if not chunk:
            raise ConnectionError("connection closed by the broker")
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def listed_brokers(response):
    """Returns (host, port) of each broker in a version 4 Metadata response body after the correlation id."""
    position = 4  # throttle_time_ms
    (count,) = struct.unpack_from(">i", response, position)
    position += 4
    brokers = []
    for _ in range(max(count, 0)):
        position += 4  # node_id
        (host_length,) = struct.unpack_from(">h", response, position)
        position += 2
        host = response[position:position + host_length].decode("utf-8")
        position += host_length
        (port,) = struct.unpack_from(">i", response, position)
        position += 4
        (rack_length,) = struct.unpack_from(">h", response, position)
        position += 2 + max(rack_length, 0)
        brokers.append((host, port))
    return brokers


def probe_once(port, correlation_id):
    """Returns the listed brokers, or None when the broker cannot be reached or does not respond yet."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            # A port in the ephemeral range can connect to itself while no broker listens on it
            if sock.getsockname() == sock.getpeername():
                return None
            sock.sendall(metadata_request(correlation_id))
            (size,) = struct.unpack(">i", read_exactly(sock, 4))
            response = read_exactly(sock, size)
    except (ConnectionError, OSError, struct.error):
        return None
    (received_id,) = struct.unpack_from(">i", response, 0)
    if received_id != correlation_id:
        return None
    return listed_brokers(response[4:])


def main(argv):
    if len(argv) not in (4, 5):
        sys.stderr.write(__doc__)
        return 2
    port = int(argv[1])
    start_ms = int(argv[2])
    deadline_ms = start_ms + int(argv[3]) * 1000
    pid = int(argv[4]) if len(argv) == 5 else None
    correlation_id = 0
    while time.time() * 1000 < deadline_ms:
        correlation_id += 1
        brokers = probe_once(port, correlation_id)
        if brokers is not None:
            arrived_ms = int(time.time() * 1000)
            if ("127.0.0.1", port) in brokers:
                print("startup_ms=%d" % (arrived_ms - start_ms))
                return 0
            if brokers:
                sys.stderr.write("metadata_probe: the Metadata response lists %s, not 127.0.0.1:%d\n" % (brokers, port))
                return 3
        if pid is not None and not os.path.exists("/proc/%d" % pid):
            sys.stderr.write("metadata_probe: process %d exited before it answered\n" % pid)
            return 4
        time.sleep(PERIOD_S)
    sys.stderr.write("metadata_probe: no Metadata response from 127.0.0.1:%d within %s s\n" % (port, argv[3]))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
