package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow and silent clients against one worker of the class under test with a 2 s timeout: dropped or served, never a
 * "hung worker". A sync worker parks a connection on its selector until its head is whole; a virtual worker gives each
 * connection a virtual thread of its own: either way a slow client holds no one else up.
 */
@OnEveryWorkerClass
class SlowClientE2ETest {
    private static NarwhalProcess narwhal;

    @BeforeAll
    static void start() throws IOException {
        NarwhalProcess.requireDist();
        narwhal = NarwhalProcess.start("-w", "1", "-t", "2").awaitWorkers(1);
    }

    @AfterAll
    static void stop() {
        if (narwhal != null) {
            narwhal.close();
        }
    }

    @Test
    void aSilentClientIsDroppedAndTheWorkerLivesOn() throws IOException {
        List<Long> before = narwhal.liveWorkers();
        try (RawHttp silent = new RawHttp(narwhal.port)) {
            assertTrue(silent.closedByServer(), "the worker drops a client that sends nothing");
        }
        assertEquals(200, RawHttp.get(narwhal.port, "/").status());
        assertEquals(before, narwhal.liveWorkers());
        assertFalse(narwhal.outputContains("WORKER TIMEOUT"), narwhal.output());
    }

    @Test
    void aClientTricklingItsRequestFor4SecondsIsServed() throws IOException {
        List<Long> before = narwhal.liveWorkers();
        byte[] request = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: yes\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (RawHttp slow = new RawHttp(narwhal.port)) {
            // Each byte comes well within the read timeout (1 s), the whole request takes twice the worker timeout.
            long pause = 4_000_000_000L / request.length;
            for (byte b : request) {
                slow.send(new byte[] {b});
                LockSupport.parkNanos(pause);
            }
            assertEquals("Hello, World!", slow.read(false).text());
        }
        assertEquals(before, narwhal.liveWorkers());
        assertFalse(narwhal.outputContains("WORKER TIMEOUT"), narwhal.output());
    }

