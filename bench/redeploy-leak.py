#!/usr/bin/env python3
"""A worker's class space across many redeploys: after every STEP redeploys of the swap test app, a full GC
(jcmd GC.run), then the live bundle class loaders and classes (VM.classloader_stats) and metaspace in use
(PerfCounter.print). NARWHAL_WORKER_JAVA_OPTS is passed through (e.g. -Xint, to tell JIT data from classes).

Usage: bench/redeploy-leak.py [REDEPLOYS] [STEP]   (needs mvn -DskipTests package first)
"""
import os, re, subprocess, sys, tempfile

from narwhal_bench import JAVA_HOME, deploy_swap, matching, narwhal, swap_revision, wait_for

redeploys = int(sys.argv[1]) if len(sys.argv) > 1 else 100
step = int(sys.argv[2]) if len(sys.argv) > 2 else 10
jcmd = os.path.join(JAVA_HOME, "bin", "jcmd")


def class_space(pid):
    subprocess.run([jcmd, str(pid), "GC.run"], check=True, capture_output=True)
    stats = subprocess.run([jcmd, str(pid), "VM.classloader_stats"], check=True, capture_output=True, text=True).stdout
    counters = subprocess.run([jcmd, str(pid), "PerfCounter.print"], check=True, capture_output=True, text=True).stdout
    loaders = stats.count("BundleWiringImpl$BundleClassLoader")
    classes = int(re.search(r"Total = \d+\s+(\d+)", stats).group(1))
    metaspace = int(re.search(r"sun\.gc\.metaspace\.used=(\d+)", counters).group(1))
    return loaders, classes, metaspace // 1024


with tempfile.TemporaryDirectory() as scratch:
    deploy = os.path.join(scratch, "deploy")
    os.mkdir(deploy)
    swap_revision(os.path.join(deploy, "swap.jar"), "1.0.0")
    log = os.path.join(scratch, "narwhal.log")
    with narwhal(log, 1, deploy) as port:
        worker = int(re.search(r"Booting worker with pid: (\d+)", matching(log, "Booting worker")[0]).group(1))
        print(f"worker {worker}, options '{os.environ.get('NARWHAL_WORKER_JAVA_OPTS', '')}'")
        print("redeploys  bundle-loaders  classes  metaspace-KB")
        for n in range(1, redeploys + 1):
            deploy_swap(deploy, f"1.0.{n}")
            wait_for(log, r"app swap\.jar revision \w+ serving in", n)
            subprocess.run(["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{port}/swap/slow?ms=0"], check=True)
            if n % step == 0:
                print("%9d  %14d  %7d  %12d" % ((n,) + class_space(worker)), flush=True)
        print(f"class loaders reported collected: {len(matching(log, 'class loader collected'))} of {redeploys}")
