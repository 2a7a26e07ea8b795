package io.narwhal.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class RecordingResponseTest {
    private final RecordingResponse response = new RecordingResponse();

    @Test
    void sendCommitsAndCompletes() {
        response.status(201).headers().set("X-A", "1");
        response.send(new byte[] {1, 2});

        assertEquals(201, response.status());
        assertArrayEquals(new byte[] {1, 2}, response.bodyBytes());
        assertTrue(response.isCommitted() && response.isComplete());
        assertFalse(response.isStreamed());
        assertThrows(IllegalStateException.class, () -> response.send("again"));
        assertThrows(IllegalStateException.class, () -> response.status(500));
        assertThrows(IllegalStateException.class, response::body);
    }

    @Test
    void theFirstBodyByteCommitsAndTheHeadersAreKeptAsTheyStoodThen() throws Exception {
        OutputStream body = response.body();
        body.write(new byte[0]);
        assertFalse(response.isCommitted(), "nothing written yet");
        response.headers().set("Content-Length", "3");

        body.write('a');
        response.headers().set("Content-Length", "9");
        body.write(new byte[] {'b', 'c'});

        assertTrue(response.isCommitted());
        assertFalse(response.isComplete());
        assertEquals("3", response.committedHeaders().first("Content-Length"));
        assertThrows(IllegalStateException.class, () -> response.status(404));
        body.close();
        assertTrue(response.isComplete() && response.isStreamed());
        assertEquals("abc", response.bodyText());
        assertEquals(2, response.largestWrite());
        assertThrows(IllegalStateException.class, () -> body.write('d'));
    }

    @Test
    void anUncommittedResponseCanStillChange() {
        response.status(404);

        assertFalse(response.isCommitted());
        assertNull(response.committedHeaders());
        assertThrows(IllegalArgumentException.class, () -> response.status(99));
    }
}
