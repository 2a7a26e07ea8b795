package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.server.AppState;
import io.narwhal.api.server.BootBackoff;
import io.narwhal.api.server.AppStatus;
import io.narwhal.api.server.WorkerState;
import io.narwhal.api.server.WorkerStatus;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.AppRevision;
import io.narwhal.supervisor.deploy.PoolDeployments;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The shell's commands as the arbiter carries them out: each in the loop, a refusal completing the reply. */
class ArbiterCommandsTest {
    private static final AppRevision HELLO = new AppRevision("hello.jar", "a".repeat(64), "io.example.hello", "1.2.0",
            Path.of("/staged/hello.jar"));

    private final FakeProcessHost host = new FakeProcessHost();
    private Arbiter arbiter;

    private void start(Map<String, String> values) throws Exception {
        ServerSettings settings = ServerSettings.parse(values);
        arbiter = new Arbiter(settings, host, ServiceManager.NONE, status -> { }, new PoolDeployments(List.of(HELLO)),
                () -> settings);
        assertTrue(arbiter.start());
        arbiter.turn();
    }

    private void ready(int... pids) {
        for (int pid : pids) {
            arbiter.submit(new ArbiterEvent.WorkerReady(pid));
        }
        arbiter.turn();
    }

    private <T> CompletableFuture<T> command(Function<CompletableFuture<T>, ArbiterEvent.Command> command) {
        CompletableFuture<T> reply = new CompletableFuture<>();
        arbiter.submit(command.apply(reply));
        arbiter.turn();
        return reply;
    }

    private CompletableFuture<Integer> scale(int workers) {
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        return command(ignored -> new ArbiterEvent.Scale(current -> workers, reply), reply);
    }

    private CompletableFuture<Void> kill(int id, boolean force) {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        return command(ignored -> new ArbiterEvent.KillWorker(id, force, reply), reply);
    }

    private <T> CompletableFuture<T> command(Function<Void, ArbiterEvent.Command> command, CompletableFuture<T> reply) {
        arbiter.submit(command.apply(null));
        arbiter.turn();
        return reply;
    }

    private PoolStatus.Snapshot inspect() throws Exception {
        return this.<PoolStatus.Snapshot>command(ArbiterEvent.Inspect::new).get();
    }

    private static Throwable refusal(CompletableFuture<?> reply) {
        return assertThrows(ExecutionException.class, reply::get).getCause();
    }

    @Test
    void inspectShowsEachWorkersStateRequestsAndApps() throws Exception {
        start(Map.of("workers", "2", "spare_workers", "1"));
        ready(1000);
        arbiter.submit(new ArbiterEvent.Heartbeat(1000, host.nanoTime(), 0, 42));
        host.advance(Duration.ofSeconds(3));
        PoolStatus.Snapshot pool = inspect();
        assertEquals(2, pool.target());
        List<WorkerStatus> rows = pool.workers();
        assertEquals(List.of(1, 2, 3), rows.stream().map(WorkerStatus::id).toList());
        assertEquals(List.of(WorkerState.SERVING, WorkerState.BOOTING, WorkerState.BOOTING),
                rows.stream().map(WorkerStatus::state).toList());
        assertEquals(List.of(false, false, true), rows.stream().map(WorkerStatus::spare).toList());
        assertEquals(42, rows.getFirst().requests());
        assertEquals(Duration.ofSeconds(3), rows.getFirst().uptime());
        assertEquals(List.of(new AppStatus("hello.jar", "io.example.hello", "1.2.0", "a".repeat(64), AppState.ACTIVE,
                "")), rows.getFirst().apps(), "not mounted until the worker says so");
        arbiter.submit(new ArbiterEvent.AppsMounted(1000, Map.of("hello.jar", "/")));
        assertEquals("/", inspect().workers().getFirst().apps().getFirst().mount());
        assertEquals(42, pool.counters().requests());
        assertEquals(3, pool.counters().workersBooted());
    }

    @Test
    void scaleSetsTheTarget_andThePoolFollows() throws Exception {
        start(Map.of("workers", "1"));
        ready(1000);
        assertEquals(3, scale(3).get());
        arbiter.turn();
        assertEquals(List.of(1000, 1001, 1002), host.spawned);
        assertEquals(1, scale(1).get());
        arbiter.turn();
        assertEquals(List.of(1000, 1001), host.signalled(Posix.SIGTERM), "the oldest retired first");
    }

