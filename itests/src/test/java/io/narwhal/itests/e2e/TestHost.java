package io.narwhal.itests.e2e;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Narwhal host of the multi-host test: a master and its workers in a network namespace of their own, serving on the
 * namespace's address at port {@value #PORT}, the admin listener (metrics_bind) at {@value #ADMIN_PORT}, with a deploy
 * folder of their own; the built dist is shared (the runtime directory is each master's own). It can be stopped,
 * killed, and started again in the same namespace.
 */
final class TestHost implements AutoCloseable {
    static final int PORT = 8000;
    static final int ADMIN_PORT = 9100;

    final NetworkNamespaces.Namespace namespace;
    final Path deploy;
    private final List<String> flags;
    /** Every master started here, the last one the host's now. */
    private final List<NarwhalProcess> started = new ArrayList<>();
    private NarwhalProcess narwhal;

    private TestHost(NetworkNamespaces.Namespace namespace, Path deploy, List<String> flags) {
        this.namespace = namespace;
        this.deploy = deploy;
        this.flags = flags;
    }

    /** A host in this namespace, its deploy folder made under {@code folder}; not started yet. */
    static TestHost in(NetworkNamespaces.Namespace namespace, Path folder, String... flags) throws IOException {
        return new TestHost(namespace, Files.createDirectories(folder.resolve(namespace.name() + "-deploy")),
                List.of(flags));
    }

    /** Starts its master (again, after a stop), without waiting for the workers. */
    TestHost start() throws IOException {
        String address = namespace.address().getHostAddress();
        List<String> all = new ArrayList<>(List.of("-b", address + ":" + PORT, "--metrics-bind",
                address + ":" + ADMIN_PORT));
        all.addAll(flags);
        narwhal = NarwhalProcess.startInNamespace(namespace, Map.of("NARWHAL_DEPLOY", deploy.toString()),
                all.toArray(String[]::new));
        started.add(narwhal);
        return this;
    }

    NarwhalProcess narwhal() {
        return narwhal;
    }

    /** The address nginx proxies to, as an upstream's server line names it. */
    String upstream() {
        return namespace.address().getHostAddress() + ":" + PORT;
    }

    String readinessUrl() {
        return "http://" + namespace.address().getHostAddress() + ":" + ADMIN_PORT + "/health/ready";
    }

    /** Whether GET /health/ready answers 200 now. */
    boolean ready() {
        try {
            return RawHttp.exchange(new InetSocketAddress(namespace.address(), ADMIN_PORT),
                    "GET /health/ready HTTP/1.1\r\nHost: narwhal\r\nConnection: close\r\n\r\n").status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    TestHost awaitReady(Duration timeout) {
        NarwhalProcess.await(timeout, this::ready, () -> namespace.name() + " is not ready within " + timeout + "\n"
                + narwhal.output());
        return this;
    }

    /** One GET of this path straight to the host, not through nginx, on a new connection. */
    RawHttp.Response get(String path) throws IOException {
        return RawHttp.exchange(new InetSocketAddress(namespace.address(), PORT),
                "GET " + path + " HTTP/1.1\r\nHost: narwhal\r\nConnection: close\r\n\r\n");
    }

    /** Whether this worker PID (an answer's X-Swap-Pid) is one of this host's. */
    boolean ownsWorker(String pid) {
        return pid != null && narwhal.everyWorker().contains(Long.parseLong(pid));
    }

    /** SIGKILL to every process in the namespace at once, master and workers alike, as a host that dies. */
    List<Long> killEveryProcess() throws IOException {
        List<Long> pids = namespace.pids();
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        return pids;
    }

    @Override
    public void close() {
        started.forEach(NarwhalProcess::close);
    }
}
