package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redeploys under load: 64 clients keep asking while the app is replaced 20 times on 2 workers. Each client keeps its
 * connection while the server does (a new one per request on sync, which closes every one; one for the whole run on
 * a worker class that keeps connections).
 */
@OnEveryWorkerClass
class DeployUnderLoadE2ETest {
    private static final int CONNECTIONS = 64;
    private static final int REDEPLOYS = 20;
    private static final int WORKERS = 2;

    @TempDir
    Path folder;

    @Test
    void twentyRedeploysUnderLoadFailNoRequest() throws Exception {
        // A keep-alive wait longer than any pause of a client on these two cores: no connection idles out meanwhile.
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.0"), WORKERS,
                "--keep-alive", "60")) {
            server.awaitServedEverywhere("swap 1.0.0", Duration.ofSeconds(15));
            SteadyLoad load;
            // A steady stretch first, as the figure to compare the swaps' latency with.
            try (SteadyLoad running = SteadyLoad.start(server.narwhal.port, "/swap",
                    body -> body.startsWith("swap 1.0."), CONNECTIONS, 5_000)) {
                load = running;
                load.markChangeStart();
                for (int patch = 1; patch <= REDEPLOYS; patch++) {
                    SwapAppJar revision = SwapAppJar.version("1.0." + patch);
                    revision.writeTo(server.deploy, DeployedServer.JAR);
                    server.awaitOutput("app swap\\.jar revision " + revision.shortChecksum() + " serving in", WORKERS,
                            Duration.ofSeconds(20));
                }
            }
            long[] steady = load.latencies(false);
            long[] sorted = load.latencies(true);
            System.out.printf("DEPLOY-UNDER-LOAD connections=%d workers=%d redeploys=%d failed=%d; steady: %s; through the "
                            + "swaps: %s, over 1 s: %d; distinct answers=%d; connections=%d, resent=%d%n",
                    CONNECTIONS, WORKERS, REDEPLOYS, load.failures.size(), SteadyLoad.summary(steady),
                    SteadyLoad.summary(sorted), Arrays.stream(sorted).filter(nanos -> nanos > 1_000_000_000L).count(),
                    load.bodies.size(), load.connections.get(), load.resent.get());
            assertEquals(List.of(), List.copyOf(load.failures), "every request answered 200 by the old or new revision");
            // A redeploy ends no connection under its client: none was found closed when reused.
            assertEquals(0, load.resent.get(), "requests sent again on a new connection");
            if (WorkerClass.underTest().keepsConnections()) {
                assertEquals(CONNECTIONS, load.connections.get(), "each client kept its one connection throughout");
            } else {
                assertEquals(steady.length + sorted.length, load.connections.get(), "every answer closed its connection");
            }
            assertTrue(sorted.length > REDEPLOYS * CONNECTIONS, "the load ran through the redeploys: " + sorted.length);
            assertTrue(load.bodies.containsKey("swap 1.0.0") && load.bodies.containsKey("swap 1.0." + REDEPLOYS),
                    "answers: " + load.bodies);
            assertEquals(WORKERS, server.narwhal.everyWorker().size(), "no worker was replaced");
        }
    }
}
