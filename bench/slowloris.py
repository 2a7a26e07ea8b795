#!/usr/bin/env python3
"""Slow clients against sync workers: 2 workers, IDLE clients that connect and send nothing and TRICKLING
clients sending a request head a byte every 300 ms forever, all in the backlog before one normal request;
prints how long the normal request waits. Usage: bench/slowloris.py HEADER_TIMEOUT [IDLE] [TRICKLING]
(a huge HEADER_TIMEOUT, e.g. 86400, shows the server without a head deadline)."""
import os, socket, sys, tempfile, threading, time

from narwhal_bench import narwhal

header_timeout = sys.argv[1] if len(sys.argv) > 1 else "10"
idle_count = int(sys.argv[2]) if len(sys.argv) > 2 else 2
trickling_count = int(sys.argv[3]) if len(sys.argv) > 3 else 2


def trickle(connection, done):
    connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    while not done.is_set():
        try:
            connection.sendall(b"a")
        except OSError:
            return
        time.sleep(0.3)


with tempfile.TemporaryDirectory() as scratch:
    with narwhal(os.path.join(scratch, "narwhal.log"), 2, flags=("--header-timeout", header_timeout)) as port:
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(idle_count)]
        trickling = [socket.create_connection(("127.0.0.1", port)) for _ in range(trickling_count)]
        done = threading.Event()
        for connection in trickling:
            threading.Thread(target=trickle, args=(connection, done), daemon=True).start()
        started = time.time()
        normal = socket.create_connection(("127.0.0.1", port))
        normal.settimeout(120)
        normal.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        try:
            answer = normal.recv(15)
            print(f"header_timeout={header_timeout} idle={idle_count} trickling={trickling_count}: "
                  f"the normal request waited {time.time() - started:.1f} s ({answer.decode()})")
        except socket.timeout:
            print(f"header_timeout={header_timeout} idle={idle_count} trickling={trickling_count}: no answer in 120 s")
        done.set()
