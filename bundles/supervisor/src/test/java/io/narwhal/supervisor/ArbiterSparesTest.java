package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.control.ControlMessage;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.AppRevision;
import io.narwhal.supervisor.deploy.PoolDeployments;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spare_workers: spares booted beside the serving workers, promoted in place of one lost, topped up after. */
class ArbiterSparesTest {
    private final FakeProcessHost host = new FakeProcessHost();
    private final Map<Integer, BufferedReader> workerEnds = new HashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void closeChannels() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    private Arbiter arbiter(Map<String, String> values, PoolDeployments deployments) throws Exception {
        ServerSettings settings = ServerSettings.parse(values);
        Arbiter arbiter = new Arbiter(settings, host, ServiceManager.NONE, status -> { }, deployments, () -> settings);
        assertTrue(arbiter.start());
        arbiter.turn();
        return arbiter;
    }

    private Arbiter arbiter(Map<String, String> values) throws Exception {
        return arbiter(values, new PoolDeployments(List.of()));
    }

    /** The worker connects its control channel and says it is booted, as a real one does. */
    private void boot(Arbiter arbiter, int pid) throws IOException {
        Path socket = dir.resolve("control-" + pid);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel workerEnd = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            SocketChannel masterEnd = server.accept();
            open.add(workerEnd);
            open.add(masterEnd);
            workerEnds.put(pid, new BufferedReader(new InputStreamReader(Channels.newInputStream(workerEnd),
                    StandardCharsets.US_ASCII)));
            arbiter.submit(new ArbiterEvent.WorkerConnected(pid, masterEnd));
        }
        arbiter.submit(new ArbiterEvent.WorkerReady(pid));
        arbiter.turn();
    }

    /** The next line the master sent this worker. */
    private String received(int pid) throws IOException {
        return workerEnds.get(pid).readLine();
    }

    private static List<Integer> pids(List<WorkerProcess> workers) {
        return workers.stream().map(worker -> worker.pid).toList();
    }

    private static List<Integer> spares(Arbiter arbiter) {
        return pids(arbiter.workers().stream().filter(worker -> worker.stage == WorkerProcess.Stage.SPARE).toList());
    }

    private static List<Integer> serving(Arbiter arbiter) {
        return pids(arbiter.workers().stream().filter(WorkerProcess::isServing).toList());
    }

    @Test
    void sparesBootBesideTheWorkersAndServeNothing() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2", "spare_workers", "1"));
        assertEquals(List.of(1000, 1001, 1002), host.spawned);
        assertEquals(List.of(1002), host.spawnedSpares);
        boot(arbiter, 1000);
        boot(arbiter, 1001);
        boot(arbiter, 1002);
        assertEquals(List.of(1000, 1001), serving(arbiter));
        assertEquals(List.of(1002), spares(arbiter));
        arbiter.turn();
        assertEquals(3, host.spawned.size(), "nothing more once the counts match");
    }

    @Test
    void aKilledWorkerIsReplacedByPromotingTheSpare_thenANewSpareBoots() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "1"));
        boot(arbiter, 1000);
        boot(arbiter, 1001);
        host.die(1000, ExitStatus.killedBy(Posix.SIGKILL));
        arbiter.turn();
        assertEquals("PROMOTE", received(1001));
        assertEquals(List.of(1001), serving(arbiter), "the promoted spare serves in the same turn");
        assertEquals(List.of(1000, 1001, 1002), host.spawned, "no new serving worker: a new spare");
        assertEquals(List.of(1001, 1002), host.spawnedSpares);
        assertEquals(List.of(1002), spares(arbiter));
    }

    @Test
    void aWorkerWhoseChannelClosesIsReplacedAtOnce_beforeItCanBeReaped() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "1"));
        boot(arbiter, 1000);
        boot(arbiter, 1001);
        arbiter.submit(new ArbiterEvent.WorkerDisconnected(1000));
        arbiter.turn();
        assertEquals("PROMOTE", received(1001));
        assertEquals(List.of(1000, 1001, 1002), host.spawned, "only a new spare");
        assertEquals(List.of(), host.signalled(Posix.SIGTERM), "nothing to retire: it is exiting");
        host.die(1000, ExitStatus.killedBy(Posix.SIGKILL));
        arbiter.turn();
        assertEquals(List.of(1001, 1002), pids(arbiter.workers()));
        assertEquals(3, host.spawned.size());
    }

    @Test
    void aSpareStillBootingIsPromotedOnceReady_insteadOfANewWorker() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "1"));
        boot(arbiter, 1000);
        host.die(1000, ExitStatus.killedBy(Posix.SIGKILL));
        arbiter.turn();
        assertEquals(List.of(), serving(arbiter));
        assertEquals(List.of(1000, 1001, 1002), host.spawned, "the booting spare is taken; only a spare is spawned");
        boot(arbiter, 1001);
        assertEquals("PROMOTE", received(1001));
        assertEquals(List.of(1001), serving(arbiter));
    }

    @Test
    void aWornOutWorkerIsRetiredOnlyOnceThePromotedSpareServes() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "1", "max_requests", "10"));
        boot(arbiter, 1000);
        arbiter.submit(new ArbiterEvent.Heartbeat(1000, host.nanoTime(), 0, 10));
        arbiter.turn();
        assertEquals(List.of(), host.signalled(Posix.SIGTERM), "its spare is still booting");
        boot(arbiter, 1001);
        assertEquals("PROMOTE", received(1001));
        arbiter.turn();
        assertEquals(List.of(1000), host.signalled(Posix.SIGTERM));
        assertEquals(List.of(1001, 1002), host.spawnedSpares);
    }

    @Test
    void hupRetiresTheSparesAtOnce_andTheWorkersOnceNewOnesServe() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "1"));
        boot(arbiter, 1000);
        boot(arbiter, 1001);
        arbiter.submit(new ArbiterEvent.SignalReceived("HUP"));
        arbiter.turn();
        assertEquals(List.of(1001), host.signalled(Posix.SIGTERM), "an outdated spare serves no one");
        assertEquals(List.of(1001, 1003), host.spawnedSpares, "a new serving worker (1002) and a new spare");
        boot(arbiter, 1002);
        assertEquals(List.of(1001, 1000), host.signalled(Posix.SIGTERM));
    }

    @Test
    void changingSpareWorkersSpawnsOrRetiresSparesAndReplacesNoServingWorker() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "2"));
        boot(arbiter, 1000);
        boot(arbiter, 1001);
        boot(arbiter, 1002);
        arbiter.submit(new ArbiterEvent.SettingsChanged(ServerSettings.parse(Map.of("workers", "1", "spare_workers", "1"))));
        arbiter.turn();
        assertEquals(List.of(1001), host.signalled(Posix.SIGTERM), "the oldest spare");
        arbiter.submit(new ArbiterEvent.SettingsChanged(ServerSettings.parse(Map.of("workers", "1", "spare_workers", "0"))));
        arbiter.turn();
        assertEquals(List.of(1001, 1002), host.signalled(Posix.SIGTERM));
        assertEquals(List.of(1000), serving(arbiter));
        assertEquals(3, host.spawned.size());
    }

    @Test
    void sparesThatFailToBootOnceThePoolServedAreRetriedLater() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "1"));
        boot(arbiter, 1000);
        for (int attempt = 0; attempt < 2 * BootFailures.TOLERATED_AT_START; attempt++) {
            host.die(host.spawned.getLast(), ExitStatus.exited(1));
            arbiter.turn();
            host.advance(BootFailures.LONGEST_DELAY);
            arbiter.submit(new ArbiterEvent.Heartbeat(1000, host.nanoTime(), 0, 0));
            arbiter.turn();
        }
        assertEquals(List.of(), host.signalled(Posix.SIGINT), "no stop: the serving worker serves on");
        assertEquals(2 + 2 * BootFailures.TOLERATED_AT_START, host.spawned.size(), "each failed spare booted again");
        assertEquals(List.of(1000), serving(arbiter));
    }

    @Test
    void sparesReceiveTheDeploysAfterTheServingWorkers() throws Exception {
        PoolDeployments deployments = new PoolDeployments(List.of());
        Arbiter arbiter = arbiter(Map.of("workers", "1", "spare_workers", "1"), deployments);
        boot(arbiter, 1000);
        boot(arbiter, 1001);
        arbiter.submit(new ArbiterEvent.AppChanged(new AppRevision("hello.jar", "abc", "hello", "1.0.0",
                dir.resolve("hello.jar"))));
        arbiter.turn();
        assertTrue(received(1000).startsWith("DEPLOY hello.jar abc"), "the serving worker first");
        arbiter.submit(new ArbiterEvent.DeployOutcome(1000, new ControlMessage.AppActive("hello.jar", "abc")));
        arbiter.turn();
        assertTrue(received(1001).startsWith("DEPLOY hello.jar abc"), "then the spare, which a promotion makes serve it");
    }
}