    @Test
    void scaleRefusesACountOutsideOneTo1024_andChangesNothing() throws Exception {
        start(Map.of("workers", "2"));
        Throwable none = refusal(scale(0));
        assertInstanceOf(IllegalArgumentException.class, none);
        assertEquals("the pool takes 1 to 1024 workers, not 0", none.getMessage());
        assertEquals("the pool takes 1 to 1024 workers, not 1025",
                refusal(scale(1025)).getMessage());
        assertEquals(2, inspect().target());
    }

    @Test
    void killRetiresTheWorkerGracefully_orAtOnce_andThePoolReplacesIt() throws Exception {
        start(Map.of("workers", "2"));
        ready(1000, 1001);
        kill(1, false).get();
        assertEquals(List.of(1000), host.signalled(Posix.SIGTERM));
        arbiter.turn();
        assertEquals(1002, host.spawned.getLast(), "replaced");
        kill(2, true).get();
        assertEquals(List.of(1001), host.signalled(Posix.SIGKILL));
        host.die(1001, ExitStatus.killedBy(Posix.SIGKILL));
        arbiter.turn();
        assertEquals(0, inspect().counters().workersDied(), "a worker killed as asked did not die unasked");
    }

    @Test
    void killNamesAWorkerThatDoesNotRun() throws Exception {
        start(Map.of("workers", "1"));
        Throwable unknown = refusal(kill(7, false));
        assertInstanceOf(IllegalArgumentException.class, unknown);
        assertEquals("no worker 7 runs (see narwhal:workers)", unknown.getMessage());
    }

    @Test
    void reloadReplacesEveryWorker_andIsCounted() throws Exception {
        start(Map.of("workers", "2"));
        ready(1000, 1001);
        this.<Void>command(ArbiterEvent.Reload::new).get();
        List<WorkerStatus> rows = inspect().workers();
        assertEquals(List.of(true, true, false), rows.stream().map(WorkerStatus::outdated).toList(),
                "both marked for replacement; the first replacement booting");
        assertEquals(1, inspect().counters().reloads());
    }

    @Test
    void aStoppingServerTakesNoCommandButStillShowsItself() throws Exception {
        start(Map.of("workers", "1"));
        ready(1000);
        arbiter.submit(new ArbiterEvent.Stop(true));
        Throwable refused = refusal(scale(4));
        assertInstanceOf(IllegalStateException.class, refused);
        assertEquals("the server is stopping", refused.getMessage());
        assertTrue(inspect().stopping());
    }

    @Test
    void whatGoneWorkersServedStaysCounted() throws Exception {
        start(Map.of("workers", "1"));
        ready(1000);
        arbiter.submit(new ArbiterEvent.Heartbeat(1000, host.nanoTime(), 0, 10));
        arbiter.turn();
        host.die(1000, ExitStatus.exited(1));
        arbiter.turn();
        ready(1001);
        arbiter.submit(new ArbiterEvent.Heartbeat(1001, host.nanoTime(), 0, 5));
        PoolStatus.Snapshot pool = inspect();
        assertEquals(15, pool.counters().requests());
        assertEquals(1, pool.counters().workersDied());
    }

    @Test
    void bootsFailingAfterThePoolServedShowTheirReasonAndTheWait() throws Exception {
        start(Map.of("workers", "2"));
        ready(1000, 1001);
        assertEquals(null, inspect().bootBackoff(), "boots succeed");
        host.die(1001, ExitStatus.killedBy(Posix.SIGKILL));
        arbiter.turn();
        host.die(1002, ExitStatus.exited(1));
        arbiter.turn();
        host.advance(Duration.ofMillis(400));
        BootBackoff backoff = inspect().bootBackoff();
        assertEquals(new BootBackoff(1, Duration.ofMillis(600), "Worker 1002 died before it was ready"), backoff);
        host.advance(Duration.ofSeconds(1));
        arbiter.turn();
        ready(host.spawned.getLast());
        assertEquals(null, inspect().bootBackoff(), "a boot that succeeds ends it");
    }
}
