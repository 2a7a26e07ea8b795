package io.narwhal.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.itests.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Slow and silent clients against one sync worker with a 2 s timeout: dropped or served, never a "hung worker". */
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
}
