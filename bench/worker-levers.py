#!/usr/bin/env python3
"""Worker JVM levers (and spare_workers) against the defaults, interleaved (A B A B ...) because the machine is noisy: for each
variant of NARWHAL_WORKER_JAVA_OPTS, one worker's boot (the master's "ready in X ms"), PSS/RSS/threads idle,
requests/s and PSS/RSS after wrk's load, and how long after a kill -9 of the serving worker a request is answered
(sent at once, it waits in the backlog: a replacement booted, or a promoted spare with --spares 1).
Server pinned to core 0, wrk to core 1. Needs wrk and the built dist.

Usage: bench/worker-levers.py [--rounds N] [--seconds S] [--warmup S] [--settle S] [--kills K] [--workers N] [--spares N] [--flags "-k virtual"] [--keepalive]
                              NAME=OPTS ...   (NAME=  with nothing after = is the defaults)"""
import argparse, os, re, statistics, subprocess, tempfile, time
from narwhal_bench import narwhal, matching, wait_for

READY = r"Worker (\d+) ready in (\d+) ms"
SPARE_READY = r"Spare worker (\d+) ready in (\d+) ms"
PROMOTED = r"Worker (\d+) promoted from spare"


def memory(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        fields = dict(re.findall(r"^(\w+):\s+(\d+) kB", f.read(), re.M))
    return int(fields["Pss"]) / 1024, int(fields["Rss"]) / 1024, len(os.listdir(f"/proc/{pid}/task"))


def serving_pids(log):
    """Workers alive that accept, by the master's log: booted to serve, or promoted from spare."""
    return [int(m.group(1)) for line in matching(log, f"{READY}|{PROMOTED}")
            for m in [re.search(READY, line) or re.search(PROMOTED, line)] if os.path.exists(f"/proc/{m.group(1)}")]


def get(port):
    return subprocess.run(["curl", "-sf", "-m", "10", "-o", "/dev/null", f"http://127.0.0.1:{port}/"]).returncode == 0


def one_run(opts, args):
    os.environ["NARWHAL_WORKER_JAVA_OPTS"] = opts
    log = tempfile.mktemp(suffix=".log")
    spares = ["--spare-workers", str(args.spares)] if args.spares else []
    with narwhal(log, args.workers, flags=[*args.flags.split(), *spares], pin="0") as port:
        boot = int(re.search(READY, wait_for(log, READY, args.workers)[0]).group(2))
        wait_for(log, SPARE_READY, args.spares)
        assert get(port)
        time.sleep(1)
        worker = serving_pids(log)[0]
        idle = memory(worker)
        wrk = ["taskset", "-c", "1", "wrk", "-t1", "-c8", f"-d{args.seconds}s", f"http://127.0.0.1:{port}/"]
        if not args.keepalive:
            wrk[-1:-1] = ["-H", "Connection: close"]
        if args.warmup:
            subprocess.run([*wrk[:6], f"-d{args.warmup}s", *wrk[7:]], capture_output=True, check=True)
        out = subprocess.run(wrk, capture_output=True, text=True, check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        time.sleep(args.settle)
        loaded = memory(worker)
        replaced = []
        # The pool is whole again once a new worker is booted: a new spare in place of the promoted one, or the
        # replacement itself.
        whole = SPARE_READY if args.spares else READY
        for _ in range(args.kills):
            before = len(matching(log, whole))
            victim = serving_pids(log)[0]
            start = time.monotonic()
            os.kill(victim, 9)
            # A request sent now waits in the listen backlog until a worker accepts it: the replacement, serving.
            while not get(port):
                pass
            replaced.append(int((time.monotonic() - start) * 1000))
            wait_for(log, whole, before + 1)
            time.sleep(0.5)
    os.remove(log)
    return dict(boot=boot, pss=idle[0], rss=idle[1], threads=idle[2], rps=rps, pss_load=loaded[0],
                rss_load=loaded[1], replace=replaced)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--spares", type=int, default=0)
    parser.add_argument("--warmup", type=int, default=0, help="seconds of the same load before the measured one")
    parser.add_argument("--settle", type=float, default=0, help="seconds after the load before memory is read")
    parser.add_argument("--workers", type=int, default=1, help="memory is the first worker's; workers share the AOT cache")
    parser.add_argument("--flags", default="")
    parser.add_argument("--keepalive", action="store_true", help="wrk keeps connections (else Connection: close)")
    parser.add_argument("variants", nargs="+")
    args = parser.parse_args()
    variants = [v.split("=", 1) for v in args.variants]
    results = {name: [] for name, _ in variants}
    for rnd in range(args.rounds):
        for name, opts in variants:
            r = one_run(opts, args)
            results[name].append(r)
            print(f"round {rnd + 1} {name}: {r}", flush=True)
    print("\n| variant | boot ms | PSS idle MB | RSS idle MB | threads | req/s | PSS after load | RSS after load | replaced ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    span = lambda xs, f="{:.0f}": "" if not xs else f.format(xs[0]) if min(xs) == max(xs) else f"{f.format(min(xs))}–{f.format(max(xs))}"
    for name, opts in variants:
        rs = results[name]
        get = lambda k: [r[k] for r in rs]
        print(f"| {name} `{opts}` | {span(get('boot'))} (med {statistics.median(get('boot')):.0f}) | {span(get('pss'), '{:.1f}')} "
              f"| {span(get('rss'))} | {span(get('threads'))} | {span(get('rps'))} | {span(get('pss_load'))} "
              f"| {span(get('rss_load'))} | {span(sum(get('replace'), []))} |")


if __name__ == "__main__":
    main()
