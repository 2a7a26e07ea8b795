package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
}
