package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spare_workers end to end: a spare accepts nothing until a serving worker is lost, then takes its place. */
class SpareWorkerE2ETest {
    /**
     * Loose, so a busy machine does not fail it: without the spare, the replacement is a new JVM's boot. The figure
     * itself is measured by bench/worker-levers.py --spares 1 (docs/benchmarks.md).
     */
    private static final Duration PROMOTED_WITHIN = Duration.ofSeconds(5);

    @Test
    void aKilledWorkerIsAnsweredByThePromotedSpare_whichAcceptedNothingBefore_andANewSpareBoots(@TempDir Path dir)
            throws Exception {
        try (DeployedServer server = DeployedServer.start(dir, SwapAppJar.version("1.0.1"), 1, "--spare-workers", "1")) {
            NarwhalProcess narwhal = server.narwhal;
            NarwhalProcess.await(Duration.ofSeconds(30), () -> narwhal.liveSpares().size() == 1,
                    () -> "no spare booted\n" + narwhal.output());
            long serving = narwhal.liveWorkers().getFirst();
            long spare = narwhal.liveSpares().getFirst();
            for (int i = 0; i < 50; i++) {
                // Each on a new connection (sync closes it): the listener hands it to whoever accepts.
                assertEquals(Long.toString(serving), server.get("/swap").header("X-Swap-Pid"), "request " + i);
            }
            // A hot deploy reaches the spare too, which then serves it once promoted.
            SwapAppJar.version("1.0.2").writeTo(server.deploy, DeployedServer.JAR);
            server.awaitServedEverywhere("swap 1.0.2", Duration.ofSeconds(30));
            NarwhalProcess.await(Duration.ofSeconds(30),
                    () -> narwhal.outputContains("[" + spare + "] [INFO] app " + DeployedServer.JAR + " revision"),
                    () -> "the spare did not get the deploy\n" + narwhal.output());

            long killed = System.nanoTime();
            ProcessHandle.of(serving).orElseThrow().destroyForcibly();
            // Waits in the listen backlog until a worker accepts it: the promoted spare.
            RawHttp.Response answer = server.get("/swap");
            Duration took = Duration.ofNanos(System.nanoTime() - killed);

            assertEquals(200, answer.status(), narwhal.output());
            assertEquals("swap 1.0.2", answer.text(), narwhal.output());
            assertEquals(Long.toString(spare), answer.header("X-Swap-Pid"), narwhal.output());
            assertTrue(took.compareTo(PROMOTED_WITHIN) < 0, "answered " + took.toMillis() + " ms after the kill");
            // The master logs the promotion once it has sent it: the spare may have answered first.
            NarwhalProcess.await(Duration.ofSeconds(10), () -> narwhal.outputContains("Worker " + spare
                    + " promoted from spare"), narwhal::output);
            // Each of the swap app's three warm-up requests, on the spare's own loopback socket, before it was ready.
            assertTrue(narwhal.outputContains("[" + spare + "] [INFO] Spare warmed up: 3 request(s) answered"),
                    narwhal.output());
            NarwhalProcess.await(Duration.ofSeconds(30),
                    () -> narwhal.liveSpares().size() == 1 && !narwhal.liveSpares().contains(spare),
                    () -> "no new spare after the promotion\n" + narwhal.output());
            assertEquals(List.of(spare), narwhal.liveWorkers());
        }
    }
}
