package io.narwhal.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AliveOnReadTest {
    @Test
    void everyReadThatBringsBytesCountsAsAlive_endOfStreamDoesNot() throws IOException {
        AtomicInteger alive = new AtomicInteger();
        try (AliveOnRead in = new AliveOnRead(new ByteArrayInputStream("abcdef".getBytes()), alive::incrementAndGet)) {
            assertEquals('a', in.read());
            assertEquals(3, in.read(new byte[3], 0, 3));
            assertEquals(2, in.read(new byte[8], 0, 8));
            assertEquals(-1, in.read(new byte[8], 0, 8));
            assertEquals(-1, in.read());
        }
        assertEquals(3, alive.get());
    }
}
