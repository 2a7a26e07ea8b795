#!/usr/bin/env python3
"""Narwhal's worker types against other servers on plaintext "Hello, World!", keep-alive and Connection: close.

Every server runs pinned to core 0 (taskset -c 0; a forking server's workers inherit it, which is checked) with
one worker, and wrk runs pinned to core 1, with the same settings for everyone: `wrk -t1 -cC -dD --latency`,
C in 16 and 256, and the same again with `-H 'Connection: close'`. Each case gets a warm-up of its own first.
Per server and case it records requests/s, p50, p99, errors (socket errors and non-2xx), the CPU the server's
processes used (utime+stime from /proc/PID/stat, all of the server's processes), its PSS (smaps_rollup; the
worker's and the master's separately), the CPU wrk used, and how busy each core was with anything else (other
engineers' builds on a shared machine), so a reader can tell a server-bound figure from a client-bound or a
disturbed one. It prints a table, the ratios of Narwhal's types to each peer, and the targets of
docs/benchmarks.md; it writes the results as JSON and a bar chart as SVG.

It builds nothing. Build first:
    mvn -B -q -o -DskipTests package                 # the dist (dist/bin/narwhal)
    mvn -B -q -f bench/peers/pom.xml package         # bench/peers/target/{jetty,netty}-hello.jar
    apt-get install -y wrk gunicorn python3-gevent nginx
Usage:
    bench/keepalive-vs-peers.py [--rounds N] [--duration S] [--warmup S] [--servers a,b] [--cases ...]
    bench/keepalive-vs-peers.py --from-json bench/results/keepalive-....json --svg docs/keepalive-vs-peers.svg
A server whose program is missing is skipped with a note, and the others run.
"""
import argparse, datetime, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
JAVA = os.path.join(JAVA_HOME, "bin", "java")
PEERS = os.path.join(ROOT, "bench", "peers", "target")
SERVER_CORE, WRK_CORE = 0, 1
CLK_TCK = os.sysconf("SC_CLK_TCK")
GTHREAD_THREADS = 4  # Gunicorn's docs: threads "generally in the 2-4 x $(NUM_CORES) range"; one core, the top of it

CASES = {  # name: (connections, extra wrk arguments)
    "keep-alive c16": (16, []),
    "keep-alive c256": (256, []),
    "close c16": (16, ["-H", "Connection: close"]),
    "close c256": (256, ["-H", "Connection: close"]),
}


# ---------------------------------------------------------------- the servers

def nginx_config(prefix, port):
    """nginx as the ceiling: one worker process, keep-alive on, the answer from the config itself."""
    path = os.path.join(prefix, "nginx.conf")
    with open(path, "w") as f:
        f.write(f"""# written by bench/keepalive-vs-peers.py
worker_processes 1;
daemon off;
master_process on;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    # nginx 1.22 closes a keep-alive connection after 1000 requests; every other server here keeps it as long as
    # the client sends, so nginx does too.
    keepalive_requests 1000000;
    server {{
        listen 127.0.0.1:{port} backlog=2048;
        default_type text/plain;
        charset utf-8;
        location / {{ return 200 "Hello, World!"; }}
    }}
}}
""")
    return path


def gunicorn(worker_class, *flags):
    # Debian's gunicorn runs on Debian's python3, which has python3-gevent; the app is bench/hello_wsgi.py.
    return lambda port, tmp: ["/usr/bin/gunicorn", "--chdir", os.path.join(ROOT, "bench"), "-b", f"127.0.0.1:{port}",
                              "-w", "1", "-k", worker_class, *flags, "--log-level", "warning", "hello_wsgi:app"]


def narwhal(worker_class, *flags, dist=os.path.join(ROOT, "dist")):
    return lambda port, tmp: [os.path.join(dist, "bin/narwhal"), "-k", worker_class, "-w", "1",
                              "-b", f"127.0.0.1:{port}", *flags]


