package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a worker class that keeps connections does, on virtual (a virtual thread per connection): keep-alive
 * connections idled out after keepalive, slow heads beside busy keep-alive clients, keep-alive clients through worker
 * recycling and a graceful stop, worker_connections, thousands of idle connections on one worker, and a connection
 * that lives across a redeploy.
 */
class VirtualWorkerE2ETest {
    private static final Duration ROLLOUT = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    @BeforeEach
    void distIsBuilt() {
        NarwhalProcess.requireDist();
    }

    /**
     * A connection kept across a redeploy goes on with the new revision, on a new virtual thread: the one that served
     * the old revision ends between two requests, so a ThreadLocal the old revision left on it pins nothing, and the
     * client never finds its connection closed.
     */
    @Test
    void aKeepAliveConnectionAcrossARedeployGoesOnWithTheNewRevisionAndPinsNothing() throws Exception {
        try (DeployedServer server = DeployedServer.start(folder, SwapAppJar.version("1.0.1").mode("thread-local"), 1,
                "-k", "virtual", "--keep-alive", "60");
                KeepAliveClient client = new KeepAliveClient(server.narwhal.port)) {
            long worker = server.narwhal.liveWorkers().getFirst();
            assertEquals("swap 1.0.1", client.get("/swap").text());
            SwapAppJar next = SwapAppJar.version("1.0.2");
            next.writeTo(server.deploy, DeployedServer.JAR);
            server.awaitOutput("app swap\\.jar revision " + next.shortChecksum() + " serving in", 1, ROLLOUT);
            for (int i = 0; i < 3; i++) {
                assertEquals("swap 1.0.2", client.get("/swap").text());
            }
            DeployLeakE2ETest.jcmd(worker, "GC.run");
            server.awaitOutput("app swap\\.jar 1\\.0\\.1 \\(retired revision \\d+\\): class loader collected", 1, ROLLOUT);
            assertEquals("swap 1.0.2", client.get("/swap").text());
            assertEquals(0, client.resent(), "no request met a connection closed under it");
            assertEquals(1, client.connections(), "one connection throughout");
        }
    }
}
