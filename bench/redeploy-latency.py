#!/usr/bin/env python3
"""Redeploy latency on the built dist: the time from a new jar landing in the deploy folder to the master
taking it (settled), and from there to every worker serving it, read from the server's own log timestamps.

Usage: bench/redeploy-latency.py [WORKERS] [REDEPLOYS]   (needs mvn -DskipTests package first: it deploys
revisions of the swap test app, testapps/swap, each with its own swap.properties)
"""
import datetime, os, re, statistics, sys, tempfile, time

from narwhal_bench import deploy_swap, matching, narwhal, swap_revision, wait_for

workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
redeploys = int(sys.argv[2]) if len(sys.argv) > 2 else 10
STAMP = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})")


def stamp(line):
    return datetime.datetime.strptime(STAMP.match(line).group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp()


with tempfile.TemporaryDirectory() as scratch:
    deploy = os.path.join(scratch, "deploy")
    os.mkdir(deploy)
    swap_revision(os.path.join(deploy, "swap.jar"), "1.0.0")
    log = os.path.join(scratch, "narwhal.log")
    with narwhal(log, workers, deploy):
        settle, rollout = [], []
        for n in range(1, redeploys + 1):
            landed = time.time()
            deploy_swap(deploy, f"1.0.{n}")
            taken = wait_for(log, r"deploy/swap\.jar: new revision", n)[-1]
            sha = re.search(r"sha (\w+)", taken).group(1)
            served = wait_for(log, rf"app swap\.jar revision {sha} serving in", workers)
            settle.append((stamp(taken) - landed) * 1000)
            rollout.append((max(stamp(line) for line in served) - stamp(taken)) * 1000)
        same_workers = len(matching(log, "Booting worker")) == workers
        print(f"workers={workers} redeploys={redeploys}: landed->settled median {statistics.median(settle):.0f} ms "
              f"(max {max(settle):.0f}); settled->every worker serving median {statistics.median(rollout):.0f} ms "
              f"(max {max(rollout):.0f}); same workers: {same_workers}")