def narwhal_scraped(worker_class, *flags):
    """Narwhal with its metrics on: the admin listener, scraped every second while it is measured (Server reads the
    scrape URL this leaves in its folder), and statsd sent to a port nobody reads."""
    def command(port, tmp):
        metrics_port, statsd_port = free_port(), free_port()
        with open(os.path.join(tmp, "scrape"), "w") as f:
            f.write(f"http://127.0.0.1:{metrics_port}/metrics")
        return narwhal(worker_class, *flags, "--metrics-bind", str(metrics_port),
                       "--statsd-host", f"127.0.0.1:{statsd_port}")(port, tmp)
    return command


# name: (what it needs on disk, the command for a port and a temp folder, a note for the table)
SERVERS = {
    "narwhal-sync": ([os.path.join(ROOT, "dist/lib/narwhal-runtime.jar")], narwhal("sync"), "-k sync -w 1"),
    "narwhal-virtual": ([os.path.join(ROOT, "dist/lib/narwhal-runtime.jar")], narwhal("virtual"), "-k virtual -w 1"),
    "narwhal-gthread": ([os.path.join(ROOT, "dist/lib/narwhal-runtime.jar")],
                        narwhal("gthread", "--threads", str(GTHREAD_THREADS)),
                        f"-k gthread -w 1 --threads {GTHREAD_THREADS}"),
    # The access log's cost: gthread again, each request's line written to a file in the server's temp folder.
    "narwhal-gthread-accesslog": ([os.path.join(ROOT, "dist/lib/narwhal-runtime.jar")],
                                  lambda port, tmp: narwhal("gthread", "--threads", str(GTHREAD_THREADS),
                                                            "--access-logfile", os.path.join(tmp, "access.log"))(port, tmp),
                                  f"-k gthread -w 1 --threads {GTHREAD_THREADS} --access-logfile FILE"),
    # The metrics' cost: gthread again, its admin listener scraped every second and statsd on.
    "narwhal-gthread-metrics": ([os.path.join(ROOT, "dist/lib/narwhal-runtime.jar")],
                                narwhal_scraped("gthread", "--threads", str(GTHREAD_THREADS)),
                                f"-k gthread -w 1 --threads {GTHREAD_THREADS} --metrics-bind PORT (scraped every "
                                f"second) --statsd-host HOST:PORT"),
    "jetty": ([os.path.join(PEERS, "jetty-hello.jar")],
              lambda port, tmp: [JAVA, "-jar", os.path.join(PEERS, "jetty-hello.jar"), str(port)],
              "Handler.Abstract, 1 acceptor, 1 selector, 8 threads"),
    "jetty-nonblocking": ([os.path.join(PEERS, "jetty-hello.jar")],
                          lambda port, tmp: [JAVA, "-jar", os.path.join(PEERS, "jetty-hello.jar"), str(port),
                                             "--non-blocking"],
                          "Handler.Abstract.NonBlocking, same connector and pool"),
    "netty": ([os.path.join(PEERS, "netty-hello.jar")],
              lambda port, tmp: [JAVA, "--enable-native-access=ALL-UNNAMED", "-jar",
                                 os.path.join(PEERS, "netty-hello.jar"), str(port)],
              "HttpServerCodec, epoll, 1 event loop"),
    "gunicorn-sync": (["/usr/bin/gunicorn"], gunicorn("sync"), "-w 1 -k sync"),
    "gunicorn-gthread": (["/usr/bin/gunicorn"], gunicorn("gthread", "--threads", str(GTHREAD_THREADS)),
                         f"-w 1 -k gthread --threads {GTHREAD_THREADS}"),
    "gunicorn-gevent": (["/usr/bin/gunicorn", "/usr/lib/python3/dist-packages/gevent"], gunicorn("gevent"),
                        "-w 1 -k gevent"),
    "nginx": (["/usr/sbin/nginx"], lambda port, tmp: ["/usr/sbin/nginx", "-p", tmp, "-c", nginx_config(tmp, port)],
              "worker_processes 1, return 200"),
}
NARWHAL = ("narwhal-sync", "narwhal-virtual", "narwhal-gthread")


# ---------------------------------------------------------------- processes

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children():
    """{ppid: [pid, ...]} for every process now."""
    tree = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def descendants(pid):
    """pid and every process below it, parents first."""
    tree, found, todo = children(), [], [pid]
    while todo:
        p = todo.pop(0)
        found.append(p)
        todo.extend(tree.get(p, []))
    return found


