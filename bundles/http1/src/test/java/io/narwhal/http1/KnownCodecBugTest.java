package io.narwhal.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Codec bugs the fuzzers found and nobody has fixed yet, pinned as the codec behaves today so that a fix does not
 * go unnoticed: once one of these fails, the bug is gone; delete the test and the tolerance it names, and the
 * fuzz corpus's input for it becomes a plain regression input.
 */
class KnownCodecBugTest {
    /**
     * "00\tB" is no chunk-size line (RFC 9112 7.1: chunk-size, then BWS ";" for an extension), yet the codec reads
     * size 0 and an extension "B": the body ends here. A front end that reads the line otherwise (as 0x0B bytes,
     * whitespace dropped) forwards what follows as body where the codec sees a new request. Tolerated by
     * WireModel.TOLERATED_SIZE_SUFFIX.
     */
    @Test
    void aChunkSizeFollowedByWhitespaceAndTextIsStillTakenAsTheLastChunk() throws IOException {
        RecordingApp app = new RecordingApp();
        TestConnection.of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n00\tB\r\n\r\n"
                + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n").serveAll(app);
        assertEquals(List.of("/", "/next"), app.seen.stream().map(RecordingApp.Seen::target).toList(),
                "the codec refuses the line now: drop this test and WireModel.TOLERATED_SIZE_SUFFIX");
    }
}
