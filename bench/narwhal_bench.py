"""What the bench scripts share: the built dist started on a free port (its log in a file), revisions of the
swap test app (testapps/swap) written into a deploy folder, and waiting on the server's log lines."""
import contextlib, glob, os, re, socket, subprocess, time, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA_HOME = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")


def swap_revision(path, version):
    """The built swap app with its own swap.properties: a new revision (its own checksum) per version."""
    built = glob.glob(os.path.join(ROOT, "testapps/swap/target/narwhal-testapp-swap-*.jar"))
    if not built:
        raise SystemExit("the swap test app is not built: mvn -DskipTests package")
    with zipfile.ZipFile(built[0]) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename != "swap.properties":
                target.writestr(item, source.read(item.filename))
        target.writestr("swap.properties", f"version={version}\nmode=ok\ncontext=/swap\n")


def deploy_swap(deploy, version):
    """Lands a revision in the deploy folder at once, as a finished copy does."""
    staged = os.path.join(os.path.dirname(deploy), "next-swap.jar")
    swap_revision(staged, version)
    os.replace(staged, os.path.join(deploy, "swap.jar"))


def matching(log, pattern):
    with open(log) as f:
        return [line for line in f if re.search(pattern, line)]


def wait_for(log, pattern, count, timeout=30):
    """The log's lines matching the pattern, once there are at least count of them."""
    deadline = time.time() + timeout
    while True:
        hits = matching(log, pattern)
        if len(hits) >= count:
            return hits
        if time.time() > deadline:
            raise SystemExit(f"timed out waiting for {count} x {pattern}")
        time.sleep(0.02)


@contextlib.contextmanager
def narwhal(log, workers, deploy=None, flags=(), pin=None):
    """dist/bin/narwhal on a free port with these workers, logging to log; yields the port, stops it after.
    pin: a CPU list for taskset (e.g. "0"), which the workers the master spawns inherit."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    env = dict(os.environ, JAVA_HOME=JAVA_HOME)
    if deploy is not None:
        env["NARWHAL_DEPLOY"] = deploy
    with open(log, "w") as out:
        pinning = ["taskset", "-c", pin] if pin is not None else []
        master = subprocess.Popen([*pinning, os.path.join(ROOT, "dist/bin/narwhal"), "-b", f"127.0.0.1:{port}", "-w",
                                   str(workers), *flags], stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        wait_for(log, r"ready in", workers)
        yield port
    finally:
        master.terminate()
        master.wait(60)
