package io.narwhal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an access log's %(B)s reads: the body bytes that went out, framing aside. */
class BodyBytesSentTest {
    @Test
    void aWholeBodyAStreamedOneAndAHeadResponseCountWhatWentOut() throws IOException {
        List<Long> sent = new ArrayList<>();
        TestConnection whole = TestConnection.of("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        whole.serveOne((request, response) -> {
            response.send("hello");
            sent.add(response.bodyBytesSent());
        });
        TestConnection streamed = TestConnection.of("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        streamed.serveOne((request, response) -> {
            sent.add(response.bodyBytesSent());
            try (OutputStream body = response.body()) {
                body.write("x".repeat(20_000).getBytes(StandardCharsets.US_ASCII)); // chunked, in pieces
                body.write('!');
            }
            sent.add(response.bodyBytesSent());
        });
        TestConnection head = TestConnection.of("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");
        head.serveOne((request, response) -> {
            response.send("hello");
            sent.add(response.bodyBytesSent());
        });
        assertEquals(List.of(5L, 0L, 20_001L, 0L), sent);
    }
}