    /**
     * With 2 workers, 2 clients that send nothing and 2 that trickle a head forever, connected first, are dropped at
     * header_timeout and the tricklers get a 408; a normal client connecting behind them is served within seconds.
     */
    @Test
    void idleAndTricklingClientsHoldNoWorkerPastTheHeaderTimeout() throws Exception {
        try (NarwhalProcess server = NarwhalProcess.start("-w", "2", "--header-timeout", "2").awaitWorkers(2);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            // In the backlog in this order: the normal client comes last.
            List<RawHttp> idle = List.of(new RawHttp(server.port), new RawHttp(server.port));
            List<Future<RawHttp.Response>> tricklers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RawHttp slow = new RawHttp(server.port).send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
                tricklers.add(clients.submit(() -> {
                    try (slow) {
                        return trickleUntilAnswered(slow);
                    }
                }));
            }
            long started = System.nanoTime();
            RawHttp.Response normal = RawHttp.get(server.port, "/");
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.println("HEADER-TIMEOUT normal request behind 2 idle + 2 trickling clients: " + waitedMillis + " ms");
            assertEquals("Hello, World!", normal.text());
            assertTrue(waitedMillis < 8_000, "served within a few seconds of the 2 s deadline: " + waitedMillis + " ms");
            for (Future<RawHttp.Response> trickler : tricklers) {
                RawHttp.Response refused = trickler.get(30, TimeUnit.SECONDS);
                assertEquals(408, refused.status());
                assertEquals("408 Request Timeout: the request head did not arrive within 2 s\n", refused.text());
            }
            for (RawHttp silent : idle) {
                assertTrue(silent.closedByServer(), "a client that sends nothing is dropped");
                silent.close();
            }
        }
    }

    /** Sends a byte every 300 ms until the server answers (sending on would meet a reset), and reads the answer. */
    static RawHttp.Response trickleUntilAnswered(RawHttp slow) throws IOException {
        for (int sent = 0; sent < 100 && !slow.responseWaiting(); sent++) {
            slow.send("a");
            LockSupport.parkNanos(300_000_000L);
        }
        return slow.read(false);
    }

    /**
     * 200 slowloris connections, each trickling its head a byte a second, against 2 workers (on sync their heads wait
     * parked on the workers' selectors; on virtual each on its own virtual thread): 8 concurrent normal clients are
     * served at once throughout, and every trickler still gets its 408 at the deadline.
     */
    @Test
    void twoHundredSlowlorisConnectionsDoNotHoldUpNormalClients() throws Exception {
        int slowloris = 200;
        try (NarwhalProcess server = NarwhalProcess.start("-w", "2", "--header-timeout", "6").awaitWorkers(2);
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<RawHttp> tricklers = new ArrayList<>();
            for (int i = 0; i < slowloris; i++) {
                tricklers.add(new RawHttp(server.port).send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "));
            }
            Future<?> trickling = clients.submit(() -> {
                for (int round = 0; round < 30; round++) {
                    for (RawHttp trickler : tricklers) {
                        try {
                            trickler.send("a");
                        } catch (IOException answered) {
                            // answered (408) and closed: it has nothing more to send
                        }
                    }
                    LockSupport.parkNanos(1_000_000_000L);
                }
                return null;
            });
            List<Future<Long>> normal = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                normal.add(clients.submit(() -> {
                    long slowest = 0;
                    for (int request = 0; request < 8; request++) {
                        long started = System.nanoTime();
                        assertEquals("Hello, World!", RawHttp.get(server.port, "/").text());
                        slowest = Math.max(slowest, System.nanoTime() - started);
                    }
                    return slowest / 1_000_000;
                }));
            }
            long slowestMillis = 0;
            for (Future<Long> client : normal) {
                slowestMillis = Math.max(slowestMillis, client.get(60, TimeUnit.SECONDS));
            }
            System.out.println("SLOWLORIS 64 normal requests, 8 at a time, beside " + slowloris
                    + " trickling connections: slowest " + slowestMillis + " ms");
            assertTrue(slowestMillis < 3_000, "served within a few seconds: " + slowestMillis + " ms");
            for (RawHttp trickler : tricklers) {
                RawHttp.Response refused = trickler.read(false);
                assertEquals("408 Request Timeout: the request head did not arrive within 6 s\n", refused.text());
                trickler.close();
            }
            trickling.cancel(true);
        }
    }

    /** A body dribbled at 20 bytes/s against --body-min-rate 100 is cut off with a 408; an honest upload is echoed. */
    @Test
    void aBodySlowerThanTheMinimumRateIsA408() throws Exception {
        try (NarwhalProcess server = NarwhalProcess.start("-w", "1", "--header-timeout", "2", "--body-min-rate", "100")
                .awaitWorkers(1);
                RawHttp slow = new RawHttp(server.port)) {
            byte[] upload = new byte[64 * 1024];
            java.util.Arrays.fill(upload, (byte) 'u');
            RawHttp.Response echoed = RawHttp.exchange(new java.net.InetSocketAddress("127.0.0.1", server.port),
                    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + upload.length + "\r\n\r\n"
                            + new String(upload, StandardCharsets.ISO_8859_1));
            assertEquals(upload.length, echoed.body().length);

            long started = System.nanoTime();
            slow.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
            for (int sent = 0; sent < 100 && !slow.responseWaiting(); sent++) {
                slow.send("0123456789");
                LockSupport.parkNanos(500_000_000L);
            }
            RawHttp.Response refused = slow.read(false);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(408, refused.status());
            assertEquals("408 Request Timeout: the request body arrived slower than 100 bytes/s\n", refused.text());
            // 2 s of waiting allowed, plus 10 ms per byte received at 20 bytes/s: due after about 2.5 s.
            assertTrue(tookMillis >= 2_000 && tookMillis < 10_000, "cut off after " + tookMillis + " ms");
        }
    }
}
