package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes wrong around the server: a hung worker, workers that cannot boot (broken bundles: DeployE2ETest). */
class FailureE2ETest {
    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    @Test
    void aHungWorkerIsKilledAfterTheTimeoutAndReplaced() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start("-w", "1", "-t", "2").awaitWorkers(1)) {
            long hung = narwhal.liveWorkers().getFirst();
            // A stopped process sends no heartbeat: to the master it is a worker stuck in a request.
            Runtime.getRuntime().exec(new String[] {"kill", "-STOP", Long.toString(hung)}).waitFor();
            NarwhalProcess.await(Duration.ofSeconds(15), () -> narwhal.liveWorkers().stream().anyMatch(pid -> pid != hung),
                    () -> "the hung worker was not replaced\n" + narwhal.output());
            assertTrue(narwhal.outputContains("WORKER TIMEOUT (pid:" + hung + ")"), narwhal.output());
            NarwhalProcess.await(Duration.ofSeconds(5), () -> !NarwhalProcess.isAlive(hung), () -> "still alive: " + hung);
            assertEquals(200, RawHttp.get(narwhal.port, "/").status());
        }
    }

    @Test
    void workersThatCannotBootStopTheMasterWithStatus3() throws Exception {
        try (NarwhalProcess narwhal = NarwhalProcess.start(Map.of("NARWHAL_WORKER_JAVA_OPTS", "-XX:+NoSuchOption"), "-w", "2")) {
            assertEquals(3, narwhal.waitForExit(Duration.ofSeconds(60)), narwhal.output());
            assertTrue(narwhal.outputContains("Worker failed to boot"), narwhal.output());
        }
    }
    /**
     * Once the pool has served, a worker that cannot boot (here its runtime jar is gone from the dist) does not stop
     * the master as at first start: the boot is retried after 1 s, 2 s, 4 s, ..., the reason in the log, while the
     * worker left serves on; once the jar is back, the next boot serves.
     */
    @Test
    void aWorkerThatCannotBootOnceServingIsRetriedLaterAndLaterWhileTheOthersServe(@TempDir Path dir) throws Exception {
        Path dist = NarwhalProcess.copyOfDist(dir.resolve("dist"));
        Path runtime = dist.resolve("lib/narwhal-runtime.jar");
        Path away = dir.resolve("narwhal-runtime.jar");
        int port = NarwhalProcess.freePort();
        try (NarwhalProcess narwhal = NarwhalProcess.startIn(dist, port, "-b", "127.0.0.1:" + port, "-w", "2")
                .awaitWorkers(2)) {
            Files.move(runtime, away);
            long victim = narwhal.liveWorkers().getFirst();
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            for (String wait : List.of("failed boot 1 in a row; the next boot in 1 s, serving on with 1 worker(s)",
                    "failed boot 2 in a row; the next boot in 2 s", "failed boot 3 in a row; the next boot in 4 s")) {
                NarwhalProcess.await(Duration.ofSeconds(30), () -> narwhal.outputContains(wait), narwhal::output);
                assertEquals(200, RawHttp.get(port, "/").status(), "the worker left serves");
            }
            assertTrue(narwhal.process().isAlive(), "the master serves on");
            // The shell of the built dist: this copy's client jar is away too.
            String workers = NarwhalShell.run(NarwhalProcess.DIST, "--pid", Long.toString(narwhal.pid()), "workers")
                    .ok().out();
            assertTrue(workers.lines().anyMatch(line -> line.matches("boots failing: \\d+ in a row, the last: Worker"
                    + " \\d+ died before it was ready; the next boot in \\d+s")), "narwhal:workers says why\n" + workers);
            Files.move(away, runtime);
            NarwhalProcess.await(Duration.ofSeconds(60), () -> narwhal.liveWorkers().size() == 2,
                    () -> "no second worker once the jar is back\n" + narwhal.output());
            assertFalse(narwhal.liveWorkers().contains(victim));
        }
    }
}
