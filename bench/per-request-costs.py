#!/usr/bin/env python3
"""What one keep-alive "Hello, World!" request costs a Narwhal worker: system calls and allocated bytes.

One worker (-w 1, -k virtual unless told otherwise), pinned to core 0 as in bench/keepalive-vs-peers.py, and wrk
pinned to core 1 (-t1, keep-alive). After a warm-up:
  1. System calls: `strace -c -f` attached to every thread of the worker, first for SECONDS with no load (the
     worker's own timers, heartbeats and polls), then for SECONDS of `wrk -cCONNECTIONS`; per request is the
     loaded count less the idle count, over the requests wrk counted. strace slows the worker many times over,
     so its requests/s mean nothing here; the calls per request do.
  2. Allocated bytes: a JFR recording (jcmd JFR.start, settings=profile) around 10 s of the same wrk load.
     jdk.ThreadAllocationStatistics gives each thread's exact allocated-bytes counter at the recording's start
     and end (a virtual thread's allocations count on its carrier thread, whose TLABs they use); the sum of
     the differences over the requests wrk counted is the figure. The sum of jdk.ObjectAllocationSample
     weights (JFR's sampled estimate) is printed beside it as a check. The same recording samples CPU time
     (jdk.CPUTimeSample, JDK 25, Linux) for the hot methods (jfr view cpu-time-hot-methods), and gives the
     allocations by class.
  3. Where the worker's CPU goes, by thread: utime+stime of each thread (/proc/PID/task) over the same 10 s.
Needs strace, wrk and the built dist (mvn -B -q -o -DskipTests package).

Usage: bench/per-request-costs.py [WORKER_CLASS] [CONNECTIONS] [SECONDS]   e.g. bench/per-request-costs.py virtual 16 5
"""
import json, os, re, signal, subprocess, sys, tempfile, time

from narwhal_bench import JAVA_HOME, matching, narwhal

worker_class = sys.argv[1] if len(sys.argv) > 1 else "virtual"
connections = int(sys.argv[2]) if len(sys.argv) > 2 else 16
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
jcmd, jfr = os.path.join(JAVA_HOME, "bin", "jcmd"), os.path.join(JAVA_HOME, "bin", "jfr")


def wrk(port, duration):
    out = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{duration}s",
                          f"http://127.0.0.1:{port}/"], capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Socket errors: .*|Non-2xx.*", out)
    if errors:
        print("  wrk:", errors.group(0))
    return requests


def strace_counts(worker, during):
    """{syscall: calls} over every thread of the worker while during() runs."""
    with tempfile.NamedTemporaryFile(suffix=".strace") as out:
        tids = os.listdir(f"/proc/{worker}/task")
        tracer = subprocess.Popen(["strace", "-c", "-f", "-qq", "-o", out.name,
                                   *[arg for tid in tids for arg in ("-p", tid)]], stderr=subprocess.DEVNULL)
        time.sleep(1)  # strace attaches to each thread
        result = during()
        tracer.send_signal(signal.SIGINT)
        tracer.wait(30)
        counts = {}
        for line in open(out.name):
            # % time     seconds  usecs/call     calls    errors syscall
            m = re.match(r"\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:(\d+)\s+)?(\w+)\s*$", line)
            if m and m.group(3) != "total":
                counts[m.group(3)] = int(m.group(1))
        return counts, result


def thread_cpu(pid):
    """{thread name: CPU seconds} (the kernel's 15-character names, which the JVM sets from the Java names)."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            fields = open(f"/proc/{pid}/task/{tid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[name] = out.get(name, 0) + (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def jfr_events(recording, events):
    out = subprocess.run([jfr, "print", "--json", "--events", events, recording], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out)["recording"]["events"]


with tempfile.TemporaryDirectory() as scratch:
    log = os.path.join(scratch, "narwhal.log")
    with narwhal(log, 1, flags=("-k", worker_class), pin="0") as port:
        worker = int(re.search(r"Booting worker with pid: (\d+)", matching(log, "Booting worker")[0]).group(1))
        print(f"narwhal -k {worker_class} -w 1, worker pid {worker}, wrk -t1 -c{connections}")
        wrk(port, 10)  # warm-up: the JIT has compiled the request path before anything is counted

        # 1. System calls
        idle, _ = strace_counts(worker, lambda: time.sleep(seconds))
        loaded, requests = strace_counts(worker, lambda: wrk(port, seconds))
        print(f"\nsystem calls: {requests} requests in {seconds} s under strace; idle worker over {seconds} s: "
              f"{sum(idle.values())} calls")
        per_request = {name: (loaded.get(name, 0) - idle.get(name, 0)) / requests for name in loaded}
        for name, n in sorted(per_request.items(), key=lambda kv: -kv[1]):
            if n >= 0.005:
                print(f"  {name:20} {n:6.2f} per request")
        print(f"  {'total':20} {sum(per_request.values()):6.2f} per request")

        # 2. Allocated bytes, and a profile from the same recording
        recording = os.path.join(scratch, "load.jfr")
        subprocess.run([jcmd, str(worker), "JFR.start", "name=costs", "settings=profile",
                        "jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=2ms", f"filename={recording}"],
                       check=True, capture_output=True)
        time.sleep(1)
        cpu_before, t0 = thread_cpu(worker), time.monotonic()
        requests = wrk(port, 10)
        cpu_after, wall = thread_cpu(worker), time.monotonic() - t0
        subprocess.run([jcmd, str(worker), "JFR.stop", "name=costs"], check=True, capture_output=True)
        first, last = {}, {}
        for event in jfr_events(recording, "jdk.ThreadAllocationStatistics"):
            thread = event["values"]["thread"]
            key = (thread.get("osThreadId"), thread.get("javaName"))
            first.setdefault(key, event["values"]["allocated"])
            last[key] = event["values"]["allocated"]
        by_thread = {key: last[key] - first.get(key, 0) for key in last}
        total = sum(by_thread.values())
        jfr_own = sum(v for (tid, name), v in by_thread.items() if name and name.startswith("JFR"))
        sampled = sum(e["values"]["weight"] for e in jfr_events(recording, "jdk.ObjectAllocationSample"))
        print(f"\nallocation: {requests} requests in 10 s (no strace)")
        print(f"  all threads (ThreadAllocationStatistics): {total / requests:8.0f} bytes per request")
        print(f"  of which JFR's own threads:               {jfr_own / requests:8.0f} bytes per request")
        print(f"  without JFR's threads:                     {(total - jfr_own) / requests:8.0f} bytes per request")
        print(f"  ObjectAllocationSample weights (sampled):  {sampled / requests:8.0f} bytes per request")
        for (tid, name), v in sorted(by_thread.items(), key=lambda kv: -kv[1])[:6]:
            print(f"    {name or tid}: {v / requests:.0f} bytes per request")
        print(f"\nCPU by thread over the 10 s ({requests / wall:,.0f} req/s; % of one core, µs per request):")
        spent = {name: cpu_after[name] - cpu_before.get(name, 0) for name in cpu_after}
        for name, v in sorted(spent.items(), key=lambda kv: -kv[1]):
            if v >= 0.005:
                print(f"  {name:18} {100 * v / wall:5.1f}%  {1e6 * v / requests:6.1f} µs")
        print(f"  {'all':18} {100 * sum(spent.values()) / wall:5.1f}%  {1e6 * sum(spent.values()) / requests:6.1f} µs")
        for view in ("cpu-time-hot-methods", "allocation-by-class"):
            print()
            print(subprocess.run([jfr, "view", "--width", "160", view, recording], capture_output=True, text=True).stdout)
