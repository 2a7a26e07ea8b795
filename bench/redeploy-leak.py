#!/usr/bin/env python3
"""A worker's class space across many redeploys: after every STEP redeploys of the swap test app, a full GC
(jcmd GC.run), then the live bundle class loaders and classes (VM.classloader_stats) and metaspace in use
(PerfCounter.print). NARWHAL_WORKER_JAVA_OPTS is passed through (e.g. -Xint, to tell JIT data from classes).

Usage: bench/redeploy-leak.py [REDEPLOYS] [STEP]   (needs mvn -DskipTests package first)
"""
import glob, os, re, socket, subprocess, sys, tempfile, time, zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
redeploys = int(sys.argv[1]) if len(sys.argv) > 1 else 100
step = int(sys.argv[2]) if len(sys.argv) > 2 else 10
java_home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
jcmd = os.path.join(java_home, "bin", "jcmd")
built = glob.glob(os.path.join(root, "testapps/swap/target/narwhal-testapp-swap-*.jar"))[0]


def revision(path, version):
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename != "swap.properties":
                target.writestr(item, source.read(item.filename))
        target.writestr("swap.properties", f"version={version}\nmode=ok\ncontext=/swap\n")


def count(log, pattern):
    with open(log) as f:
        return sum(1 for line in f if re.search(pattern, line))


def wait_for(log, pattern, n, timeout=30):
    deadline = time.time() + timeout
    while count(log, pattern) < n:
        if time.time() > deadline:
            raise SystemExit(f"timed out waiting for {n} x {pattern}")
        time.sleep(0.02)


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
    revision(os.path.join(deploy, "swap.jar"), "1.0.0")
    sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]; sock.close()
    log = os.path.join(scratch, "narwhal.log")
    with open(log, "w") as out:
        master = subprocess.Popen([os.path.join(root, "dist/bin/narwhal"), "-b", f"127.0.0.1:{port}", "-w", "1"],
                                  stdout=out, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, JAVA_HOME=java_home, NARWHAL_DEPLOY=deploy))
    try:
        wait_for(log, r"ready in", 1)
        worker = int(re.search(r"Booting worker with pid: (\d+)", open(log).read()).group(1))
        print(f"worker {worker}, options '{os.environ.get('NARWHAL_WORKER_JAVA_OPTS', '')}'")
        print("redeploys  bundle-loaders  classes  metaspace-KB")
        for n in range(1, redeploys + 1):
            staged = os.path.join(scratch, "next.jar")
            revision(staged, f"1.0.{n}")
            os.replace(staged, os.path.join(deploy, "swap.jar"))
            wait_for(log, r"app swap\.jar revision \w+ serving in", n)
            subprocess.run(["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{port}/swap/slow?ms=0"], check=True)
            if n % step == 0:
                print("%9d  %14d  %7d  %12d" % ((n,) + class_space(worker)), flush=True)
        print(f"class loaders reported collected: {count(log, 'class loader collected')} of {redeploys}")
    finally:
        master.terminate()
        master.wait(60)