def cpu_seconds(pid):
    """utime+stime of the process and of its children it has reaped (the fields 14-17 of /proc/PID/stat)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / CLK_TCK


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return int(re.search(r"^Pss:\s+(\d+) kB", f.read(), re.M).group(1))
    except (OSError, AttributeError):
        return None


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def affinity_of_tree(pids):
    """The CPUs each thread of these processes may run on, as a set of frozensets (one element if all agree)."""
    seen = set()
    for pid in pids:
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                seen.add(frozenset(os.sched_getaffinity(int(tid))))
        except OSError:
            pass
    return seen


def core_times():
    """{cpu index: (busy, irq+softirq, steal) seconds} from /proc/stat; busy counts the irq and softirq time too,
    which a process's own utime+stime may or may not include (it depends on the kernel's IRQ time accounting)."""
    out = {}
    with open("/proc/stat") as f:
        for line in f:
            m = re.match(r"cpu(\d+) (.*)", line)
            if m:
                v = [int(x) for x in m.group(2).split()]
                user, nice, system, idle, iowait, irq, softirq, steal = v[:8]
                out[int(m.group(1))] = ((user + nice + system + irq + softirq) / CLK_TCK,
                                        (irq + softirq) / CLK_TCK, steal / CLK_TCK)
    return out


def wait_quiet(limit_pct, longest_s):
    """Waits (at most longest_s) until the machine, with our server idle and no wrk, is busy under limit_pct of
    one core over a 2 s look: other engineers' builds share it. Returns the last look's figure."""
    deadline = time.monotonic() + longest_s
    while True:
        before = core_times()
        time.sleep(2)
        after = core_times()
        busy = 100 * sum(after[c][0] - before[c][0] for c in after) / 2
        if busy < limit_pct or time.monotonic() > deadline:
            return round(busy, 1)


class Scraper:
    """GETs a metrics URL every second, as a Prometheus scraping hard would, until stopped; each scrape must be a 200."""

    def __init__(self, url):
        self.url, self.scrapes, self.failures = url, 0, []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stopping.wait(1.0):
            try:
                with urllib.request.urlopen(self.url, timeout=5) as r:
                    r.read()
                    self.scrapes += 1
            except OSError as e:
                self.failures.append(str(e))

    def stop(self):
        self.stopping.set()
        self.thread.join()
        if self.failures:
            print(f"  {len(self.failures)} of {self.scrapes + len(self.failures)} scrapes failed: {self.failures[0]}")


class Server:
    """One server started pinned to SERVER_CORE; stop() ends it and every process it started."""

    def __init__(self, name):
        self.name = name
        _, command, self.note = SERVERS[name]
        self.port = free_port()
        self.tmp = tempfile.mkdtemp(prefix=f"bench-{name}-")
        self.log_path = os.path.join(self.tmp, "server.log")
        env = dict(os.environ, JAVA_HOME=JAVA_HOME)
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(["taskset", "-c", str(SERVER_CORE), *command(self.port, self.tmp)],
                                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=self.tmp,
                                            start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}/"
        self.wait_ready()
        self.scraping = None
        scrape = os.path.join(self.tmp, "scrape")
        if os.path.exists(scrape):
            with open(scrape) as f:
                self.scraping = Scraper(f.read())
        self.pids = descendants(self.process.pid)
        pinned = affinity_of_tree(self.pids)
        if pinned != {frozenset({SERVER_CORE})}:
            self.stop()
            raise SystemExit(f"{name}: not every thread is pinned to core {SERVER_CORE}: {pinned}")

    def wait_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited with {self.process.returncode}; its log: {self.log_path}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as r:
                    if r.read() == b"Hello, World!":
                        return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise SystemExit(f"{self.name} did not answer within {timeout} s; its log: {self.log_path}")

    def roles(self):
        """{'master': pid, 'worker': pid} for a server with a worker process, {'process': pid} otherwise."""
        live = descendants(self.process.pid)
        # Narwhal, Gunicorn and nginx: the first process is the master, its one child the worker.
        if len(live) >= 2:
            return {"master": live[0], "worker": live[1]}
        return {"process": live[0]}

    def cpu(self):
        """CPU seconds of every process of this server (the master's count includes workers it reaped)."""
        return sum(cpu_seconds(p) for p in descendants(self.process.pid))

    def stop(self):
        if self.scraping:
            self.scraping.stop()
        pids = descendants(self.process.pid)
        try:
            os.kill(self.process.pid, signal.SIGTERM)
            self.process.wait(30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass
        time.sleep(0.3)
        for pid in pids:  # anything still there by now: by its pid, nothing broader
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------- wrk

def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(text):
    """requests/s, p50 and p99 in ms, requests, errors by kind, and bytes per response from wrk --latency."""
    def number(pattern, cast=float, default=None):
        m = re.search(pattern, text)
        return cast(m.group(1)) if m else default

    latency = {p: to_ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
    m = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m), ([\d.]+)([KMGT]?B) read", text)
    requests = int(m.group(1)) if m else 0
    read_bytes = float(m.group(4)) * {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3, "TB": 1024 ** 4}[m.group(5)] if m else 0
    errors = {k: 0 for k in ("connect", "read", "write", "timeout", "non2xx")}
    s = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if s:
        errors.update(zip(("connect", "read", "write", "timeout"), map(int, s.groups())))
    errors["non2xx"] = number(r"Non-2xx or 3xx responses: (\d+)", int, 0)
    return {"rps": number(r"Requests/sec:\s+([\d.]+)", float, 0.0), "p50_ms": latency.get("50"),
            "p99_ms": latency.get("99"), "requests": requests, "errors": errors,
            "bytes_per_response": round(read_bytes / requests) if requests else None}


def wrk(url, connections, extra, seconds):
    """Runs wrk pinned to WRK_CORE; returns its output and the CPU seconds it used (its rusage)."""
    process = subprocess.Popen(["taskset", "-c", str(WRK_CORE), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
                                "--latency", *extra, url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed ({process.returncode}): {output}")
    return output, usage.ru_utime + usage.ru_stime


def measure(server, case, seconds, warmup, quiet):
    connections, extra = CASES[case]
    busy_before = wait_quiet(*quiet) if quiet else None
    wrk(server.url, connections, extra, warmup)  # warm-up: JIT, pools, caches; its figures are dropped
    cpu0, cores0, t0 = server.cpu(), core_times(), time.monotonic()
    output, wrk_cpu = wrk(server.url, connections, extra, seconds)
    cpu1, cores1, t1 = server.cpu(), core_times(), time.monotonic()
    wall = t1 - t0
    result = parse_wrk(output)
    roles = server.roles()
    server_cpu = cpu1 - cpu0
    busy = {c: cores1[c][0] - cores0[c][0] for c in (SERVER_CORE, WRK_CORE)}
    irq = {c: cores1[c][1] - cores0[c][1] for c in (SERVER_CORE, WRK_CORE)}
    steal = {c: cores1[c][2] - cores0[c][2] for c in (SERVER_CORE, WRK_CORE)}
    result.update({
        "server": server.name, "case": case, "connections": connections, "wall_s": round(wall, 2),
        "server_cpu_pct": round(100 * server_cpu / wall, 1),
        "cpu_us_per_request": round(1e6 * server_cpu / result["requests"], 1) if result["requests"] else None,
        "wrk_cpu_pct": round(100 * wrk_cpu / wall, 1),
        # What else ran on each core meanwhile: the core's busy time less the server's (core 0) or wrk's (core 1).
        "other_on_server_core_pct": round(100 * max(0.0, busy[SERVER_CORE] - server_cpu) / wall, 1),
        "other_on_wrk_core_pct": round(100 * max(0.0, busy[WRK_CORE] - wrk_cpu) / wall, 1),
        "irq_on_server_core_pct": round(100 * irq[SERVER_CORE] / wall, 1),
        "irq_on_wrk_core_pct": round(100 * irq[WRK_CORE] / wall, 1),
        "steal_pct": round(100 * (steal[SERVER_CORE] + steal[WRK_CORE]) / wall, 1),
        "machine_busy_before_pct": busy_before, "loadavg_after": os.getloadavg()[0],
        "pss_kb": {role: pss_kb(pid) for role, pid in roles.items()},
        "wrk_output": output,
    })
    return result


# ---------------------------------------------------------------- reporting

def fmt_ms(v):
    if v is None:
        return "-"
    return f"{v * 1000:.0f} µs" if v < 1 else f"{v:.2f} ms" if v < 100 else f"{v:.0f} ms"


def fmt_pss(pss):
    def mb(kb):
        return f"{kb / 1024:.0f}" if kb is not None else "?"
    if "worker" in pss:
        return f"{mb(pss['worker'])} (+{mb(pss['master'])})"
    return mb(pss.get("process"))


def per_core(r):
    """Requests per second of server CPU: what the server would answer on a core of its own, at this load."""
    return 1e6 / r["cpu_us_per_request"] if r["cpu_us_per_request"] else 0.0


METRICS = {"req/s": lambda r: r["rps"], "requests per server CPU-second": per_core}


def medians(results, metric=METRICS["req/s"]):
    """{(server, case): the run with the median of the metric, with value, low and high: its median, least and
    most over rounds}."""
    grouped = {}
    for r in results:
        grouped.setdefault((r["server"], r["case"]), []).append(r)
    out = {}
    for key, runs in grouped.items():
        runs = sorted(runs, key=metric)
        out[key] = dict(runs[(len(runs) - 1) // 2], value=metric(runs[(len(runs) - 1) // 2]), low=metric(runs[0]),
                        high=metric(runs[-1]), runs=len(runs))
    return out


def table(results, servers, cases):
    m = medians(results)
    lines = ["| server | case | req/s (median; min–max) | p50 | p99 | errors | server CPU | CPU/req "
             "| req per CPU-s | wrk CPU | other load core 0 / 1 | PSS MB worker (+master) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for case in cases:
        for name in servers:
            r = m.get((name, case))
            if not r:
                continue
            errors = sum(r["errors"].values())
            spread = f"; {r['low']:,.0f}–{r['high']:,.0f}" if r["runs"] > 1 else ""
            lines.append(f"| {name} | {case} | {r['rps']:,.0f}{spread} | {fmt_ms(r['p50_ms'])} | {fmt_ms(r['p99_ms'])} "
                         f"| {errors:,}{' (' + ', '.join(f'{k} {v}' for k, v in r['errors'].items() if v) + ')' if errors else ''} "
                         f"| {r['server_cpu_pct']:.0f}% | {r['cpu_us_per_request']} µs | {per_core(r):,.0f} "
                         f"| {r['wrk_cpu_pct']:.0f}% "
                         f"| {r['other_on_server_core_pct']:.0f}% / {r['other_on_wrk_core_pct']:.0f}% "
                         f"| {fmt_pss(r['pss_kb'])} |")
    return "\n".join(lines)


def per_round(results):
    """{round: {(server, case): result}}"""
    out = {}
    for r in results:
        out.setdefault(r["round"], {})[(r["server"], r["case"])] = r
    return out


def ratio_table(results, servers, cases, metric=METRICS["req/s"]):
    """Narwhal's types against each peer: the metric's ratio, median over rounds and the range (each ratio from
    one round)."""
    rounds = per_round(results)
    peers = [s for s in servers if s not in NARWHAL]
    lines = ["| Narwhal type / peer | " + " | ".join(cases) + " |", "| --- |" + " --- |" * len(cases)]
    for mine in [s for s in NARWHAL if s in servers]:
        for peer in peers:
            cells = []
            for case in cases:
                values = [metric(rr[(mine, case)]) / metric(rr[(peer, case)]) for rr in rounds.values()
                          if (mine, case) in rr and (peer, case) in rr and metric(rr[(peer, case)])]
                cells.append(span(values, "x"))
            lines.append(f"| {mine.removeprefix('narwhal-')} / {peer} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def span(values, unit=""):
    if not values:
        return "-"
    if len(values) == 1:
        return f"{values[0]:.2f}{unit}"
    return f"{statistics.median(values):.2f}{unit} ({min(values):.2f}–{max(values):.2f})"


def verdict(passed):
    """One verdict over rounds: a target is met only if it is met in every round."""
    return "met" if all(passed) else "NOT met" if not any(passed) else f"met in {sum(passed)} of {len(passed)} rounds"


def targets(results, metric_name="req/s"):
    """The targets of docs/benchmarks.md, judged round by round (each ratio from one run) on the metric."""
    metric = METRICS[metric_name]
    lines = []
    rounds = per_round(results)

    def each_round(check):
        values = []
        for _, rr in sorted(rounds.items()):
            try:
                values.append(check(rr))
            except KeyError:
                pass  # a server missing from this round
        return values

    def best(rr, case):
        """The best of the Narwhal types this round ran (KeyError when it ran none)."""
        return max((s for s in NARWHAL if (s, case) in rr), key=lambda s: metric(rr[(s, case)]))

    for case in ("keep-alive c16", "keep-alive c256"):
        for peer in ("jetty", "jetty-nonblocking", "netty"):
            v = each_round(lambda rr: (best(rr, case), metric(rr[(best(rr, case), case)]) / metric(rr[(peer, case)])))
            if v:
                kinds = ", ".join(sorted({b.removeprefix("narwhal-") for b, _ in v}))
                ratios = [x for _, x in v]
                lines.append(f"{case}: best Narwhal type ({kinds}) / {peer}, {metric_name} = {span(ratios, 'x')}; "
                             f"target >= 1.00x: {verdict([x >= 1 for x in ratios])}")
        v = each_round(lambda rr: (rr[(best(rr, case), case)]["p99_ms"], rr[("jetty", case)]["p99_ms"]))
        if v and metric_name == "req/s":
            lines.append(f"{case}: best Narwhal type p99 vs Jetty p99 = "
                         + ", ".join(f"{fmt_ms(a)} vs {fmt_ms(b)}" for a, b in v)
                         + f"; target no worse: {verdict([a <= b for a, b in v])}")
        for ours, theirs in (("virtual", "gevent"), ("gthread", "gthread")):
            v = each_round(lambda rr: metric(rr[(f"narwhal-{ours}", case)]) / metric(rr[(f"gunicorn-{theirs}", case)]))
            if v:
                lines.append(f"{case}: {ours} / Gunicorn {theirs}, {metric_name} = {span(v, 'x')}; "
                             f"target >= 3.00x: {verdict([x >= 3 for x in v])}")
    return "\n".join(lines)


COLOURS = {"narwhal-sync": "#1f6fb4", "narwhal-virtual": "#0b3d6e", "narwhal-gthread": "#5b8fc7", "narwhal-gthread-accesslog": "#8fb3dc", "narwhal-gthread-metrics": "#a9c4e4", "narwhal-gthread-baseline": "#7f7f7f", "jetty": "#e08a1e", "jetty-nonblocking": "#f2c27d",
           "netty": "#3a9a45", "gunicorn-sync": "#b53a3a", "gunicorn-gthread": "#d9797a", "gunicorn-gevent": "#f0b3b3",
           "nginx": "#777777"}


def svg_chart(results, servers, cases, title, metric=METRICS["req/s"], axis="requests/s"):
    """Grouped bars, one group per case, one bar per server: the metric's median, a line from least to most."""
    m = medians(results, metric)
    servers = [s for s in servers if any((s, c) in m for c in cases)]
    top = max([r["high"] for r in m.values()] + [1])
    step = next(s for s in (1000, 2000, 5000, 10000, 20000, 25000, 50000, 100000, 200000) if top / s <= 8)
    axis_top = step * -(-top // step)
    bar, gap, left, bottom, plot_h = 14, 28, 70, 60, 300
    group_w = bar * len(servers) + gap
    width = left + group_w * len(cases) + 180
    height = plot_h + bottom + 50
    y = lambda v: 40 + plot_h * (1 - v / axis_top)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="14" font-weight="bold">{title}</text>']
    for i in range(int(axis_top // step) + 1):  # the value axis and its grid
        v = i * step
        out.append(f'<line x1="{left}" x2="{left + group_w * len(cases)}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                   f'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v / 1000:.0f}k</text>')
    out.append(f'<text x="16" y="{40 + plot_h / 2}" transform="rotate(-90 16 {40 + plot_h / 2})" '
               f'text-anchor="middle">{axis}</text>')
    for g, case in enumerate(cases):
        x0 = left + gap / 2 + g * group_w
        for i, name in enumerate(servers):
            r = m.get((name, case))
            if not r:
                continue
            x = x0 + i * bar
            out.append(f'<rect x="{x:.1f}" y="{y(r["value"]):.1f}" width="{bar - 2}" '
                       f'height="{y(0) - y(r["value"]):.1f}" fill="{COLOURS.get(name, "#999")}">'
                       f'<title>{name}, {case}: {r["value"]:,.0f} {axis}</title></rect>')
            if r["runs"] > 1:
                cx = x + (bar - 2) / 2
                out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(r["low"]):.1f}" y2="{y(r["high"]):.1f}" '
                           f'stroke="black"/>')
        out.append(f'<text x="{x0 + bar * len(servers) / 2:.1f}" y="{y(0) + 18:.1f}" text-anchor="middle">{case}</text>')
    out.append(f'<line x1="{left}" x2="{left + group_w * len(cases)}" y1="{y(0)}" y2="{y(0)}" stroke="black"/>')
    lx = left + group_w * len(cases) + 16
    for i, name in enumerate(servers):  # legend
        out.append(f'<rect x="{lx}" y="{44 + i * 20}" width="12" height="12" fill="{COLOURS.get(name, "#999")}"/>')
        out.append(f'<text x="{lx + 18}" y="{54 + i * 20}">{name}</text>')
    runs = max(r["runs"] for r in m.values())
    out.append(f'<text x="{left}" y="{height - 12}" fill="#555">Bars: median of {runs} run(s)'
               f'{"; lines: fewest to most" if runs > 1 else ""}. Server on core 0, wrk -t1 on core 1 '
               f'(bench/keepalive-vs-peers.py).</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def versions():
    def run(*cmd):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
            return (p.stdout + p.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return None
    pom = open(os.path.join(ROOT, "bench/peers/pom.xml")).read()
    return {"java": run(JAVA, "-version"), "wrk": run("wrk", "-v"), "gunicorn": run("/usr/bin/gunicorn", "--version"),
            "gevent": run("/usr/bin/python3", "-c", "import gevent; print(gevent.__version__)"),
            "nginx": run("/usr/sbin/nginx", "-v"), "kernel": os.uname().release,
            "jetty": re.search(r"<jetty.version>(.*?)<", pom).group(1),
            "netty": re.search(r"<netty.version>(.*?)<", pom).group(1)}


def report(data, svg_path):
    results, servers, cases = data["results"], data["servers"], data["cases"]
    print()
    print(table(results, servers, cases))
    print()
    for name, metric in METRICS.items():
        print(f"Narwhal's types over each peer, {name} (each ratio from one round; median and range):")
        print(ratio_table(results, servers, cases, metric))
        print()
    print("Targets:")
    print(targets(results))
    print()
    print("The same per core (requests per second of server CPU), as DESIGN.md words them:")
    print(targets(results, "requests per server CPU-second"))
    if svg_path:
        # Two charts: requests/s as measured, and requests per second of server CPU, which other load on the
        # shared machine disturbs less (it takes the server's core away, but not its work per request).
        per_core_path = svg_path.removesuffix(".svg") + "-per-core.svg"
        with open(svg_path, "w") as f:
            f.write(svg_chart(results, servers, cases, "Hello, World! on one core: requests/s"))
        with open(per_core_path, "w") as f:
            f.write(svg_chart(results, servers, cases, "Hello, World!: requests per second of server CPU",
                              per_core, "requests per server CPU-second"))
        print(f"\ncharts: {svg_path}, {per_core_path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=1, help="complete passes over every server (default 1)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each measured wrk run (default 10)")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of wrk before each measured run (default 5)")
    parser.add_argument("--servers", default=",".join(SERVERS), help="comma-separated, of: " + ", ".join(SERVERS))
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated, of: " + ", ".join(CASES))
    parser.add_argument("--json", help="where to write the results (default bench/results/keepalive-DATE.json)")
    parser.add_argument("--svg", help="where to write the chart (default beside the JSON)")
    parser.add_argument("--quiet", type=float, default=25, metavar="PCT",
                        help="before each case, wait until the idle machine is busier than this %% of one core no "
                             "more (other engineers' builds), at most --quiet-wait s; 0: don't wait (default 25)")
    parser.add_argument("--quiet-wait", type=float, default=120, metavar="S", help="default 120")
    parser.add_argument("--from-json", help="only report (table, ratios, chart) on results written before")
    parser.add_argument("--baseline-dist", metavar="DIR", action="append", default=[],
                        help="another built dist (an earlier commit's, say) to measure as server "
                             "narwhal-gthread-baseline; given again, as narwhal-gthread-baseline-2 and so on")
    args = parser.parse_args()
    for number, dist in enumerate(args.baseline_dist, start=1):
        SERVERS["narwhal-gthread-baseline" + ("" if number == 1 else f"-{number}")] = (
            [os.path.join(dist, "lib/narwhal-runtime.jar")],
            narwhal("gthread", "--threads", str(GTHREAD_THREADS), dist=dist),
            f"{dist}: -k gthread -w 1 --threads {GTHREAD_THREADS}")

    if args.from_json:
        with open(args.from_json) as f:
            data = json.load(f)
        report(data, args.svg)
        return

    servers, cases = args.servers.split(","), args.cases.split(",")
    for name in servers + cases:
        if name not in SERVERS and name not in CASES:
            raise SystemExit(f"unknown server or case: {name}")
    for tool in ("wrk", "taskset"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install -y wrk util-linux")
    if len(os.sched_getaffinity(0)) < 2:
        raise SystemExit("needs two cores: one for the server, one for wrk")
    runnable = []
    for name in servers:
        missing = [p for p in SERVERS[name][0] if not os.path.exists(p)]
        if missing:
            print(f"skipping {name}: {', '.join(missing)} not there (see the build commands in this script's help)")
        else:
            runnable.append(name)

    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    json_path = args.json or os.path.join(ROOT, "bench", "results", f"keepalive-{stamp}.json")
    svg_path = args.svg or json_path.removesuffix(".json") + ".svg"
    os.makedirs(os.path.dirname(json_path), exist_ok=True)
    data = {"date": stamp, "host": {"cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg()},
            "versions": versions(), "settings": {"duration_s": args.duration, "warmup_s": args.warmup,
                                                 "rounds": args.rounds, "server_core": SERVER_CORE,
                                                 "wrk_core": WRK_CORE, "gthread_threads": GTHREAD_THREADS,
                                                 "quiet_pct": args.quiet, "quiet_wait_s": args.quiet_wait},
            "servers": runnable, "cases": cases, "notes": {n: SERVERS[n][2] for n in runnable}, "results": []}
    for number in range(args.rounds):
        # Each round starts at another server, so a slow drift of the machine's load does not always hit the same one.
        order = runnable[number % len(runnable):] + runnable[:number % len(runnable)]
        for name in order:
            server = Server(name)
            try:
                for case in cases:
                    r = measure(server, case, args.duration, args.warmup,
                                (args.quiet, args.quiet_wait) if args.quiet else None)
                    r["round"] = number + 1
                    data["results"].append(r)
                    print(f"round {number + 1} {name:18} {case:16} {r['rps']:>10,.0f} req/s  p50 {fmt_ms(r['p50_ms']):>9}"
                          f"  p99 {fmt_ms(r['p99_ms']):>9}  errors {sum(r['errors'].values()):>6}  server CPU "
                          f"{r['server_cpu_pct']:>3.0f}%  wrk CPU {r['wrk_cpu_pct']:>3.0f}%  other "
                          f"{r['other_on_server_core_pct']:.0f}%/{r['other_on_wrk_core_pct']:.0f}%  PSS "
                          f"{fmt_pss(r['pss_kb'])} MB", flush=True)
            finally:
                server.stop()
            with open(json_path, "w") as f:  # after every server, so an interrupted run keeps what it measured
                json.dump(data, f, indent=1)
    print(f"\nresults: {json_path}")
    report(data, svg_path)


if __name__ == "__main__":
    main()
