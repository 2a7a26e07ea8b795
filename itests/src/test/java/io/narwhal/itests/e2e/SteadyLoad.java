package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
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
import java.util.function.Predicate;

/**
 * Clients asking again and again, each on its connection while the server keeps it ({@link KeepAliveClient}), while
 * a test does something to the server: anything but a 200 with an expected body is a failure. Latencies are kept
 * per phase: before {@link #markChangeStart()} (the steady figure) and from it on.
 */
final class SteadyLoad implements AutoCloseable {
    private final int port;
    private final String path;
    private final Predicate<String> expectedBody;
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** Per client: pairs of (start, latency) in nanoseconds. */
    private final ConcurrentLinkedQueue<long[]> perClient = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile long changeStart = Long.MAX_VALUE;
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final Map<String, AtomicLong> bodies = new ConcurrentHashMap<>();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong resent = new AtomicLong();

    private SteadyLoad(int port, String path, Predicate<String> expectedBody) {
        this.port = port;
        this.path = path;
        this.expectedBody = expectedBody;
    }

    /** Starts that many clients, and returns once they have sent {@code warmUp} requests between them. */
    static SteadyLoad start(int port, String path, Predicate<String> expectedBody, int clients, int warmUp) {
        SteadyLoad load = new SteadyLoad(port, path, expectedBody);
        for (int i = 0; i < clients; i++) {
            load.clients.submit(load::run);
        }
        try {
            NarwhalProcess.await(Duration.ofSeconds(60), () -> load.sent() >= warmUp,
                    () -> "the load does not run: " + load.failures.stream().limit(5).toList());
        } catch (AssertionError e) {
            load.running.set(false);
            load.clients.shutdownNow();
            throw e;
        }
        return load;
    }

    /** From now on, latencies count as the change's, not the steady ones. */
    void markChangeStart() {
        changeStart = System.nanoTime();
    }

    private void run() {
        long[] mine = new long[1 << 16];
        int count = 0;
        KeepAliveClient client = new KeepAliveClient(port);
        while (running.get()) {
            long started = System.nanoTime();
            try {
                RawHttp.Response response = client.get(path);
                if (response.status() != 200 || !expectedBody.test(response.text())) {
                    failures.add(response.status() + " " + response.text());
                } else {
                    bodies.computeIfAbsent(response.text(), body -> new AtomicLong()).incrementAndGet();
                }
            } catch (Exception e) {
                failures.add(e.toString());
                tally(client);
                client = new KeepAliveClient(port);
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

    long sent() {
        return sent.get();
    }

    /** Stops the clients and waits for them to end, each after its request in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS), "the clients ended");
    }

    /** Sorted latencies of the requests started before the change, or from its start on. */
    long[] latencies(boolean duringChange) {
        List<Long> chosen = new ArrayList<>();
        for (long[] client : perClient) {
            for (int i = 0; i < client.length; i += 2) {
                if ((client[i] >= changeStart) == duringChange) {
                    chosen.add(client[i + 1]);
                }
            }
        }
        return chosen.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** In milliseconds. */
    static double percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }

    /** "sent=N p50=.. p99=.. max=.. ms" of these sorted latencies. */
    static String summary(long[] sorted) {
        return String.format("sent=%d p50=%.2f ms p99=%.2f ms max=%.2f ms", sorted.length, percentile(sorted, 0.50),
                percentile(sorted, 0.99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    }
}
