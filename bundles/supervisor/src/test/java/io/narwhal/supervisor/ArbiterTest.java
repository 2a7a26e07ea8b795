package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.deploy.PoolDeployments;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ArbiterTest {
    private final FakeProcessHost host = new FakeProcessHost();

    private Arbiter arbiter(Map<String, String> values) throws Exception {
        ServerSettings settings = ServerSettings.parse(values);
        Arbiter arbiter = new Arbiter(settings, host, ServiceManager.NONE, status -> { }, new PoolDeployments(List.of()),
                () -> settings);
        assertTrue(arbiter.start());
        return arbiter;
    }

    private void ready(Arbiter arbiter, int... pids) {
        for (int pid : pids) {
            arbiter.submit(new ArbiterEvent.WorkerReady(pid));
        }
        arbiter.turn();
    }

    private void signal(Arbiter arbiter, String name) {
        arbiter.submit(new ArbiterEvent.SignalReceived(name));
        arbiter.turn();
    }

    @Test
    void spawnsTheConfiguredNumberOfWorkers() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "3"));
        arbiter.turn();
        assertEquals(List.of(1000, 1001, 1002), host.spawned);
        arbiter.turn();
        assertEquals(3, host.spawned.size(), "nothing more once the count matches");
    }

    @Test
    void aBindFailureIsReportedNotThrown() throws Exception {
        host.listenFailure = new IOException("cannot bind 127.0.0.1:8000: Address already in use");
        assertFalse(new Arbiter(ServerSettings.defaults(), host, ServiceManager.NONE, status -> { },
                new PoolDeployments(List.of()), ServerSettings::defaults).start());
    }

    @Test
    void aDeadWorkerIsReaped_andReplaced() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        ready(arbiter, 1000, 1001);
        host.die(1000, ExitStatus.killedBy(Posix.SIGKILL));
        arbiter.turn();
        assertEquals(List.of(1000, 1001, 1002), host.spawned);
        assertEquals(List.of(1001, 1002), arbiter.workers().stream().map(worker -> worker.pid).toList());
        assertEquals(List.of(1), host.gone, "the dead worker's cache is removed");
    }

    @Test
    void aSilentWorkerIsKilledOnceAfterTheTimeout() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2", "timeout", "30"));
        arbiter.turn();
        ready(arbiter, 1000, 1001);
        host.advance(Duration.ofSeconds(20));
        arbiter.submit(new ArbiterEvent.Heartbeat(1001, host.nanoTime(), 0, 5));
        host.advance(Duration.ofSeconds(11));
        arbiter.turn();
        assertEquals(List.of(1000), host.signalled(Posix.SIGKILL), "only the worker silent for 31 s");
        host.advance(Duration.ofSeconds(5));
        arbiter.turn();
        assertEquals(List.of(1000), host.signalled(Posix.SIGKILL), "killed once, then waited for");
    }

    @Test
    void theHeartbeatAgeCountsAgainstTheWorker() throws Exception {
        Arbiter arbiter = arbiter(Map.of("timeout", "10"));
        arbiter.turn();
        ready(arbiter, 1000);
        host.advance(Duration.ofSeconds(8));
        // alive message sent now, but the loop last made progress 7 s ago: it is 1 s into its silence
        arbiter.submit(new ArbiterEvent.Heartbeat(1000, host.nanoTime(), 7_000, 0));
        host.advance(Duration.ofSeconds(9));
        arbiter.turn();
        assertEquals(List.of(1000), host.signalled(Posix.SIGKILL));
    }

    @Test
    void workersThatNeverBootStopTheMasterWithStatus3() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1"));
        OptionalInt status = OptionalInt.empty();
        for (int attempt = 0; attempt < 10 && status.isEmpty(); attempt++) {
            status = arbiter.turn();
            host.spawned.forEach(pid -> host.die(pid, ExitStatus.exited(1)));
        }
        assertEquals(OptionalInt.of(Arbiter.EXIT_BOOT_ERROR), status);
        assertEquals(BootFailures.TOLERATED_AT_START, host.spawned.size());
    }

    @Test
    void onceThePoolServedAFailedBootIsRetriedLaterAndLater_andTheMasterServesOn() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        ready(arbiter, 1000, 1001);
        host.die(1001, ExitStatus.killedBy(Posix.SIGKILL));
        arbiter.turn();
        assertEquals(1002, host.spawned.getLast(), "a worker lost is replaced at once");
        List<Long> waits = new ArrayList<>();
        for (int failure = 1; failure <= 8; failure++) {
            int booting = host.spawned.getLast();
            host.die(booting, ExitStatus.exited(1)); // dies before it is ready
            assertTrue(arbiter.turn().isEmpty(), "the master serves on");
            long waited = 0;
            while (host.spawned.getLast() == booting) {
                host.advance(Duration.ofSeconds(1));
                waited++;
                arbiter.submit(new ArbiterEvent.Heartbeat(1000, host.nanoTime(), 0, 0));
                assertTrue(arbiter.turn().isEmpty(), "the master serves on");
                assertTrue(waited <= 60, "no boot after a minute");
            }
            waits.add(waited);
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L), waits, "1 s doubling, at most a minute");
        assertEquals(List.of(), host.signalled(Posix.SIGKILL), "the worker that serves is left alone");
        ready(arbiter, host.spawned.getLast());
        assertEquals(2, arbiter.workers().stream().filter(WorkerProcess::isServing).count());
        host.die(1000, ExitStatus.killedBy(Posix.SIGKILL));
        int before = host.spawned.size();
        arbiter.turn();
        assertEquals(before + 1, host.spawned.size(), "a boot that succeeded ends the waits");
    }

    @Test
    void ttinAddsAWorker_ttouRetiresTheOldest() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        signal(arbiter, "TTIN");
        assertEquals(3, host.spawned.size());
        signal(arbiter, "TTOU");
        assertEquals(List.of(1000), host.signalled(Posix.SIGTERM));
        signal(arbiter, "TTOU");
        signal(arbiter, "TTOU");
        assertEquals(List.of(1000, 1001), host.signalled(Posix.SIGTERM), "never below one worker");
    }

    @Test
    void hupReplacesTheWorkersAFewAtATime_eachOldOneRetiredOnlyOnceANewOneIsReady() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "8"));
        arbiter.turn();
        ready(arbiter, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007);
        signal(arbiter, "HUP");
        assertEquals(List.of(1008, 1009), host.spawned.subList(8, host.spawned.size()), "a quarter of the pool at once");
        assertEquals(List.of(), host.signalled(Posix.SIGTERM), "the old ones serve until the new ones can");
        ready(arbiter, 1008);
        assertEquals(List.of(1000), host.signalled(Posix.SIGTERM));
        assertEquals(1010, host.spawned.getLast(), "the next replacement boots once one is ready");
        for (int pid = 1009; pid < 1016; pid++) {
            ready(arbiter, pid);
        }
        assertEquals(List.of(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007), host.signalled(Posix.SIGTERM));
        host.signalled(Posix.SIGTERM).forEach(pid -> host.die(pid, ExitStatus.exited(0)));
        arbiter.turn();
        assertEquals(16, host.spawned.size(), "retired workers are not replaced");
    }

    @Test
    void hupReadsTheSettingsAgain_andABadSourceKeepsTheRunningOnes() throws Exception {
        AtomicReference<Map<String, String>> sources = new AtomicReference<>(Map.of("workers", "1"));
        Arbiter arbiter = new Arbiter(ServerSettings.parse(sources.get()), host, ServiceManager.NONE, status -> { },
                new PoolDeployments(List.of()), () -> ServerSettings.parse(sources.get()));
        assertTrue(arbiter.start());
        arbiter.turn();
        ready(arbiter, 1000);
        sources.set(Map.of("workers", "2", "timeout", "45"));
        signal(arbiter, "HUP");
        assertEquals(List.of(1000, 1001, 1002), host.spawned, "the new count's second worker, and 1000's replacement");
        assertEquals(Duration.ofSeconds(45), host.spawnedWith.getLast().timeout());
        ready(arbiter, 1001, 1002);
        assertEquals(List.of(1000), host.signalled(Posix.SIGTERM));
        sources.set(Map.of("workers", "many"));
        signal(arbiter, "HUP");
        assertEquals(4, host.spawned.size(), "the workers are replaced all the same, one at a time");
        assertEquals(Duration.ofSeconds(45), host.spawnedWith.getLast().timeout(), "with the running settings");
    }

    @Test
    void aBurstOfHupsNeverRetiresAServingWorkerBeforeItsReplacementIsReady() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        ready(arbiter, 1000, 1001);
        for (int hup = 0; hup < 5; hup++) {
            signal(arbiter, "HUP");
            assertEquals(2, servingNotRetiring(arbiter), "after HUP " + (hup + 1));
        }
        // Each HUP retired the replacement booting for the one before: only the last one's boots go on.
        int last = host.spawned.getLast();
        assertEquals(List.of(1002, 1003, 1004, 1005), host.signalled(Posix.SIGTERM));
        ready(arbiter, last);
        assertEquals(2, servingNotRetiring(arbiter));
        assertEquals(List.of(1002, 1003, 1004, 1005, 1000), host.signalled(Posix.SIGTERM));
        ready(arbiter, host.spawned.getLast());
        assertEquals(List.of(1002, 1003, 1004, 1005, 1000, 1001), host.signalled(Posix.SIGTERM));
        assertEquals(2, servingNotRetiring(arbiter));
    }

    private static long servingNotRetiring(Arbiter arbiter) {
        return arbiter.workers().stream().filter(WorkerProcess::isServing).count();
    }

    @Test
    void termStopsGracefully_andKillsWhatOutlivesTheGracefulTimeout() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2", "graceful_timeout", "5"));
        arbiter.turn();
        ready(arbiter, 1000, 1001);
        signal(arbiter, "TERM");
        assertFalse(host.listening, "the master stops accepting");
        assertEquals(List.of(1000, 1001), host.signalled(Posix.SIGTERM));
        host.die(1000, ExitStatus.exited(0));
        assertEquals(OptionalInt.empty(), arbiter.turn());
        host.advance(Duration.ofSeconds(6));
        assertEquals(OptionalInt.empty(), arbiter.turn());
        assertEquals(List.of(1001), host.signalled(Posix.SIGKILL));
        host.die(1001, ExitStatus.killedBy(Posix.SIGKILL));
        assertEquals(OptionalInt.of(0), arbiter.turn());
        assertEquals(2, host.spawned.size(), "nothing is respawned while stopping");
    }

    @Test
    void intStopsQuickly() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        host.exitOnSignal = true;
        signal(arbiter, "INT");
        assertEquals(List.of(1000, 1001), host.signalled(Posix.SIGINT));
        assertEquals(OptionalInt.of(0), arbiter.turn());
    }

    @Test
    void aNewWorkerCountIsAppliedWithoutRestartingAnyone() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        ready(arbiter, 1000, 1001);
        arbiter.submit(new ArbiterEvent.SettingsChanged(ServerSettings.parse(Map.of("workers", "4"))));
        arbiter.turn();
        assertEquals(4, host.spawned.size());
        assertEquals(List.of(), host.signalled(Posix.SIGTERM));
    }

    @Test
    void aNewTimeoutReplacesTheWorkersWithOnesThatKnowIt() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1"));
        arbiter.turn();
        ready(arbiter, 1000);
        arbiter.submit(new ArbiterEvent.SettingsChanged(ServerSettings.parse(Map.of("workers", "1", "timeout", "60"))));
        arbiter.turn();
        assertEquals(Duration.ofSeconds(60), host.spawnedWith.get(1).timeout());
        ready(arbiter, 1001);
        assertEquals(List.of(1000), host.signalled(Posix.SIGTERM));
    }

    @Test
    void aBootingWorkerHasTheBootAllowanceEvenWithAShortTimeout() throws Exception {
        Arbiter arbiter = arbiter(Map.of("timeout", "2"));
        arbiter.turn();
        host.advance(Duration.ofSeconds(10));
        arbiter.turn();
        assertEquals(List.of(), host.signalled(Posix.SIGKILL), "still booting, not silent");
        host.advance(Arbiter.BOOT_ALLOWANCE);
        arbiter.turn();
        assertEquals(List.of(1000), host.signalled(Posix.SIGKILL), "a boot that never ends is killed");
    }

    @Test
    void aWorkerThatServedMaxRequestsIsReplaced_itsSuccessorReadyFirst() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "1", "max_requests", "100"));
        arbiter.turn();
        ready(arbiter, 1000);
        arbiter.submit(new ArbiterEvent.Heartbeat(1000, host.nanoTime(), 0, 99));
        arbiter.turn();
        assertEquals(1, host.spawned.size());
        arbiter.submit(new ArbiterEvent.Heartbeat(1000, host.nanoTime(), 0, 100));
        arbiter.turn();
        assertEquals(List.of(1000, 1001), host.spawned);
        assertEquals(List.of(), host.signalled(Posix.SIGTERM), "it serves until its successor can");
        ready(arbiter, 1001);
        assertEquals(List.of(1000), host.signalled(Posix.SIGTERM));
    }

    @Test
    void jitterSpreadsTheLimitsOfWorkers() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "50", "max_requests", "1000", "max_requests_jitter", "500"));
        arbiter.turn();
        List<Long> limits = arbiter.workers().stream().map(worker -> worker.maxRequests).distinct().toList();
        assertTrue(limits.stream().allMatch(limit -> limit >= 1000 && limit <= 1500), limits.toString());
        assertTrue(limits.size() > 10, "50 workers draw different limits: " + limits);
    }

    @Test
    void changingMaxRequestsReplacesNoWorker() throws Exception {
        Arbiter arbiter = arbiter(Map.of("workers", "2"));
        arbiter.turn();
        ready(arbiter, 1000, 1001);
        arbiter.submit(new ArbiterEvent.SettingsChanged(ServerSettings.parse(Map.of("workers", "2", "max_requests", "10"))));
        arbiter.turn();
        assertEquals(2, host.spawned.size());
    }
}
