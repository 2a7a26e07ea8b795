#!/usr/bin/env python3
"""Redeploy latency on the built dist: the time from a new jar landing in the deploy folder to the master
taking it (settled), and from there to every worker serving it, read from the server's own log timestamps.

Usage: bench/redeploy-latency.py [WORKERS] [REDEPLOYS]   (needs mvn -DskipTests package first: it deploys
revisions of the swap test app, testapps/swap, each with its own swap.properties)
"""
import datetime, glob, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
redeploys = int(sys.argv[2]) if len(sys.argv) > 2 else 10
java_home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
built = glob.glob(os.path.join(root, "testapps/swap/target/narwhal-testapp-swap-*.jar"))[0]
STAMP = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3})")


def revision(path, version):
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename != "swap.properties":
                target.writestr(item, source.read(item.filename))
        target.writestr("swap.properties", f"version={version}\nmode=ok\ncontext=/swap\n")


def stamp(line):
    return datetime.datetime.strptime(STAMP.match(line).group(1), "%Y-%m-%d %H:%M:%S.%f").timestamp()


def wait_for(log, pattern, count, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with open(log) as f:
            hits = [line for line in f if re.search(pattern, line)]
        if len(hits) >= count:
            return hits
        time.sleep(0.02)
    raise SystemExit(f"timed out waiting for {count} x {pattern}")


with tempfile.TemporaryDirectory() as scratch:
    deploy = os.path.join(scratch, "deploy")
    os.mkdir(deploy)
    revision(os.path.join(deploy, "swap.jar"), "1.0.0")
    sock = socket.socket(); sock.bind(("127.0.0.1", 0)); port = sock.getsockname()[1]; sock.close()
    log = os.path.join(scratch, "narwhal.log")
    env = dict(os.environ, JAVA_HOME=java_home, NARWHAL_DEPLOY=deploy)
    with open(log, "w") as out:
        master = subprocess.Popen([os.path.join(root, "dist/bin/narwhal"), "-b", f"127.0.0.1:{port}", "-w", str(workers)],
                                  stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        wait_for(log, r"ready in", workers)
        settle, rollout = [], []
        for n in range(1, redeploys + 1):
            staged = os.path.join(scratch, "next.jar")
            revision(staged, f"1.0.{n}")
            landed = time.time()
            os.replace(staged, os.path.join(deploy, "swap.jar"))
            taken = wait_for(log, r"deploy/swap\.jar: new revision", n)[-1]
            sha = re.search(r"sha (\w+)", taken).group(1)
            served = wait_for(log, rf"app swap\.jar revision {sha} serving in", workers)
            settle.append((stamp(taken) - landed) * 1000)
            rollout.append((max(stamp(line) for line in served) - stamp(taken)) * 1000)
        print(f"workers={workers} redeploys={redeploys}: landed->settled median {statistics.median(settle):.0f} ms "
              f"(max {max(settle):.0f}); settled->every worker serving median {statistics.median(rollout):.0f} ms "
              f"(max {max(rollout):.0f}); same workers: {len(re.findall('Booting worker', open(log).read())) == workers}")
    finally:
        master.terminate()
        master.wait(60)
