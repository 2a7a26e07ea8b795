#!/usr/bin/env python3
"""Slow clients against sync workers: 2 workers, IDLE clients that connect and send nothing and TRICKLING
clients sending a request head a byte every INTERVAL seconds (default 0.3) forever, all connected before normal
clients send 64 requests, 8 at a time; prints how long they waited (median, max). Usage:
bench/slowloris.py HEADER_TIMEOUT [IDLE] [TRICKLING] [INTERVAL]
(a huge HEADER_TIMEOUT, e.g. 86400, shows the server without a head deadline)."""
import os, socket, statistics, sys, tempfile, threading, time
from concurrent.futures import ThreadPoolExecutor

from narwhal_bench import narwhal

header_timeout = sys.argv[1] if len(sys.argv) > 1 else "10"
idle_count = int(sys.argv[2]) if len(sys.argv) > 2 else 2
trickling_count = int(sys.argv[3]) if len(sys.argv) > 3 else 2
interval = float(sys.argv[4]) if len(sys.argv) > 4 else 0.3


def trickle(connection, done):
    connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    while not done.wait(interval):
        try:
            connection.sendall(b"a")
        except OSError:
            return


def normal_request(port):
    started = time.time()
    with socket.create_connection(("127.0.0.1", port)) as normal:
        normal.settimeout(120)
        normal.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = normal.recv(15)
    return time.time() - started, answer.decode()


with tempfile.TemporaryDirectory() as scratch:
    with narwhal(os.path.join(scratch, "narwhal.log"), 2, flags=("--header-timeout", header_timeout)) as port:
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(idle_count)]
        trickling = [socket.create_connection(("127.0.0.1", port)) for _ in range(trickling_count)]
        done = threading.Event()
        for connection in trickling:
            threading.Thread(target=trickle, args=(connection, done), daemon=True).start()
        label = f"header_timeout={header_timeout} idle={idle_count} trickling={trickling_count} every {interval} s"
        try:
            with ThreadPoolExecutor(8) as clients:
                results = list(clients.map(lambda _: normal_request(port), range(64)))
            waits = [wait for wait, _ in results]
            answers = {answer for _, answer in results}
            print(f"{label}: 64 normal requests, 8 at a time, waited median {statistics.median(waits) * 1000:.0f} ms,"
                  f" max {max(waits) * 1000:.0f} ms ({', '.join(sorted(answers))})")
        except socket.timeout:
            print(f"{label}: a normal request got no answer in 120 s")
        done.set()
