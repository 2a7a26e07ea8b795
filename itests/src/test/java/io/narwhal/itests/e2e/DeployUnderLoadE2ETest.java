package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
            Load load = new Load(server);
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < CONNECTIONS; i++) {
                    clients.submit(load::run);
                }
                // A steady stretch first, as the figure to compare the swaps' latency with.
                NarwhalProcess.await(Duration.ofSeconds(60), () -> load.sent() >= 5_000, () -> "the load does not run");
                load.swapsStart = System.nanoTime();
                for (int patch = 1; patch <= REDEPLOYS; patch++) {
                    SwapAppJar revision = SwapAppJar.version("1.0." + patch);
                    revision.writeTo(server.deploy, DeployedServer.JAR);
                    server.awaitOutput("app swap\\.jar revision " + revision.shortChecksum() + " serving in", WORKERS,
                            Duration.ofSeconds(20));
                }
                load.stop();
                clients.shutdown();
                assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
            }
            long[] steady = load.latencies(false);
            long[] sorted = load.latencies(true);
            System.out.printf("DEPLOY-UNDER-LOAD connections=%d workers=%d redeploys=%d failed=%d; steady: sent=%d "
                            + "p50=%.2f ms p99=%.2f ms max=%.2f ms; through the swaps: sent=%d p50=%.2f ms p99=%.2f ms "
                            + "max=%.2f ms, over 1 s: %d; distinct answers=%d; connections=%d, resent=%d%n",
                    CONNECTIONS, WORKERS, REDEPLOYS, load.failures.size(),
                    steady.length, percentile(steady, 0.50), percentile(steady, 0.99), steady[steady.length - 1] / 1e6,
                    sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                    Arrays.stream(sorted).filter(nanos -> nanos > 1_000_000_000L).count(), load.bodies.size(),
                    load.connections.get(), load.resent.get());
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

    private static double percentile(long[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }

    /** Each client: a request, again and again, on its connection while kept; anything but a 200 "swap ..." fails. */
    private static final class Load {
        private final DeployedServer server;
        private final AtomicBoolean running = new AtomicBoolean(true);
        /** Per client: pairs of (start, latency) in nanoseconds. */
        private final ConcurrentLinkedQueue<long[]> perClient = new ConcurrentLinkedQueue<>();
        private final AtomicLong sent = new AtomicLong();
        volatile long swapsStart = Long.MAX_VALUE;
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final Map<String, AtomicLong> bodies = new ConcurrentHashMap<>();
        final AtomicLong connections = new AtomicLong();
        final AtomicLong resent = new AtomicLong();

        Load(DeployedServer server) {
            this.server = server;
        }

        void run() {
            long[] mine = new long[1 << 16];
            int count = 0;
            KeepAliveClient client = new KeepAliveClient(server.narwhal.port);
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    RawHttp.Response response = client.get("/swap");
                    if (response.status() != 200 || !response.text().startsWith("swap 1.0.")) {
                        failures.add(response.status() + " " + response.text());
                    } else {
                        bodies.computeIfAbsent(response.text(), body -> new AtomicLong()).incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                    tally(client);
                    client = new KeepAliveClient(server.narwhal.port);
                }
                if (count == mine.length) {
                    mine = Arrays.copyOf(mine, mine.length * 2);
                }
                mine[count++] = started;
                mine[count++] = System.nanoTime() - started;
                sent.incrementAndGet();
            }
            perClient.add(Arrays.copyOf(mine, count));
            tally(client);
        }

        /** Counts the connections the client opened and the requests it sent again, and closes it. */
        private void tally(KeepAliveClient client) {
            connections.addAndGet(client.connections());
            resent.addAndGet(client.resent());
            try {
                client.close();
            } catch (IOException e) {
                failures.add("closing: " + e);
            }
        }

        void stop() {
            running.set(false);
        }

        long sent() {
            return sent.get();
        }

        /** Sorted latencies of the requests started before the swaps, or from their start on. */
        long[] latencies(boolean throughSwaps) {
            List<Long> chosen = new ArrayList<>();
            for (long[] client : perClient) {
                for (int i = 0; i < client.length; i += 2) {
                    if ((client[i] >= swapsStart) == throughSwaps) {
                        chosen.add(client[i + 1]);
                    }
                }
            }
            return chosen.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }
}
