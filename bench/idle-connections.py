#!/usr/bin/env python3
"""Idle keep-alive connections on one virtual worker: `-k virtual -w 1 --keep-alive 300`, then N connections that
each send one request and read its answer (so each is a kept-alive connection between requests), left idle. Prints
the worker's RSS and PSS (/proc/PID/smaps_rollup) and its live heap (jcmd GC.class_histogram, after a full GC)
before and with the N connections, and per connection; how long a new request on a new connection takes with
them open, and one on an idle connection; then that all N still answer. Usage:
bench/idle-connections.py N [N...]   (e.g. 1000 10000; each N on a fresh server)
The client needs N open files: the soft limit is raised to the hard one (ulimit -Hn), which must allow N."""
import os, re, resource, socket, statistics, subprocess, sys, tempfile, time

from narwhal_bench import JAVA_HOME, narwhal

GET = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
ANSWER = b"Hello, World!"


def read_answer(connection):
    """One response to GET / (hello's: a Content-Length body); its bytes."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            raise SystemExit(f"the connection closed before an answer: {data!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(body) < length:
        chunk = connection.recv(4096)
        if not chunk:
            raise SystemExit("the connection closed inside an answer")
        body += chunk
    if not head.startswith(b"HTTP/1.1 200") or body != ANSWER or re.search(rb"(?i)connection: *close", head):
        raise SystemExit(f"unexpected answer: {data!r}")
    return data


def exchange(connection):
    connection.sendall(GET)
    return read_answer(connection)


def timed_new_request(port):
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as connection:
        exchange(connection)
    return (time.perf_counter() - started) * 1000


def memory(pid):
    """RSS and PSS in KB, the live heap in KB after a full GC, and its bytes by class."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        rollup = dict(re.findall(r"^(\w+):\s+(\d+) kB", f.read(), re.M))
    histogram = subprocess.run([os.path.join(JAVA_HOME, "bin/jcmd"), str(pid), "GC.class_histogram"],
                               capture_output=True, text=True, check=True).stdout
    live = int(re.search(r"^Total\s+\d+\s+(\d+)", histogram, re.M).group(1)) // 1024
    by_class = {name: int(size) for size, name in re.findall(r"^\s*\d+:\s+\d+\s+(\d+)\s+(\S+)", histogram, re.M)}
    return int(rollup["Rss"]), int(rollup["Pss"]), live, by_class


def warm_up(port):
    """Requests on new and on kept connections first, so 'before' is a worker that has served, not a fresh one."""
    for _ in range(200):
        timed_new_request(port)
    with socket.create_connection(("127.0.0.1", port)) as connection:
        for _ in range(2000):
            exchange(connection)


def run(count):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < count + 100:
        raise SystemExit(f"{count} connections need {count + 100} open files; ulimit -Hn is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    flags = ("-k", "virtual", "--keep-alive", "300", "--worker-connections", str(min(100_000, count + 1000)))
    with tempfile.TemporaryDirectory() as scratch:
        log = os.path.join(scratch, "narwhal.log")
        with narwhal(log, 1, flags=flags) as port:
            with open(log) as f:
                pid = int(re.search(r"Worker (\d+) ready in", f.read()).group(1))
            warm_up(port)
            new_before = [timed_new_request(port) for _ in range(20)]
            before = memory(pid)
            idle = []
            opening = time.perf_counter()
            try:
                for _ in range(count):
                    connection = socket.create_connection(("127.0.0.1", port))
                    idle.append(connection)
                    exchange(connection)
                opened = time.perf_counter() - opening
                with_idle = memory(pid)
                new_with = [timed_new_request(port) for _ in range(20)]
                reused = []
                for connection in idle[:: max(1, count // 20)][:20]:
                    started = time.perf_counter()
                    exchange(connection)
                    reused.append((time.perf_counter() - started) * 1000)
                answering = time.perf_counter()
                for connection in idle:
                    exchange(connection)
                answered = time.perf_counter() - answering
            finally:
                for connection in idle:
                    connection.close()
    rss = [value / 1024 for value in (before[0], with_idle[0])]
    pss = [value / 1024 for value in (before[1], with_idle[1])]
    live = [value / 1024 for value in (before[2], with_idle[2])]
    per = lambda pair: (pair[1] - pair[0]) * 1024 / count
    print(f"{count} idle keep-alive connections on 1 virtual worker (pid {pid}), opened and answered once in "
          f"{opened:.1f} s")
    print(f"  RSS  {rss[0]:.1f} MB -> {rss[1]:.1f} MB, {per(rss):.1f} KB per connection")
    print(f"  PSS  {pss[0]:.1f} MB -> {pss[1]:.1f} MB, {per(pss):.1f} KB per connection")
    print(f"  live heap after a full GC  {live[0]:.1f} MB -> {live[1]:.1f} MB, {per(live):.1f} KB per connection")
    print(f"  a new request on a new connection: median {statistics.median(new_with):.2f} ms, max "
          f"{max(new_with):.2f} ms (before the {count}: median {statistics.median(new_before):.2f} ms, max "
          f"{max(new_before):.2f} ms); on an idle connection: median {statistics.median(reused):.2f} ms, max "
          f"{max(reused):.2f} ms")
    grown = sorted(((size - before[3].get(name, 0), name) for name, size in with_idle[3].items()), reverse=True)
    print("  the live heap's growth per connection, by class: " + ", ".join(
        f"{name} {size / count / 1024:.1f} KB" for size, name in grown[:5]))
    print(f"  all {count} answered a second request, in {answered:.1f} s")


for n in sys.argv[1:] or ["1000"]:
    run(int(n))
