package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String HELLO = "Hello, World!";

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

    private static NarwhalProcess virtual(int workers, String... flags) throws IOException {
        List<String> all = new ArrayList<>(List.of("-k", "virtual", "-w", Integer.toString(workers)));
        all.addAll(List.of(flags));
        return NarwhalProcess.start(all.toArray(String[]::new)).awaitWorkers(workers);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Sends a head a byte every 300 ms until the answer comes, a 408; how long after {@code since} it came. */
    private static long trickleAHead(RawHttp slow, long since) throws IOException {
        try (slow) {
            slow.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            RawHttp.Response refused = SlowClientE2ETest.trickleUntilAnswered(slow);
            assertEquals("408 Request Timeout: the request head did not arrive within 2 s\n", refused.text());
            assertTrue(slow.closedByServer());
            return millisSince(since);
        }
    }

    /** A connection left idle after its answer is closed after keepalive with nothing sent; one in use is kept. */
    @Test
    void aKeepAliveConnectionIdleForKeepaliveSecondsIsClosedUnanswered_oneInUseIsKept() throws Exception {
        try (NarwhalProcess narwhal = virtual(1, "--keep-alive", "1");
                RawHttp idle = new RawHttp(narwhal.port);
                RawHttp busy = new RawHttp(narwhal.port);
                ExecutorService watcher = Executors.newVirtualThreadPerTaskExecutor()) {
            assertEquals(HELLO, idle.send(GET).read(false).text());
            long answered = System.nanoTime();
            long received = idle.received();
            Future<Long> closedAfter = watcher.submit(() -> {
                assertTrue(idle.closedByServer(), "the server sent something on an idle connection");
                return millisSince(answered);
            });
            // A request every 400 ms for 3 s: each within keepalive of the one before, so the connection stays.
            for (int i = 0; i < 8; i++) {
                assertEquals(HELLO, busy.send(GET).read(false).text(), "request " + i + " on the connection in use");
                LockSupport.parkNanos(400_000_000L);
            }
            long idleMillis = closedAfter.get(10, TimeUnit.SECONDS);
            System.out.println("KEEPALIVE 1 s: the idle connection was closed after " + idleMillis + " ms");
            assertTrue(idleMillis >= 950 && idleMillis < 3_000, "closed after " + idleMillis + " ms");
            assertEquals(received, idle.received(), "closed without an answer");
        }
    }

    /**
     * One connection trickles its first head, another, kept alive, its second one, a byte every 300 ms: each gets
     * header_timeout's 408 at its deadline (on keep-alive counted from the request's first byte), while 8 keep-alive
     * clients asking all along are answered at once on their own connections.
     */
    @Test
    void tricklingHeadsGetTheir408AtHeaderTimeoutAndHoldUpNoKeepAliveClient() throws Exception {
        try (NarwhalProcess narwhal = virtual(1, "--header-timeout", "2", "--keep-alive", "30");
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            RawHttp kept = new RawHttp(narwhal.port);
            assertEquals(HELLO, kept.send(GET).read(false).text());
            // A first head is due header_timeout after the connection opened; a kept connection's next, after its
            // first byte.
            long connecting = System.nanoTime();
            RawHttp fresh = new RawHttp(narwhal.port);
            List<Future<Long>> tricklers = List.of(clients.submit(() -> trickleAHead(fresh, connecting)),
                    clients.submit(() -> trickleAHead(kept, System.nanoTime())));
            AtomicBoolean trickling = new AtomicBoolean(true);
            List<Future<long[]>> busy = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                busy.add(clients.submit(() -> {
                    try (KeepAliveClient client = new KeepAliveClient(narwhal.port)) {
                        long slowest = 0;
                        long requests = 0;
                        while (trickling.get()) {
                            long started = System.nanoTime();
                            assertEquals(HELLO, client.get("/").text());
                            slowest = Math.max(slowest, System.nanoTime() - started);
                            requests++;
                        }
                        return new long[] {slowest / 1_000_000, requests, client.connections()};
                    }
                }));
            }
            List<Long> refusedAfter = new ArrayList<>();
            for (Future<Long> trickler : tricklers) {
                refusedAfter.add(trickler.get(30, TimeUnit.SECONDS));
            }
            trickling.set(false);
            long slowest = 0;
            for (Future<long[]> client : busy) {
                long[] figures = client.get(30, TimeUnit.SECONDS);
                slowest = Math.max(slowest, figures[0]);
                assertTrue(figures[1] > 10, "a busy client was answered " + figures[1] + " times");
                assertEquals(1, figures[2], "a busy client kept its connection");
            }
            System.out.println("TRICKLING on virtual: 408 after " + refusedAfter + " ms (first head, kept connection's"
                    + " second); 8 keep-alive clients meanwhile, slowest answer " + slowest + " ms");
            for (long millis : refusedAfter) {
                assertTrue(millis >= 1_900 && millis < 5_000, "408 after " + millis + " ms");
            }
            assertTrue(slowest < 1_000, "the busy clients were held up: " + slowest + " ms");
        }
    }

    /**
     * 64 keep-alive clients ask all along while max_requests recycles the 2 workers again and again: every request
     * is answered in full. What a recycled worker does to its connections: an answer in flight says Connection:
     * close, an idle connection is closed; a request that met such a connection closed before a byte of its answer
     * (sent just as the worker closed it) is sent again on a new one, as any keep-alive client does.
     */
    @Test
    void sixtyFourKeepAliveClientsThroughMaxRequestsRecyclingEveryRequestIsAnswered() throws Exception {
        int clients = 64;
        try (NarwhalProcess narwhal = virtual(2, "--max-requests", "400", "--max-requests-jitter", "100",
                "--keep-alive", "60");
                ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
            Set<Long> first = Set.copyOf(narwhal.liveWorkers());
            AtomicBoolean asking = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicLong answered = new AtomicLong();
            AtomicLong connections = new AtomicLong();
            AtomicLong resent = new AtomicLong();
            AtomicLong closeAnswers = new AtomicLong();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(load.submit(() -> {
                    KeepAliveClient client = new KeepAliveClient(narwhal.port);
                    while (asking.get()) {
                        try {
                            RawHttp.Response response = client.get("/");
                            if (response.status() == 200 && response.text().equals(HELLO)) {
                                answered.incrementAndGet();
                            } else {
                                failures.add(response.status() + " " + response.text());
                            }
                        } catch (IOException e) {
                            failures.add(e.toString());
                            client.close();
                            client = new KeepAliveClient(narwhal.port);
                        }
                    }
                    connections.addAndGet(client.connections());
                    resent.addAndGet(client.resent());
                    closeAnswers.addAndGet(client.closeAnswers());
                    client.close();
                    return null;
                }));
            }
            NarwhalProcess.await(Duration.ofSeconds(90), () -> narwhal.everyWorker().size() >= 2 + 4,
                    () -> "not 4 workers recycled: " + narwhal.everyWorker() + "\n" + narwhal.output());
            asking.set(false);
            for (Future<?> client : running) {
                client.get(30, TimeUnit.SECONDS);
            }
            System.out.printf("MAX-REQUESTS on virtual: %d keep-alive clients, %d workers started, %d answered, "
                            + "%d failed; %d connections, %d answers said close, %d requests sent again%n", clients,
                    narwhal.everyWorker().size(), answered.get(), failures.size(), connections.get(),
                    closeAnswers.get(), resent.get());
            assertEquals(List.of(), List.copyOf(failures), "every request answered 200 in full");
            assertTrue(narwhal.outputContains("(max_requests): replacing it"), narwhal.output());
            assertTrue(connections.get() > clients, "the clients moved to the new workers: " + connections.get());
            NarwhalProcess.await(Duration.ofSeconds(30), () -> first.stream().noneMatch(NarwhalProcess::isAlive),
                    () -> "recycled workers still alive: " + first);
            narwhal.awaitWorkers(2);
        }
    }

    /**
     * SIGTERM with 16 keep-alive connections idle and 2 requests in flight: the idle ones are closed at once, with
     * nothing sent; those in flight finish, answered in full with Connection: close; the master exits 0.
     */
    @Test
    void sigtermClosesIdleKeepAliveConnectionsAtOnceAndLetsRequestsInFlightFinish() throws Exception {
        try (NarwhalProcess narwhal = virtual(1, "--keep-alive", "60")) {
            long worker = narwhal.liveWorkers().getFirst();
            List<RawHttp> idle = new ArrayList<>();
            List<RawHttp> inFlight = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    RawHttp connection = new RawHttp(narwhal.port);
                    idle.add(connection);
                    RawHttp.Response response = connection.send(GET).read(false);
                    assertEquals(HELLO, response.text());
                    assertNull(response.header("Connection"));
                }
                for (int i = 0; i < 2; i++) {
                    RawHttp connection = new RawHttp(narwhal.port);
                    inFlight.add(connection);
                    // The 100 Continue comes when the app starts reading the body: the request is in flight.
                    connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n");
                    assertEquals(100, connection.read(false).status());
                }
                Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(narwhal.pid())}).waitFor();
                long signalled = System.nanoTime();
                for (RawHttp connection : idle) {
                    long received = connection.received();
                    assertTrue(connection.closedByServer(), "an idle connection is closed");
                    assertEquals(received, connection.received(), "with nothing sent");
                }
                long idleClosedMillis = millisSince(signalled);
                for (RawHttp connection : inFlight) {
                    RawHttp.Response response = connection.send("helloworld").read(false);
                    assertEquals(200, response.status());
                    assertEquals("helloworld", response.text());
                    assertEquals("close", response.header("Connection"));
                    assertTrue(connection.closedByServer());
                }
                System.out.println("SIGTERM on virtual: 16 idle keep-alive connections closed within " + idleClosedMillis
                        + " ms; 2 requests in flight answered");
                assertTrue(idleClosedMillis < 10_000, "idle connections closed after " + idleClosedMillis + " ms");
                assertEquals(0, narwhal.waitForExit(Duration.ofSeconds(40)), narwhal.output());
                NarwhalProcess.await(Duration.ofSeconds(5), () -> !NarwhalProcess.isAlive(worker), () -> "worker left");
            } finally {
                for (RawHttp connection : idle) {
                    connection.close();
                }
                for (RawHttp connection : inFlight) {
                    connection.close();
                }
            }
        }
    }

    /**
     * With worker_connections 4 and 4 keep-alive connections open, a fifth client's connection waits in the listen
     * backlog, unanswered, while the four are still served; once one of them closes, the fifth is answered.
     */
    @Test
    void withWorkerConnections4AFifthClientWaitsInTheBacklogUntilOneOfTheFourCloses() throws Exception {
        try (NarwhalProcess narwhal = virtual(1, "--worker-connections", "4", "--keep-alive", "60")) {
            List<RawHttp> connections = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    connections.add(new RawHttp(narwhal.port));
                    assertEquals(HELLO, connections.get(i).send(GET).read(false).text());
                }
                // Connected by the kernel into the listen backlog; the worker has no room to accept it.
                RawHttp fifth = new RawHttp(narwhal.port);
                connections.add(fifth);
                fifth.send(GET);
                long waitedSince = System.nanoTime();
                while (millisSince(waitedSince) < 1_500) {
                    assertEquals(HELLO, connections.get(1).send(GET).read(false).text(), "the four are served meanwhile");
                    assertFalse(fifth.responseWaiting(), "the fifth connection was served past worker_connections");
                    LockSupport.parkNanos(100_000_000L);
                }
                connections.removeFirst().close();
                long closed = System.nanoTime();
                assertEquals(HELLO, fifth.read(false).text());
                long servedMillis = millisSince(closed);
                System.out.println("WORKER-CONNECTIONS 4: the fifth answered " + servedMillis + " ms after one closed");
                assertTrue(servedMillis < 3_000, "answered " + servedMillis + " ms after one of the four closed");
            } finally {
                for (RawHttp connection : connections) {
                    connection.close();
                }
            }
        }
    }

    /**
     * 2,000 keep-alive connections, each answered once and then idle, on one worker: a new client is still answered
     * at once, and every one of the 2,000 is still open and answers its next request.
     */
    @Test
    void twoThousandIdleKeepAliveConnectionsOnOneWorker_aNewRequestIsAnsweredPromptly() throws Exception {
        int idleCount = 2_000;
        long files = ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        assertTrue(files >= idleCount + 1_000, "this test holds " + idleCount + " sockets, and this JVM may open "
                + files + " files: raise ulimit -n");
        try (NarwhalProcess narwhal = virtual(1, "--worker-connections", "3000", "--keep-alive", "300")) {
            long worker = narwhal.liveWorkers().getFirst();
            List<RawHttp> idle = new ArrayList<>();
            try {
                long opening = System.nanoTime();
                for (int i = 0; i < idleCount; i++) {
                    RawHttp connection = new RawHttp(narwhal.port);
                    idle.add(connection);
                    assertEquals(HELLO, connection.send(GET).read(false).text(), "connection " + i);
                }
                long openedMillis = millisSince(opening);
                long started = System.nanoTime();
                assertEquals(HELLO, RawHttp.get(narwhal.port, "/").text());
                long newRequestMicros = (System.nanoTime() - started) / 1_000;
                String rss = Files.readAllLines(Path.of("/proc/" + worker + "/status")).stream()
                        .filter(line -> line.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?");
                long reusing = System.nanoTime();
                for (int i = 0; i < idleCount; i++) {
                    assertEquals(HELLO, idle.get(i).send(GET).read(false).text(), "idle connection " + i);
                }
                System.out.printf("IDLE-CONNECTIONS %d opened and answered in %d ms; a new request then took %d us;"
                                + " worker %s; all %d answered again in %d ms%n", idleCount, openedMillis,
                        newRequestMicros, rss.replaceAll("\\s+", " "), idleCount, millisSince(reusing));
                assertTrue(newRequestMicros < 2_000_000, "a new request took " + newRequestMicros + " us");
            } finally {
                for (RawHttp connection : idle) {
                    connection.close();
                }
            }
        }
    }
}
